import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing

/// What issue 12 asks of OpenWhisk beyond OpenWhiskPlatformTests: the second register writes
/// nothing, invocations are non-blocking with the payload as the action's parameters, a timer
/// is an alarms-fed trigger plus a rule carrying the payload, unregister removes timers too,
/// a failed timer leaves nothing, each error status says what to fix; and the whole cycle
/// through the `faasr` executable.
@Suite struct OpenWhiskLifecycleTests {
    static func started() async throws -> (OpenWhiskServer, OpenWhiskPlatform) {
        let server = try OpenWhiskServer(apiKey: OpenWhiskPlatformTests.key)
        try await server.start()
        return (server, try OpenWhiskPlatformTests.platform(server))
    }

    func request(_ action: String = "start") -> TriggerRequest {
        var over = JSONObject()
        over["FunctionInvoke"] = .string(action)
        return TriggerRequest(action: action, rank: nil, serverName: "OW", server: JSONObject(), overwritten: over,
                              payloadURL: "o/r/main/wf.json", functionName: "wf-\(action)")
    }

    @Test func secondRegisterWritesNothingAndInvokeIsNonBlocking() async throws {
        guard try SharedFixtures.require() else { return }
        let (server, ow) = try await Self.started()
        defer { Task { await server.stop() } }
        let deployment = Deployment(workflow: try OpenWhiskPlatformTests.workflow(), actions: ["start", "next"], payloadURL: "p")
        try await ow.apply(try await ow.plan(deployment))
        server.http.clearRequests()
        let second = try await ow.plan(deployment)
        #expect(second.isEmpty)
        try await ow.apply(second)
        #expect(server.http.requests.allSatisfy { $0.method == "GET" }, "\(server.http.requests.map(\.label))")

        let receipt = try await ow.submit(request())
        let post = try #require(server.http.requests.last)
        #expect(post.method == "POST" && post.query.contains("blocking=false") && post.query.contains("result=false"))
        let id = try #require(receipt.jobID)
        #expect(id.count == 32)
        let record = try #require(server.activationRecords[id])
        let params = record["response"]?["result"]?["payload"]
        #expect(params?["PAYLOAD_URL"]?.stringValue == "o/r/main/wf.json")
        #expect(params?["OVERWRITTEN"]?["FunctionInvoke"]?.stringValue == "start", "OVERWRITTEN is an object for OpenWhisk")
        #expect(server.problems == [])
    }

    @Test func timerCarriesThePayloadAndUnregisterRemovesIt() async throws {
        guard try SharedFixtures.require() else { return }
        let (server, ow) = try await Self.started()
        defer { Task { await server.stop() } }
        let deployment = Deployment(workflow: try OpenWhiskPlatformTests.workflow(), actions: ["start", "next"], payloadURL: "p")

        // A timer for an action that is not registered fails, and leaves no trigger or alarm.
        let early = try await #require(throws: PlatformError.self) {
            try await ow.setTimer(TimerRequest(cron: "*/5 * * * *", request: request()))
        }
        #expect(early.status == 404 && early.message.contains("faasr register"))
        #expect(server.names("triggers").isEmpty && server.names("rules").isEmpty && server.alarms.isEmpty)

        try await ow.apply(try await ow.plan(deployment))
        try await ow.setTimer(TimerRequest(cron: "*/5 * * * *", request: request()))
        let trigger = try #require(server.entity("triggers", "wf-start-timer"))
        #expect(trigger["annotations"]?.arrayValue?.contains { $0["key"]?.stringValue == "feed" && $0["value"]?.stringValue == OpenWhiskPlatform.alarmFeed } == true)
        let rule = try #require(server.entity("rules", "wf-start-timer-rule"))
        #expect(rule["action"]?["name"]?.stringValue == "wf-start" && rule["trigger"]?["name"]?.stringValue == "wf-start-timer")
        let alarm = try #require(server.http.requests.last { $0.path.hasSuffix("/alarms/alarm") })
        let body = try JSONParser.parse(alarm.body)
        #expect(body["trigger_payload"]?["PAYLOAD_URL"]?.stringValue == "o/r/main/wf.json", "the alarm starts a real run (FaaSr's does not, §7)")

        let plan = try await ow.unregisterPlan(deployment)
        #expect(plan.changes.map(\.resource) == ["wf-start-timer-rule", "wf-start-timer", "wf-start", "wf-next"])
        try await ow.apply(plan)
        #expect(server.names("actions").isEmpty && server.names("triggers").isEmpty && server.names("rules").isEmpty && server.alarms.isEmpty)
        #expect(try await ow.unregisterPlan(deployment).changes.isEmpty)
        #expect(server.problems == [])
    }

    @Test func statusesNotCoveredElsewhereSayWhatToFix() async throws {
        guard try SharedFixtures.require() else { return }
        let (server, ow) = try await Self.started()
        defer { Task { await server.stop() } }
        // 404: invoking an action that was never registered.
        let missing = try await #require(throws: PlatformError.self) { try await ow.submit(request("ghost")) }
        #expect(missing.status == 404 && missing.message.contains("faasr register"))
        // 409: another register created the action between plan and apply.
        let deployment = Deployment(workflow: try OpenWhiskPlatformTests.workflow(), actions: ["start"], payloadURL: "p")
        let plan = try await ow.plan(deployment)
        try await ow.apply(plan)
        let raced = try await #require(throws: PlatformError.self) { try await ow.apply(plan) }
        #expect(raced.status == 409 && raced.message.contains("run the command again"))
        // 5xx on the (non-idempotent) invoke: not repeated, reported; an activation is not made twice.
        server.http.fail("POST", pathContains: "/actions/wf-start", with: .json(502, ["error": "bad gateway"]))
        let failed = try await #require(throws: PlatformError.self) { try await ow.submit(request()) }
        #expect(failed.status == 502)
        #expect(server.http.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/wf-start") }.count == 1)
        #expect(server.activationRecords.isEmpty)
        #expect(server.problems == [])
    }
}
