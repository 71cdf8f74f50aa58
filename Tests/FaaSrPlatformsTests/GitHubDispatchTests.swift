import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatformTestSupport
import FaaSrPlatforms
import Testing

/// Triggers and timers against the loopback GitHub API server.
@Suite struct GitHubDispatchTests {
    func request(_ wf: Workflow, action: String = "sum", rank: Int? = nil) -> TriggerRequest {
        var over = JSONObject()
        over["FunctionInvoke"] = .string(action)
        over["InvocationID"] = "0b1c"
        if let rank { over["FunctionRank"] = .number(JSONNumber(rank)) }
        return TriggerRequest(action: action, rank: rank, serverName: "GH", server: wf.computeServer(named: "GH")!.object,
                              overwritten: over, payloadURL: "octo/flows/main/demo.json", functionName: "demo-\(action)")
    }

    @Test func submitDispatchesTheActionFileWithFaaSrInputs() async throws {
        try await GitHubFixtures.withServer { server in
            let wf = GitHubFixtures.workflow()
            let platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL))
            _ = try await GitHubFixtures.register(platform, wf)
            let receipt = try await platform.submit(request(wf, rank: 2))
            let sent = try #require(server.state.dispatches.first)
            #expect(receipt.jobID == String(sent.runID))
            #expect(sent.workflowFile == "demo-sum.yml")
            #expect(sent.ref == "main")
            #expect(sent.inputs["PAYLOAD_URL"] == "octo/flows/main/demo.json")
            let over = try JSONParser.parse(Array((sent.inputs["OVERWRITTEN"] ?? "").utf8))
            #expect(over["FunctionInvoke"] == "sum")
            #expect(over["FunctionRank"] == 2)
            // Through the Trigger protocol too (what a running action uses).
            try await platform.trigger(request(wf, action: "start"))
            #expect(server.state.dispatches.map(\.workflowFile) == ["demo-sum.yml", "demo-start.yml"])
            #expect(try await platform.status(of: receipt) == nil)
            #expect(server.problems == [])
        }
    }

    @Test func dispatchErrorsSayWhatToDo() async throws {
        try await GitHubFixtures.withServer { server in
            let wf = GitHubFixtures.workflow()
            let platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL))
            let missing = await #expect(throws: PlatformError.self) { _ = try await platform.submit(request(wf)) }
            #expect(missing?.status == 404)
            #expect("\(missing!)".contains("POST /repos/octo/flows/actions/workflows/demo-sum.yml/dispatches"))
            #expect("\(missing!)".contains("faasr register"))
            // A file without the inputs FaaSr sends: GitHub's 422, with its message.
            server.state.seed(".github/workflows/demo-sum.yml", "name: x\non:\n  workflow_dispatch:\njobs: {}\n")
            let refused = await #expect(throws: PlatformError.self) { _ = try await platform.submit(request(wf)) }
            #expect(refused?.status == 422)
            #expect("\(refused!)".contains("Unexpected inputs provided"))
            let bad = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL, secrets: ["GH_PAT": "nope"]))
            let denied = await #expect(throws: PlatformError.self) { _ = try await bad.submit(request(wf)) }
            #expect(denied?.status == 401)
            #expect("\(denied!)".contains("Bad credentials"))
            #expect(server.state.dispatches.isEmpty)
            #expect(server.problems == [])
        }
    }

    @Test func timerFileIsWrittenOnceAndRemoved() async throws {
        try await GitHubFixtures.withServer { server in
            let wf = GitHubFixtures.workflow()
            let platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL))
            let timer = TimerRequest(cron: "0 6 * * *", request: request(wf, action: "start"))
            try await platform.setTimer(timer)
            let text = try #require(server.state.file(".github/workflows/demo-timer.yml"))
            #expect(text.contains("0 6 * * *"))
            let commits = server.state.commits
            try await platform.setTimer(timer)
            #expect(server.state.commits == commits)
            // Register keeps the timer; unset removes it; unsetting again is harmless.
            _ = try await GitHubFixtures.register(platform, wf)
            #expect(server.state.file(".github/workflows/demo-timer.yml") != nil)
            try await platform.unsetTimer(timer)
            try await platform.unsetTimer(timer)
            #expect(server.state.file(".github/workflows/demo-timer.yml") == nil)
            #expect(server.problems == [])
        }
    }
}
