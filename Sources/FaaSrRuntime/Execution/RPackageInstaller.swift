import FaaSrCore
import Foundation

/// Installs R packages into one library folder: `FunctionCRANPackage` items with
/// `install.packages` from the CRAN-like repository in `FAASR_CRAN_REPO` (default
/// https://cloud.r-project.org; several separated by commas), and `FunctionGitHubPackage`
/// items from their repository tarball (GitHub REST API, `GH_PAT`) with `R CMD INSTALL`,
/// their missing `Depends`/`Imports`/`LinkingTo` first from the same CRAN repository. No
/// remotes or devtools needed. A package already in the library is not installed again.
struct RPackageInstaller {
    /// The default CRAN repository (FaaSr's).
    static let defaultRepository = "https://cloud.r-project.org"

    let source: WorkflowSource
    let log: ActionLog
    let environment: [String: String]
    /// The R library the packages go into.
    let library: URL
    /// Where each installed GitHub item records the package name it installed.
    let markers: URL

    /// The CRAN repository (or comma-separated repositories) packages come from.
    var repository: String {
        let r = environment["FAASR_CRAN_REPO"]?.trimmingCharacters(in: .whitespaces) ?? ""
        return r.isEmpty ? Self.defaultRepository : r
    }

    /// Installs the CRAN packages, then the GitHub packages, of function `fn`.
    func install(cran: [String], gitHub: [String], for fn: String) async throws {
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        for p in cran where !Self.isPackageName(p) {
            throw RuntimeFailure("FunctionCRANPackage '\(p)' of \(fn) is not an R package name (letters, digits and dots, starting with a letter)")
        }
        let specs = try gitHub.map(GitHubPackageSpec.init)
        let needed = cran.filter { p in
            let have = isInstalled(p)
            if have { log.log(.info, "R package \(p) is already installed in \(library.path)") }
            return !have
        }
        if !needed.isEmpty {
            try await installFromCRAN(needed, anywhere: false, what: "FunctionCRANPackage of \(fn)")
        }
        for spec in specs { try await installFromGitHub(spec, for: fn) }
    }

