import FaaSrCore
import Foundation

/// Puts a function's code into its folder (spec/runtime.md §2.7.2): `FunctionGitRepo`
/// (git clone, repository tarball with a sub-path, or one file through the contents API) or
/// `FunctionLocalFile` (relative paths resolve against the workflow file's folder).
struct FunctionCode {
    let payload: ActionPayload
    let source: WorkflowSource
    let log: ActionLog
    let environment: [String: String]

    /// Strings of a value that may be a string or an array of strings (a string is one item).
    static func list(_ v: JSONValue?) -> [String] {
        guard let v else { return [] }
        if let s = v.stringValue { return s.isEmpty ? [] : [s] }
        return (v.arrayValue ?? []).compactMap(\.stringValue).filter { !$0.isEmpty }
    }

    func fetch(functionName: String, into dir: URL) async throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let repos = Self.list(payload["FunctionGitRepo"]?.objectValue?[functionName])
        let locals = Self.list(payload["FunctionLocalFile"]?.objectValue?[functionName])
        if !repos.isEmpty && !locals.isEmpty {
            throw RuntimeFailure("\(functionName) has both FunctionGitRepo and FunctionLocalFile; keep one")
        }
        for r in repos { try await fetchRepo(r, into: dir) }
        for l in locals { try copyLocal(l, into: dir) }
        if repos.isEmpty && locals.isEmpty {
            log.log(.warning, "no FunctionGitRepo or FunctionLocalFile for \(functionName)")
        }
    }

    func copyLocal(_ path: String, into dir: URL) throws {
        let file: URL
        if path.hasPrefix("/") {
            file = URL(fileURLWithPath: path)
        } else if let base = WorkflowSource.localFolder(of: payload.payloadURL) {
            file = base.appendingPathComponent(path).standardizedFileURL
        } else {
            file = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir) else {
            throw RuntimeFailure("FunctionLocalFile \(path) not found (looked at \(file.path))")
        }
        let dest = dir.appendingPathComponent(file.lastPathComponent)
        if FileManager.default.fileExists(atPath: dest.path) { return }
        try FileManager.default.copyItem(at: file, to: dest)
        log.log(.info, "copied \(file.path)")
    }

    func fetchRepo(_ spec: String, into dir: URL) async throws {
        let parts = spec.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if spec.hasPrefix("https://github.com") && parts.count == 5 {
            guard spec.hasSuffix(".git") else {
                throw RuntimeFailure("FunctionGitRepo \(spec): a clone URL must end in .git")
            }
            guard let git = ChildProcess.which("git", path: environment["PATH"]) else {
                throw RuntimeFailure("FunctionGitRepo \(spec) needs git, which is not on PATH")
            }
            let dest = dir.appendingPathComponent(parts[3]).appendingPathComponent(String(parts[4].dropLast(4)))
            // Never wait for a password prompt; git's own settings (url.<base>.insteadOf,
            // credential helpers) apply as usual.
            var env = environment
            env["GIT_TERMINAL_PROMPT"] = "0"
            let out = try await ChildProcess.run(executable: git, arguments: ["clone", "--depth=1", "--quiet", spec, dest.path],
                                                 directory: dir, environment: env, timeout: .seconds(600),
                                                 onLine: { log.output($0) })
            guard out.status == 0 else { throw RuntimeFailure("git clone \(spec) failed (status \(out.status))") }
            return
        }
        let lower = spec.lowercased()
        if lower.hasSuffix(".py") || lower.hasSuffix(".r") || lower.hasSuffix(".jl") {
            guard let loc = WorkflowSource.gitHubLocation(spec) else {
                throw RuntimeFailure("FunctionGitRepo \(spec): a single file needs owner/repo/branch/path/file")
            }
            let text = try await source.fetchGitHubFile(loc)
            try Data(text.utf8).write(to: dir.appendingPathComponent((loc.path as NSString).lastPathComponent))
            log.log(.info, "fetched \(spec)")
            return
        }
        // Repository tarball, optionally restricted to a sub-path.
        let owner: String, repo: String, sub: String
        if spec.hasPrefix("https://github.com") {
            guard parts.count >= 5 else { throw RuntimeFailure("FunctionGitRepo \(spec) is not a GitHub repository URL") }
            owner = parts[3]; repo = parts[4]
            sub = parts.count > 7 ? parts[7...].joined(separator: "/") : ""
        } else {
            guard parts.count >= 2 else { throw RuntimeFailure("FunctionGitRepo \(spec) must be owner/repo[/path]") }
            owner = parts[0]; repo = parts[1]
            sub = parts.count > 2 ? parts[2...].joined(separator: "/") : ""
        }
        var headers: [(String, String)] = [("Accept", "application/vnd.github.v3+json"), ("X-GitHub-Api-Version", "2022-11-28")]
        if let t = source.token, !t.isEmpty { headers.append(("Authorization", "Bearer \(t)")) }
        let data = try await source.getData("\(source.gitHubAPI)/repos/\(owner)/\(repo)/tarball", headers: headers)
        let tmp = dir.appendingPathComponent(".tarball-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let archive = tmp.appendingPathComponent("repo.tar.gz")
        try data.write(to: archive)
        guard let tar = ChildProcess.which("tar", path: environment["PATH"]) else {
            throw RuntimeFailure("FunctionGitRepo \(spec) needs tar, which is not on PATH")
        }
        let out = try await ChildProcess.run(executable: tar, arguments: ["-xzf", archive.path, "-C", tmp.path],
                                             directory: tmp, environment: environment, timeout: .seconds(600), onLine: { log.output($0) })
        guard out.status == 0 else { throw RuntimeFailure("cannot extract the tarball of \(owner)/\(repo)") }
        let roots = try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0 != "repo.tar.gz" }
        guard let root = roots.first else { throw RuntimeFailure("the tarball of \(owner)/\(repo) is empty") }
        let rootURL = tmp.appendingPathComponent(root)
        for name in try FileManager.default.contentsOfDirectory(atPath: rootURL.path) {
            // FaaSr keeps members whose path starts with `{root}/{sub}` (a prefix match).
            if !sub.isEmpty && !(name.hasPrefix(sub) || sub.hasPrefix(name + "/")) { continue }
            if !sub.isEmpty && sub.hasPrefix(name + "/") {
                try copyMatching(rootURL.appendingPathComponent(name), rel: name, sub: sub, into: dir.appendingPathComponent(root))
                continue
            }
            let dest = dir.appendingPathComponent(root).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: dest.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: dest.path) {
                try FileManager.default.copyItem(at: rootURL.appendingPathComponent(name), to: dest)
            }
        }
        log.log(.info, "fetched \(owner)/\(repo)\(sub.isEmpty ? "" : "/" + sub)")
    }

    private func copyMatching(_ url: URL, rel: String, sub: String, into base: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            let r = rel + "/" + name
            if r.hasPrefix(sub) {
                let dest = base.appendingPathComponent(r)
                try FileManager.default.createDirectory(at: dest.deletingLastPathComponent(), withIntermediateDirectories: true)
                if !FileManager.default.fileExists(atPath: dest.path) { try FileManager.default.copyItem(at: url.appendingPathComponent(name), to: dest) }
            } else if sub.hasPrefix(r + "/") {
                try copyMatching(url.appendingPathComponent(name), rel: r, sub: sub, into: base)
            }
        }
    }
}

