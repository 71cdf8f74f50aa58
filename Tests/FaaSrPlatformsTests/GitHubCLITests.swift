import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing

/// `faasr register`, `invoke`, `timer`, `secrets push` and `unregister` with a GitHub Actions
/// server, through the `faasr` executable, against the loopback GitHub API server (every
/// request checked against github-rest-excerpt.json) and moto (the logging store). The child
/// is awaited off the cooperative pool (``FaasrExecutable/runAsync``), so the server in this
/// process keeps answering it under parallel load.
@Suite(.serialized) struct GitHubCLITests {
    /// A folder with `wf.json` (actions on `GH`, chained in order) and the run environment.
    struct Setup {
        let server: GitHubAPIServer
        let s3: TestS3Server
        let dir: URL
        let log: String
        var env: [String: String]

        init(_ label: String, server: GitHubAPIServer, s3: TestS3Server) throws {
            self.server = server
            self.s3 = s3
            dir = try FaasrExecutable.temporaryDirectory()
            log = "FaaSrLog-" + TestS3Server.uniquePrefix(label).dropLast()
            env = ["GH_PAT": GitHubFixtures.token, "S3_AccessKey": s3.accessKey, "S3_SecretKey": s3.secretKey,
                   "FAASR_GITHUB_API": server.baseURL]
        }

        func write(_ actions: [String], repo: String = "flows", file: String = "wf.json") throws {
            var list: [String] = []
            for (i, a) in actions.enumerated() {
                let next = i + 1 < actions.count ? "\"\(actions[i + 1])\"" : ""
                list.append("\"\(a)\": {\"FunctionName\": \"f\(i)\", \"FaaSServer\": \"GH\", \"Type\": \"Python\", \"InvokeNext\": [\(next)]}")
            }
            try """
            {"WorkflowName": "demo", "FunctionInvoke": "\(actions[0])", "DefaultDataStore": "S3", "FaaSrLog": "\(log)",
             "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "octo", "ActionRepoName": "\(repo)", "Branch": "main", "UseSecretStore": true}},
             "DataStores": {"S3": {"Endpoint": "\(s3.endpoint)", "Bucket": "\(s3.bucket)", "Region": "\(s3.region)", "Writable": "TRUE"}},
             "ActionList": {\(list.joined(separator: ", "))},
             "ActionContainers": {\(actions.map { "\"\($0)\": \"ghcr.io/faasr/github-actions-python:1.0\"" }.joined(separator: ", "))}}
            """.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }

        func run(_ args: [String], _ extra: [String: String?] = [:]) async throws -> (status: Int32, out: String, err: String) {
            var e = env
            for (k, v) in extra { e[k] = v }
            return try await FaasrExecutable.runAsync(args, in: dir, environment: e, inheritEnvironment: false)
        }

        /// Whether register's record exists (invoke needs it).
        func isRegistered() async throws -> Bool {
            try await DataStoreConfig(name: "S3", endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region,
                                      accessKey: s3.accessKey, secretKey: s3.secretKey).makeStore()
                .exists("\(log)/demo/registered/registration.json")
        }
    }

    static func with(_ label: String, _ body: (Setup) async throws -> Void) async throws {
        guard try SharedFixtures.require(), let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let server = try GitHubAPIServer(owner: "octo", repo: "flows", token: GitHubFixtures.token)
        try await server.start()
        let setup = try Setup(label, server: server, s3: s3)
        do { try await body(setup) } catch { await server.stop(); throw error }
        await server.stop()
        try? FileManager.default.removeItem(at: setup.dir)
        #expect(server.problems == [], "every request matches github-rest-excerpt.json")
    }

    @Test func registerTwiceRemoveAnActionInvokeTimerSecretsUnregister() async throws {
        try await Self.with("gh-cli") { s in
            try s.write(["start", "sum", "plot"])
            let dry = try await s.run(["register", "wf.json", "--payload-url", "octo/flows/main/demo.json", "--dry-run"])
            #expect(dry.status == 0 && dry.out.contains("create") && s.server.state.paths().isEmpty, "\(dry.out)\(dry.err)")
            let first = try await s.run(["register", "wf.json", "--payload-url", "octo/flows/main/demo.json"])
            #expect(first.status == 0, "\(first.out)\(first.err)")
            #expect(s.server.state.paths() == [".github/workflows/demo-plot.yml", ".github/workflows/demo-start.yml",
                                               ".github/workflows/demo-sum.yml", "demo.json"])
            let commits = s.server.state.commits, seen = s.server.requests.count
            let second = try await s.run(["register", "wf.json", "--payload-url", "octo/flows/main/demo.json"])
            #expect(second.status == 0 && second.out.contains("Nothing to change"), "\(second.out)\(second.err)")
            #expect(s.server.state.commits == commits, "the second register changes nothing")
            #expect(s.server.requests.dropFirst(seen).allSatisfy { $0.method == "GET" }, "the second register only reads")

