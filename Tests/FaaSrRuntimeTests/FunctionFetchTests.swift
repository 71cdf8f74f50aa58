import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// `FunctionGitRepo` (spec/runtime.md §2.7.2) against a loopback GitHub that checks each
/// request against GitHub's REST description: one file through the contents API, the
/// repository tarball with a sub-path, and `git clone` of a local bare repository. The
/// fetched function then really runs (a Python child process through the RPC server).
@Suite struct FunctionFetchTests {
    static let token = "ghp_loopbackTestToken123"

    /// A Python function that proves it ran: it writes `marker` into the default store.
    static func function(_ name: String, marker: String) -> String {
        """
        def \(name)():
            with open("ran.txt", "w") as fh:
                fh.write("\(marker)")
            faasr_put_file(local_file="ran.txt", remote_folder="fetched", remote_file="ran.txt")
            return True
        """
    }

    /// The workflow: one action `s` running `fn`, whose code comes from `repo`.
    static func workflow(repo: String, fn: String = "fn") -> JSONObject {
        var wf = TestWorkflow.make([("s", [])])
        var list = wf.object("ActionList")!
        var s = list.object("s")!
        s["FunctionName"] = .string(fn)
        list["s"] = .object(s)
        wf["ActionList"] = .object(list)
        wf["FunctionGitRepo"] = .object(JSONObject([.init(key: fn, value: .string(repo))]))
        wf["InvocationID"] = "run1"
        wf["InvocationTimestamp"] = "2025-08-29T23-17-01"
        return wf
    }

