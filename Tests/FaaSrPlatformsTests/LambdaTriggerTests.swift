import FaaSrCore
@testable import FaaSrPlatforms
import FaaSrPlatformAPI
import FaaSrTestSupport
import Foundation
import Testing

/// Invoke, timers and secrets against moto (Lambda, EventBridge, Secrets Manager) with
/// signature checking.
@Suite struct LambdaTriggerTests {
    typealias F = LambdaTestFixture

    @Test func anEventInvokeIsAccepted() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let (name, platform) = try await F.registered(s3)
        let receipt = try await platform.submit(F.request(name, "start"))
        #expect(receipt.serverName == "AWS")
        #expect(receipt.jobID?.isEmpty == false)
        #expect(try await platform.status(of: receipt) == nil)
        // The event as it arrived (moto-s3 records accepted invokes).
        let seen = try await PlatformHTTP(serverName: "moto").send(PlatformRequest(method: "GET", url: s3.endpoint + "/_faasr/lambda-invocations"))
        let invocation = try #require(try JSONParser.parse(seen.body).arrayValue?.last { $0["FunctionName"]?.stringValue == "\(name)-start" })
        #expect(invocation["InvocationType"]?.stringValue == "Event")
        let event = try JSONParser.parse(Array((invocation["Payload"]?.stringValue ?? "").utf8))
        #expect(event["PAYLOAD_URL"]?.stringValue == "owner/repo/main/\(name).json")
        #expect(event["OVERWRITTEN"]?.stringValue == #"{"FunctionInvoke":"start"}"#)

        let missing = await #expect(throws: PlatformError.self) { try await platform.submit(F.request(name, "nope")) }
        #expect(missing?.status == 404)
        #expect(missing?.message.contains("run `faasr register` first") == true)
        try await F.unregister(name, platform)
    }

    @Test func theEventCarriesPayloadURLAndOverwrittenAsText() throws {
        let event = LambdaPlatform.event(payloadURL: "o/r/main/w.json",
                                         overwritten: JSONObject([.init(key: "FunctionInvoke", value: "start")]))
        #expect(event == #"{"PAYLOAD_URL":"o/r/main/w.json","OVERWRITTEN":"{\"FunctionInvoke\":\"start\"}"}"#)
    }

    @Test func aTimerRuleStartsTheFunctionWithTheWorkflowsEvent() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let name = F.workflowName()
        let platform = try F.platform(s3, workflowName: name)
        let timer = TimerRequest(cron: "*/15 9-17 * * 1-5", request: F.request(name, "start"))
        let early = await #expect(throws: PlatformError.self) { try await platform.setTimer(timer) }
        #expect(early?.message.contains("run `faasr register` before setting its timer") == true)

        try await platform.apply(try await platform.plan(F.deployment(try F.workflow(name))))
        try await platform.setTimer(timer)
        try await platform.setTimer(timer) // again: replaces, no conflict
        let rule = "\(name)-start-timer"
        let described = try #require(try await platform.events.describeRule(rule))
        #expect(described.schedule == "cron(0/15 9-17 ? * MON,TUE,WED,THU,FRI *)")
        let targets = try await platform.events.targets(rule: rule)
        #expect(targets.count == 1)
        let function = try #require(try await platform.lambda.getFunction("\(name)-start"))
        #expect(targets.first?.arn == function.arn)
        let input = try JSONParser.parse(Array((targets.first?.input ?? "").utf8))
        #expect(input["PAYLOAD_URL"]?.stringValue == "owner/repo/main/\(name).json")
        let overwritten = try JSONParser.parse(Array((input["OVERWRITTEN"]?.stringValue ?? "").utf8))
        #expect(overwritten["FunctionInvoke"]?.stringValue == "start")

        // Unregister removes the rule with the function.
        let plan = try await platform.unregisterPlan(F.deployment(try F.workflow(name)))
        #expect(plan.changes.map(\.resource) == [rule, "\(name)-start", "\(name)-second"])
        try await platform.apply(plan)
        #expect(try await platform.events.describeRule(rule) == nil)
        try await platform.unsetTimer(timer) // nothing left: not an error
    }

    @Test func unsetTimerRemovesTheRuleAndPermission() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let (name, platform) = try await F.registered(s3)
        let timer = TimerRequest(cron: "0 6 1 * *", request: F.request(name, "second"))
        try await platform.setTimer(timer)
        #expect(try await platform.events.describeRule("\(name)-second-timer")?.schedule == "cron(0 6 1 * ? *)")
        try await platform.unsetTimer(timer)
        #expect(try await platform.events.describeRule("\(name)-second-timer") == nil)
        #expect(try await platform.lambda.removePermission("\(name)-second", statementID: "\(name)-second-timer-invoke") == false)
        let bad = await #expect(throws: PlatformError.self) {
            try await platform.setTimer(TimerRequest(cron: "0 6 1 * 1", request: F.request(name, "second")))
        }
        #expect(bad?.message.contains("EventBridge allows only one") == true)
        try await F.unregister(name, platform)
    }

    @Test func secretsAreStoredThenUpdated() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let name = F.workflowName()
        let platform = try F.platform(s3, workflowName: name)
        let key = "\(name.replacingOccurrences(of: "-", with: "_"))_AccessKey"
        let first = try await platform.pushSecrets([key: "v1", "GH_PAT_\(name.suffix(8))": "ghp_x"])
        #expect(first.map(\.outcome) == [.created, .created])
        #expect(try await platform.secretsManager.value(key) == "v1")
        let second = try await platform.pushSecrets([key: "v2"])
        #expect(second.map(\.name) == [key] && second.map(\.outcome) == [.updated])
        #expect(try await platform.secretsManager.value(key) == "v2")

        let empty = await #expect(throws: PlatformError.self) { try await platform.pushSecrets([key: ""]) }
        #expect(empty?.message.contains("the secret \(key) is empty") == true)
        #expect(try await platform.secretsManager.value(key) == "v2")
    }
}
