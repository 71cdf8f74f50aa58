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
        let tmp = dir.appendingPathComponent(".tarball-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let rootURL = try await GitHubTarball(source: source, log: log, environment: environment)
            .fetch(owner: owner, repo: repo, ref: nil, into: tmp, what: "FunctionGitRepo \(spec)")
        let root = rootURL.lastPathComponent
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
