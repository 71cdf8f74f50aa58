import FaaSrCore
import Foundation

/// A repository tarball fetched through GitHub's REST API
/// (`GET {api}/repos/{owner}/{repo}/tarball[/{ref}]`, Bearer `GH_PAT` when set; the 302 to
/// the archive is followed) and unpacked with `tar`. Used for `FunctionGitRepo` tarballs and
/// for R packages from `FunctionGitHubPackage`.
struct GitHubTarball {
    let source: WorkflowSource
    let log: ActionLog
    let environment: [String: String]

    /// The API path of the tarball of `owner/repo` at `ref` (the default branch when nil).
    static func path(owner: String, repo: String, ref: String?) -> String {
        "/repos/\(owner)/\(repo)/tarball" + (ref.map { "/\($0)" } ?? "")
    }

    /// Downloads and unpacks the tarball into `folder` (created if needed); returns the
    /// archive's single top folder (GitHub's `{owner}-{repo}-{sha}`). `what` names the
    /// download in errors.
    func fetch(owner: String, repo: String, ref: String?, into folder: URL, what: String) async throws -> URL {
        var headers: [(String, String)] = [("Accept", "application/vnd.github.v3+json"), ("X-GitHub-Api-Version", "2022-11-28")]
        if let t = source.token, !t.isEmpty { headers.append(("Authorization", "Bearer \(t)")) }
        let data: Data
        do {
            data = try await source.getData(source.gitHubAPI + Self.path(owner: owner, repo: repo, ref: ref), headers: headers)
        } catch {
            throw RuntimeFailure("\(what): cannot download the repository tarball of \(owner)/\(repo)\(ref.map { "@\($0)" } ?? ""): \(error)"
                                 + " (check the owner, repository and ref, and set GH_PAT for a private repository)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let archive = folder.appendingPathComponent("repo.tar.gz")
        try data.write(to: archive)
        guard let tar = ChildProcess.which("tar", path: environment["PATH"]) else {
            throw RuntimeFailure("\(what) needs tar, which is not on PATH (apt-get install tar)")
        }
        let out = try await ChildProcess.run(executable: tar, arguments: ["-xzf", archive.path, "-C", folder.path],
                                             directory: folder, environment: environment, timeout: .seconds(600), onLine: { log.output($0) })
        guard out.status == 0 else { throw RuntimeFailure("\(what): cannot extract the tarball of \(owner)/\(repo)") }
        try? FileManager.default.removeItem(at: archive)
        let roots = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        guard let root = roots.first else { throw RuntimeFailure("\(what): the tarball of \(owner)/\(repo) is empty") }
        return folder.appendingPathComponent(root)
    }
}