            try s.write(["start", "sum"])
            let smaller = try await s.run(["register", "wf.json", "--payload-url", "octo/flows/main/demo.json"])
            #expect(smaller.status == 0 && smaller.out.contains("delete") && smaller.out.contains("demo-plot.yml"), "\(smaller.out)\(smaller.err)")
            #expect(s.server.state.paths() == [".github/workflows/demo-start.yml", ".github/workflows/demo-sum.yml", "demo.json"],
                    "removing an action deletes its workflow file")

            let pushed = try await s.run(["secrets", "push", "wf.json"])
            #expect(pushed.status == 0, "\(pushed.out)\(pushed.err)")
            // The server opened each sealed box with the repository's secret key.
            #expect(s.server.state.secrets == ["GH_PAT": GitHubFixtures.token, "S3_ACCESSKEY": s.s3.accessKey, "S3_SECRETKEY": s.s3.secretKey])

            let invoke = try await s.run(["invoke", "wf.json"])
            #expect(invoke.status == 0, "\(invoke.out)\(invoke.err)")
            let id = String(invoke.out.split(separator: "\n").first ?? "")
            let sent = try #require(s.server.state.dispatches.first)
            #expect(sent.workflowFile == "demo-start.yml" && sent.inputs["PAYLOAD_URL"] == "octo/flows/main/demo.json")
            let over = try JSONParser.parse(Array((sent.inputs["OVERWRITTEN"] ?? "").utf8))
            #expect(over["FunctionInvoke"]?.stringValue == "start" && over["InvocationID"]?.stringValue == id, "\(over)")

            let timer = try await s.run(["timer", "set", "wf.json", "--cron", "0 6 * * *"])
            #expect(timer.status == 0 && s.server.state.file(".github/workflows/demo-timer.yml")?.contains("0 6 * * *") == true,
                    "\(timer.out)\(timer.err)")
            let unset = try await s.run(["timer", "unset", "wf.json"])
            #expect(unset.status == 0 && s.server.state.file(".github/workflows/demo-timer.yml") == nil, "\(unset.out)\(unset.err)")

            let unregister = try await s.run(["unregister", "wf.json"])
            #expect(unregister.status == 0, "\(unregister.out)\(unregister.err)")
            #expect(!s.server.state.paths().contains { $0.hasPrefix(".github/") })
            #expect(try await !s.isRegistered())
            let printed = [dry, first, second, smaller, pushed, invoke, timer, unset, unregister].map { $0.out + $0.err }.joined()
            #expect(!printed.contains(GitHubFixtures.token) && !printed.contains(s.s3.secretKey), "no secret is printed")
        }
    }

    @Test func badInputExitsNonZeroSaysWhatToFixAndASecondRegisterCompletes() async throws {
        try await Self.with("gh-bad") { s in
            try s.write(["start", "sum"])
            let unknown = try await s.run(["register", "wf.json", "--server", "Nope"])
            #expect(unknown.status == 1 && unknown.err.contains("no compute server named 'Nope'") && unknown.err.contains("GH"), "\(unknown.err)")
            let missing = try await s.run(["register", "wf.json"], ["GH_PAT": nil])
            #expect(missing.status == 1 && missing.err.contains("GH_PAT") && missing.err.contains(".env"), "\(missing.err)")
            let unreachable = try await s.run(["register", "wf.json"], ["FAASR_GITHUB_API": "http://127.0.0.1:9"])
            #expect(unreachable.status == 1 && unreachable.err.contains("http://127.0.0.1:9") && unreachable.err.contains("reachable"),
                    "\(unreachable.err)")
            let denied = try await s.run(["register", "wf.json"], ["GH_PAT": "ghp_wrong_token_value"])
            #expect(denied.status == 1 && denied.err.contains("401") && denied.err.contains("GH_PAT") && denied.err.contains("Bad credentials"),
                    "\(denied.err)")
            #expect(!denied.err.contains("ghp_wrong_token_value"))
            try s.write(["start", "sum"], repo: "nope", file: "norepo.json")
            let notFound = try await s.run(["register", "norepo.json"])
            #expect(notFound.status == 1 && notFound.err.contains("404") && notFound.err.contains("ActionRepoName (nope)"), "\(notFound.err)")
            s.server.failNext("PUT", pathContains: "demo-sum.yml", status: 422, message: "Validation Failed")
            let refused = try await s.run(["register", "wf.json"])
            #expect(refused.status == 1 && refused.err.contains("422") && refused.err.contains("Validation Failed")
                    && refused.err.contains("Nothing was changed") && refused.err.contains("faasr register again"), "\(refused.err)")
            #expect(s.server.state.paths().isEmpty, "the file written before the failure was deleted again")
            #expect(try await !s.isRegistered(), "nothing half-registered: invoke is refused until a register completes")
            let early = try await s.run(["invoke", "wf.json"])
            #expect(early.status == 1 && early.err.contains("faasr register"), "\(early.err)")

            let fixed = try await s.run(["register", "wf.json"])
            #expect(fixed.status == 0, "\(fixed.out)\(fixed.err)")
            #expect(s.server.state.paths() == [".github/workflows/demo-start.yml", ".github/workflows/demo-sum.yml"])
            #expect(try await s.isRegistered())
            s.server.failNext("POST", pathContains: "dispatches", status: 422, message: "Unexpected inputs provided: [\"X\"]")
            let dispatch = try await s.run(["invoke", "wf.json"])
            #expect(dispatch.status == 1 && dispatch.err.contains("422") && dispatch.err.contains("OVERWRITTEN and PAYLOAD_URL"), "\(dispatch.err)")
            // The files gone but the record kept (a server-only unregister): GitHub's 404 on dispatch.
            let partial = try await s.run(["unregister", "wf.json", "--server", "GH"])
            #expect(partial.status == 0 && s.server.state.paths().isEmpty, "\(partial.out)\(partial.err)")
            let gone = try await s.run(["invoke", "wf.json"])
            #expect(gone.status == 1 && gone.err.contains("404") && gone.err.contains("faasr register"), "\(gone.err)")
            #expect(s.server.state.dispatches.isEmpty)
        }
    }
}