    /// Runs `s`, the workflow fetched from `payloadURL` (through `server` when on GitHub).
    func run(payloadURL: String, server: GitHubTestServer, world w: World, env extra: [String: String] = [:],
             token: String? = FunctionFetchTests.token) async throws -> (ActionOutcome, String) {
        var env = ProcessInfo.processInfo.environment
        env["GH_PAT"] = token
        for (k, v) in extra { env[k] = v }
        var r = ActionRunner(request: PayloadRequest(payloadURL: payloadURL), stores: w.resolver, trigger: w.trigger,
                             functionRunner: ProcessFunctionRunner(rpcPort: 0),
                             workingDirectory: w.root.appendingPathComponent("work"), environment: env)
        r.gitHubAPI = server.baseURL
        r.echo = false
        let o = await r.run()
        let log = (try? await w.store().getData("FaaSrLog/wf/2025-08-29T23-17-01/run1/s.txt")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (o, log)
    }

    func ran(_ w: World) async -> String? {
        (try? await w.store().getData("fetched/ran.txt")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The workflow and a single function file, both through the contents API with GH_PAT
    /// (short form and github.com URL form).
    @Test(arguments: ["alice/funcs/main/py/fn.py", "https://github.com/alice/funcs/blob/main/py/fn.py"])
    func singleFileThroughContentsAPI(_ repo: String) async throws {
        guard try SharedFixtures.require() else { return }
        let wf = JSONValue.object(Self.workflow(repo: repo)).compactText
        let server = try GitHubTestServer(files: ["alice/wf-repo/main/flows/wf.json": wf,
                                                  "alice/funcs/main/py/fn.py": Self.function("fn", marker: "contents")],
                                          token: Self.token)
        try await server.start()
        defer { Task { await server.stop() } }
        let w = try World()
        let (o, log) = try await run(payloadURL: "alice/wf-repo/main/flows/wf.json", server: server, world: w)
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(await ran(w) == "contents")
        #expect(server.problems.isEmpty, "\(server.problems)")
        #expect(server.requests.map { "\($0.path)?\($0.query)" } == [
            "/repos/alice/wf-repo/contents/flows/wf.json?ref=main", "/repos/alice/funcs/contents/py/fn.py?ref=main"])
    }

    /// A missing file is a clear failure carrying GitHub's message; nothing runs.
    @Test func missingFileFails() async throws {
        guard try SharedFixtures.require() else { return }
        let wf = JSONValue.object(Self.workflow(repo: "alice/funcs/main/nope.py")).compactText
        let server = try GitHubTestServer(files: ["alice/wf-repo/main/wf.json": wf], token: Self.token)
        try await server.start()
        defer { Task { await server.stop() } }
        let w = try World()
        let (o, _) = try await run(payloadURL: "alice/wf-repo/main/wf.json", server: server, world: w)
        #expect(o.exitCode == 1)
        #expect(o.message?.contains("404") == true && o.message?.contains("Not Found") == true, "\(o.message ?? "")")
        #expect(await ran(w) == nil)
        #expect(server.problems.isEmpty, "\(server.problems)")
    }

    /// The repository tarball with a sub-path: only members under `{root}/{sub}` are kept
    /// (a module elsewhere that would break the import walk is left out), without a token
    /// no Authorization header is sent, and the 302 to the archive is followed.
    @Test func tarballWithSubPath() async throws {
        guard try SharedFixtures.require() else { return }
        let src = temporaryDirectory("tarball")
        let top = src.appendingPathComponent("alice-funcs-0a1b2c3")
        for (path, text) in [("tutorial/fn.py", Self.function("fn", marker: "tarball")),
                             ("tutorial/helpers/util.txt", "data"),
                             ("other/broken.py", "raise RuntimeError('other/ must not be extracted')\n"),
                             ("README.md", "# funcs\n")] {
            let url = top.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let archive = src.appendingPathComponent("repo.tar.gz")
        let tar = try #require(ChildProcess.which("tar"))
        let made = try await ChildProcess.run(executable: tar, arguments: ["-czf", archive.path, "-C", src.path, "alice-funcs-0a1b2c3"],
                                              directory: src, environment: ProcessInfo.processInfo.environment, timeout: .seconds(120), onLine: { _ in })
        #expect(made.status == 0)
        let server = try GitHubTestServer(tarballs: ["alice/funcs": try Data(contentsOf: archive)], token: nil)
        try await server.start()
        defer { Task { await server.stop() } }
        let w = try World()
        let dir = w.root.appendingPathComponent("wf")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("wf.json")
        try Data(JSONValue.object(Self.workflow(repo: "alice/funcs/tutorial")).compactText.utf8).write(to: file)
        let (o, log) = try await run(payloadURL: file.path, server: server, world: w, token: nil)
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(await ran(w) == "tarball")
        #expect(server.problems.isEmpty, "\(server.problems)")
        #expect(server.requests.map(\.path) == ["/repos/alice/funcs/tarball", "/codeload/alice/funcs/legacy.tar.gz/refs/heads/main"])
        let functions = w.root.appendingPathComponent("work/.faasr/functions/run1/alice-funcs-0a1b2c3")
        #expect(FileManager.default.fileExists(atPath: functions.appendingPathComponent("tutorial/fn.py").path))
        #expect(FileManager.default.fileExists(atPath: functions.appendingPathComponent("tutorial/helpers/util.txt").path))
        #expect(!FileManager.default.fileExists(atPath: functions.appendingPathComponent("other").path))
        #expect(!FileManager.default.fileExists(atPath: functions.appendingPathComponent("README.md").path))
    }

    /// `https://github.com/{owner}/{repo}.git` is cloned with git (depth 1); git's own
    /// `url.<base>.insteadOf` setting (here through GIT_CONFIG_* variables) points it at a
    /// local bare repository over file://, so no network is used.
    @Test func gitClone() async throws {
        guard try SharedFixtures.require() else { return }
        guard let git = ChildProcess.which("git") else {
            if SharedFixtures.isCI { throw RuntimeFailure("git is required under CI=true (scripts/setup installs it)") }
            return
        }
        let root = temporaryDirectory("git")
        let bare = root.appendingPathComponent("hosted/alice/funcs.git")
        let work = root.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Data(Self.function("fn", marker: "clone").utf8).write(to: work.appendingPathComponent("fn.py"))
        var env = ProcessInfo.processInfo.environment
        for (k, v) in ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
                       "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_NOSYSTEM": "1", "HOME": root.path] { env[k] = v }
        for args in [["init", "-q", "--bare", bare.path], ["-C", work.path, "init", "-q"], ["-C", work.path, "add", "fn.py"],
                     ["-C", work.path, "commit", "-q", "-m", "fn"], ["-C", work.path, "push", "-q", bare.path, "HEAD:refs/heads/main"],
                     ["-C", bare.path, "symbolic-ref", "HEAD", "refs/heads/main"]] {
            let r = try await ChildProcess.run(executable: git, arguments: args, directory: root, environment: env,
                                               timeout: .seconds(120), onLine: { _ in })
            try #require(r.status == 0, "git \(args)")
        }
        let server = try GitHubTestServer(token: Self.token)
        try await server.start()
        defer { Task { await server.stop() } }
        let w = try World()
        let dir = w.root.appendingPathComponent("wf")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("wf.json")
        try Data(JSONValue.object(Self.workflow(repo: "https://github.com/alice/funcs.git")).compactText.utf8).write(to: file)
        let redirect = ["GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "url.file://\(root.path)/hosted/.insteadOf",
                        "GIT_CONFIG_VALUE_0": "https://github.com/", "HOME": root.path, "GIT_CONFIG_NOSYSTEM": "1"]
        let (o, log) = try await run(payloadURL: file.path, server: server, world: w, env: redirect)
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(await ran(w) == "clone")
        #expect(server.requests.isEmpty)
        let clone = w.root.appendingPathComponent("work/.faasr/functions/run1/alice/funcs")
        #expect(FileManager.default.fileExists(atPath: clone.appendingPathComponent("fn.py").path))
    }
}