    /// Whether the library holds a package of that name.
    func isInstalled(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: library.appendingPathComponent(name).appendingPathComponent("DESCRIPTION").path)
    }

    /// Whether `p` is a valid R package name.
    static func isPackageName(_ p: String) -> Bool {
        guard p.count >= 2, let first = p.unicodeScalars.first, let last = p.unicodeScalars.last,
              CharacterSet.letters.contains(first), last != "." else { return false }
        return p.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == ".") }
    }

    /// R code: arguments lib, repositories (comma-separated), scope ("lib": skip packages in
    /// the library; "anywhere": skip packages anywhere on the library path), packages.
    /// Prints R's warnings and errors as `faasr-problem:` lines and the packages that are
    /// still missing as a `faasr-missing:` line, then exits 1.
    static let cranScript = """
    a <- commandArgs(TRUE)
    lib <- a[1]; repos <- strsplit(a[2], ",", fixed = TRUE)[[1]]; anywhere <- identical(a[3], "anywhere"); pkgs <- a[-(1:3)]
    .libPaths(c(lib, .libPaths()))
    have <- function(p) nzchar(system.file(package = p, lib.loc = if (anywhere) .libPaths() else lib))
    need <- pkgs[!vapply(pkgs, have, logical(1))]
    for (p in setdiff(pkgs, need)) cat("R package", p, "is already installed\\n")
    if (length(need) > 0) {
      problems <- character()
      tryCatch(withCallingHandlers(install.packages(need, lib = lib, repos = repos),
          warning = function(w) { problems <<- c(problems, conditionMessage(w)); invokeRestart("muffleWarning") }),
        error = function(e) problems <<- c(problems, conditionMessage(e)))
      for (m in problems) cat("faasr-problem:", gsub("[[:space:]]+", " ", m), "\\n")
      bad <- need[!vapply(need, have, logical(1))]
      if (length(bad) > 0) { cat("faasr-missing:", bad, "\\n"); quit(status = 1) }
    }
    """

    /// Installs `packages` from the CRAN repository with Rscript.
    func installFromCRAN(_ packages: [String], anywhere: Bool, what: String) async throws {
        let names = packages.joined(separator: ", ")
        guard let rscript = ChildProcess.which("Rscript", path: environment["PATH"]) else {
            throw RuntimeFailure("installing the R packages \(names) (\(what)) needs Rscript, which is not on PATH:"
                                 + " install R (apt-get install r-base-core) or put R's bin folder on PATH")
        }
        log.log(.info, "installing R packages \(names) (\(what)) from \(repository)")
        let lines = LineCollector(log: log)
        let out = try await ChildProcess.run(
            executable: rscript, arguments: ["-e", Self.cranScript, library.path, repository, anywhere ? "anywhere" : "lib"] + packages,
            directory: URL(fileURLWithPath: NSTemporaryDirectory()), environment: environment, timeout: .seconds(1800),
            onLine: { lines.add($0) })
        guard out.status == 0 else {
            let missing = lines.value(after: "faasr-missing:").first ?? names
            let problems = lines.value(after: "faasr-problem:")
            throw RuntimeFailure("R package \(missing) (\(what)) could not be installed from \(repository)"
                                 + (out.timedOut ? " (timed out)" : "")
                                 + (problems.isEmpty ? "" : ": " + problems.joined(separator: "; "))
                                 + ". Check the package name, or set FAASR_CRAN_REPO to a CRAN-like repository that has it")
        }
    }

    /// Downloads `spec`'s repository tarball and installs the package in it with
    /// `R CMD INSTALL`, unless this item was installed into the library before.
    func installFromGitHub(_ spec: GitHubPackageSpec, for fn: String) async throws {
        let what = "FunctionGitHubPackage \(spec.text) of \(fn)"
        let marker = markers.appendingPathComponent(spec.text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? spec.text)
        if let name = try? String(contentsOf: marker, encoding: .utf8), isInstalled(name) {
            log.log(.info, "R package \(name) from \(spec.text) is already installed in \(library.path)")
            return
        }
        guard let r = ChildProcess.which("R", path: environment["PATH"]) else {
            throw RuntimeFailure("installing the R package \(spec.text) (\(what)) needs R (R CMD INSTALL), which is not on PATH:"
                                 + " install R (apt-get install r-base-core) or put R's bin folder on PATH")
        }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("faasr-rpkg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        log.log(.info, "downloading \(spec.text)")
        let root = try await GitHubTarball(source: source, log: log, environment: environment)
            .fetch(owner: spec.owner, repo: spec.repo, ref: spec.ref, into: tmp, what: what)
        let folder = spec.subdirectory.isEmpty ? root : root.appendingPathComponent(spec.subdirectory)
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("DESCRIPTION").path) else {
            throw RuntimeFailure("\(what): \(spec.subdirectory.isEmpty ? "the repository root" : "folder \(spec.subdirectory)") has no DESCRIPTION,"
                                 + " so it is not an R package; if the package is in a sub-folder, write owner/repo/sub/dir[@ref]")
        }
        let fields = Self.descriptionFields(String(decoding: data, as: UTF8.self))
        guard let name = fields["Package"], Self.isPackageName(name) else {
            throw RuntimeFailure("\(what): its DESCRIPTION has no valid Package field")
        }
        let deps = Self.dependencies(fields)
        if !deps.isEmpty {
            try await installFromCRAN(deps, anywhere: true, what: "dependencies of \(spec.text)")
        }
        log.log(.info, "installing R package \(name) from \(spec.text)")
        var env = environment
        env["R_LIBS"] = [library.path, environment["R_LIBS"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ":")
        let lines = LineCollector(log: log)
        let out = try await ChildProcess.run(executable: r, arguments: ["CMD", "INSTALL", "-l", library.path, folder.path],
                                             directory: tmp, environment: env, timeout: .seconds(1800), onLine: { lines.add($0) })
        guard out.status == 0, isInstalled(name) else {
            let errors = lines.all.filter { $0.hasPrefix("ERROR") || $0.hasPrefix("Error") }.prefix(3)
            throw RuntimeFailure("R package \(name) from \(spec.text) (\(what)) failed to install with R CMD INSTALL (status \(out.status))"
                                 + (errors.isEmpty ? "" : ": " + errors.joined(separator: "; "))
                                 + ". R's output is in the action log; fix the package or pin a ref that installs (owner/repo@ref)")
        }
        try FileManager.default.createDirectory(at: markers, withIntermediateDirectories: true)
        try Data(name.utf8).write(to: marker, options: .atomic)
    }

    /// The fields of a DESCRIPTION file (Debian control format; continuation lines joined).
    static func descriptionFields(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        var key: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(raw)
            if line.first == " " || line.first == "\t" {
                if let k = key { out[k, default: ""] += " " + line.trimmingCharacters(in: .whitespaces) }
            } else if let colon = line.firstIndex(of: ":") {
                let k = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
                out[k] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                key = k
            }
        }
        return out
    }

    /// The packages named in Depends, Imports and LinkingTo (version constraints and R itself
    /// left out), in order, without duplicates.
    static func dependencies(_ fields: [String: String]) -> [String] {
        var out: [String] = []
        for field in ["Depends", "Imports", "LinkingTo"] {
            for item in (fields[field] ?? "").split(separator: ",") {
                let name = item.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                if !name.isEmpty, name != "R", !out.contains(name) { out.append(name) }
            }
        }
        return out
    }
}

/// Output lines of an install, streamed to the action log and kept for the error message.
private final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private let log: ActionLog

    init(log: ActionLog) { self.log = log }

    func add(_ line: String) {
        lock.withLock { lines.append(line) }
        log.output(line)
    }

    var all: [String] { lock.withLock { lines } }

    /// The rest of each line that starts with `prefix`, trimmed.
    func value(after prefix: String) -> [String] {
        all.filter { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) }
    }
}