/// Installs a function's packages (spec/runtime.md §2.7.3); a failed install is an error.
struct PackageInstaller {
    let payload: ActionPayload
    let log: ActionLog
    let environment: [String: String]

    func install(functionName: String, type: String, into dir: URL) async throws {
        let pypi = FunctionCode.list(payload["PyPIPackageDownloads"]?.objectValue?[functionName])
        let cran = FunctionCode.list(payload["FunctionCRANPackage"]?.objectValue?[functionName])
        let gh = FunctionCode.list(payload["FunctionGitHubPackage"]?.objectValue?[functionName])
        if type == "Python", !(pypi.isEmpty && gh.isEmpty) {
            let python = environment["FAASR_PYTHON"] ?? "python3"
            guard let exe = ChildProcess.which(python, path: environment["PATH"]) else {
                throw RuntimeFailure("installing PyPI packages needs \(python), which is not on PATH")
            }
            let target = dir.appendingPathComponent("python").path
            for p in pypi + gh.map({ "git+https://github.com/\($0).git" }) {
                try await run(exe, ["-m", "pip", "install", "--no-input", "--disable-pip-version-check", "-q", p, "-t", target], what: "pip install \(p)")
            }
        }
        if type == "R", !(cran.isEmpty && gh.isEmpty) {
            guard let exe = ChildProcess.which("Rscript", path: environment["PATH"]) else {
                throw RuntimeFailure("installing R packages needs Rscript, which is not on PATH (apt-get install r-base-core)")
            }
            let lib = dir.appendingPathComponent("R").path
            try FileManager.default.createDirectory(atPath: lib, withIntermediateDirectories: true)
            for p in cran {
                try await run(exe, ["-e", "install.packages('\(p)', lib='\(lib)', repos='https://cloud.r-project.org'); if (!requireNamespace('\(p)', lib.loc='\(lib)', quietly=TRUE)) quit(status=1)"], what: "CRAN package \(p)")
            }
            for p in gh {
                try await run(exe, ["-e", ".libPaths(c('\(lib)', .libPaths())); remotes::install_github('\(p)', lib='\(lib)')"], what: "GitHub package \(p)")
            }
        }
    }

    private func run(_ exe: String, _ args: [String], what: String) async throws {
        log.log(.info, "installing \(what)")
        let out = try await ChildProcess.run(executable: exe, arguments: args, directory: URL(fileURLWithPath: NSTemporaryDirectory()),
                                             environment: environment, timeout: .seconds(1800), onLine: { log.output($0) })
        guard out.status == 0 else { throw RuntimeFailure("\(what) failed (status \(out.status))") }
    }
}
