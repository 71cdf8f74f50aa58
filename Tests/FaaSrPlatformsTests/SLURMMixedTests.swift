import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing

/// A workflow across SLURM and GitHub Actions: its entry action runs as a job on the real
/// cluster (native mode, the `faasr` just built), and that job's runtime starts the successors
/// on GitHub Actions through the same platform code `faasr invoke` uses. The dispatches reach
/// the loopback GitHub API server this test starts, with the OVERWRITTEN FaaSr would send.
@Suite(.serialized) struct SLURMMixedTests {
    @Test func slurmActionDispatchesItsGitHubSuccessorsWithFaaSrsOverwritten() async throws {
        guard try SharedFixtures.require() else { return }
        let server = try GitHubAPIServer(owner: "octo", repo: "flows", token: GitHubFixtures.token)
        try await server.start()
        defer { Task { await server.stop() } }
        // start on the cluster; left, right and join on GitHub Actions (secrets from the repository).
        guard let f = try SLURMFixture.make("mixed", mutate: { wf in
            var actions = wf["ActionList"] as! [String: Any]
            for name in ["left", "right", "join"] {
                var a = actions[name] as! [String: Any]
                a["FaaSServer"] = "GH"
                actions[name] = a
            }
            wf["ActionList"] = actions
            var servers = wf["ComputeServers"] as! [String: Any]
            servers["GH"] = ["FaaSType": "GitHubActions", "UserName": "octo", "ActionRepoName": "flows", "Branch": "main",
                             "UseSecretStore": true]
            wf["ComputeServers"] = servers
        }) else { return }
        defer { try? FileManager.default.removeItem(at: f.dir) }
        var env = f.environment()
        env["GH_PAT"] = GitHubFixtures.token
        env["FAASR_GITHUB_API"] = server.baseURL
        func run(_ args: [String]) async throws -> (status: Int32, out: String, err: String) {
            try await FaasrExecutable.runAsync(args, in: f.dir, environment: env, inheritEnvironment: false)
        }

        let reg = try await run(["register", f.workflow.path])
        #expect(reg.status == 0, "\(reg.out)\(reg.err)")
        #expect(reg.out.contains("HPC (SLURM)") && reg.out.contains("GH (GitHubActions)"), "\(reg.out)")
        #expect(Set(server.state.paths()) == [".github/workflows/diamond-left.yml", ".github/workflows/diamond-right.yml",
                                               ".github/workflows/diamond-join.yml"])

        let inv = try await run(["invoke", f.workflow.path])
        #expect(inv.status == 0, "\(inv.out)\(inv.err)")
        let id = String(inv.out.split(separator: "\n").first ?? "")
        #expect(id.count == 36, "the first line is the InvocationID: \(inv.out)")
        // The job is queued, runs the action, then dispatches: count tries, not time.
        var tries = 0
        while server.state.dispatches.count < 2, tries < 600 {
            tries += 1
            try await Task.sleep(nanoseconds: 500_000_000)
        }
        let dispatches = server.state.dispatches
        #expect(dispatches.count == 2, "the SLURM action dispatched \(dispatches.count) successors; job output: \(jobOutput(f))")
        #expect(Set(dispatches.map(\.workflowFile)) == ["diamond-left.yml", "diamond-right.yml"])
        // PAYLOAD_URL is the one register recorded (the workflow copy in the logging store).
        let record = try JSONParser.parse(Array(try await f.store().getData("\(f.log)/diamond/registered/registration.json")))
        let payloadURL = try #require(record["PayloadURL"]?.stringValue)
        #expect(payloadURL.hasPrefix("s3://") && payloadURL.contains("/diamond/registered/workflow.json"), "\(payloadURL)")
        var timestamps = Set<String>()
        for d in dispatches {
            #expect(d.ref == "main")
            #expect(Set(d.inputs.keys) == ["OVERWRITTEN", "PAYLOAD_URL"])
            #expect(d.inputs["PAYLOAD_URL"] == payloadURL)
            // FaaSr's OVERWRITTEN for a secret-store target: the run-time keys only, no servers or stores.
            let over = try #require(try JSONParser.parse(Array((d.inputs["OVERWRITTEN"] ?? "").utf8)).objectValue)
            #expect(Set(over.keys) == ["FunctionInvoke", "InvocationID", "InvocationTimestamp"], "\(over)")
            #expect(over["FunctionInvoke"]?.stringValue.map { "diamond-\($0).yml" } == d.workflowFile)
            #expect(over["InvocationID"]?.stringValue == id)
            let ts = over["InvocationTimestamp"]?.stringValue ?? ""
            #expect(ts.range(of: #"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$"#, options: .regularExpression) != nil, "\(ts)")
            timestamps.insert(ts)
        }
        #expect(timestamps.count == 1, "both successors carry the invocation's one timestamp")
        let dispatchRequests = server.requests.filter { $0.path.hasSuffix("/dispatches") }
        #expect(dispatchRequests.count == 2)
        #expect(server.problems == [], "every request matches github-rest-excerpt.json")

        // The entry action ran as a SLURM job and wrote its output; status shows it with its job id.
        let status = try await run(["status", f.workflow.path, "--json"])
        #expect(status.status == 0, "\(status.err)")
        let report = try JSONParser.parse(Array(status.out.utf8))
        let start = report["actions"]?.arrayValue?.first { $0["action"]?.stringValue == "start" }
        #expect(start?["state"]?.stringValue == "done" && start?["platform"]?.stringValue == "SLURM", "\(status.out)")
        #expect(Int(start?["jobID"]?.stringValue ?? "") != nil, "\(status.out)")
        #expect(try await f.store().exists("diamond/numbers.txt"), "the SLURM action wrote its output")
        let printed = [reg, inv, status].map { $0.out + $0.err }.joined()
        #expect(!printed.contains(GitHubFixtures.token) && !printed.contains(f.slurm.token), "no secret is printed")
    }

    /// The job's output files, for a failure message.
    func jobOutput(_ f: SLURMFixture) -> String {
        let dir = URL(fileURLWithPath: f.slurm.jobDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasPrefix("diamond-start") }.sorted().suffix(2).map { name in
            "\(name): " + ((try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? "").suffix(1500)
        }.joined(separator: "\n")
    }
}
