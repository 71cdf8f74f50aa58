import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// An EventBridge rule's target, as `ListTargetsByRule` describes it.
struct EventBridgeTarget: Sendable, Equatable {
    var id: String
    var arn: String
    /// The constant JSON text the target receives, if any.
    var input: String?
}

/// The EventBridge operations a Lambda timer uses (JSON 1.1, target prefix `AWSEvents`).
struct EventBridgeAPI: Sendable {
    var client: AWSClient
    var failure: AWSFailure

    private func parse(_ response: PlatformResponse) -> JSONValue {
        (try? JSONParser.parse(response.body)) ?? .object(JSONObject())
    }

    private func ok(_ operation: String, _ response: PlatformResponse) throws -> JSONValue {
        guard response.status == 200 else { throw failure.error("EventBridge \(operation)", response) }
        return parse(response)
    }

    /// `PutRule` (creates or updates) with a schedule; returns the rule ARN.
    func putRule(name: String, schedule: String, description: String) async throws -> String {
        let body: JSONValue = [
            "Name": .string(name), "ScheduleExpression": .string(schedule),
            "State": "ENABLED", "Description": .string(description),
        ]
        let response = try await client.call("PutRule", body)
        guard response.status == 200 else {
            throw failure.error("EventBridge PutRule \(name)", response) { answer in
                answer.code == "ValidationException" || answer.message.lowercased().contains("schedule")
                    ? "EventBridge refused the schedule \(schedule); check the timer's cron expression" : nil
            }
        }
        return parse(response)["RuleArn"]?.stringValue ?? ""
    }

    /// `DescribeRule`: the rule's ARN and schedule, or nil when there is no such rule.
    func describeRule(_ name: String) async throws -> (arn: String, schedule: String?)? {
        let response = try await client.call("DescribeRule", ["Name": .string(name)])
        if response.status == 400 || response.status == 404, AWSErrorAnswer(response).code == "ResourceNotFoundException" { return nil }
        let rule = try ok("DescribeRule \(name)", response)
        return (rule["Arn"]?.stringValue ?? "", rule["ScheduleExpression"]?.stringValue)
    }

    /// `PutTargets` with one target; fails when EventBridge reports a failed entry.
    func putTarget(rule: String, _ target: EventBridgeTarget) async throws {
        var entry: JSONValue = ["Id": .string(target.id), "Arn": .string(target.arn)]
        if let input = target.input { entry = ["Id": .string(target.id), "Arn": .string(target.arn), "Input": .string(input)] }
        let answer = try ok("PutTargets \(rule)", try await client.call("PutTargets", [
            "Rule": .string(rule), "Targets": [entry],
        ]))
        if let count = answer["FailedEntryCount"]?.numberValue?.intValue, count > 0 {
            let reason = answer["FailedEntries"]?[0]?["ErrorMessage"]?.stringValue ?? "no reason given"
            throw PlatformError(serverName: failure.serverName, request: "EventBridge PutTargets \(rule)", status: 200,
                                message: "EventBridge did not add the target: \(reason)")
        }
    }

    /// `ListTargetsByRule` (first page: FaaSr rules have one target).
    func targets(rule: String) async throws -> [EventBridgeTarget] {
        let answer = try ok("ListTargetsByRule \(rule)", try await client.call("ListTargetsByRule", ["Rule": .string(rule)]))
        return (answer["Targets"]?.arrayValue ?? []).map {
            EventBridgeTarget(id: $0["Id"]?.stringValue ?? "", arn: $0["Arn"]?.stringValue ?? "", input: $0["Input"]?.stringValue)
        }
    }

    /// Removes the rule's targets and the rule; false when there was no rule.
    @discardableResult
    func deleteRule(_ name: String) async throws -> Bool {
        guard try await describeRule(name) != nil else { return false }
        let ids = try await targets(rule: name).map { JSONValue.string($0.id) }
        if !ids.isEmpty {
            _ = try ok("RemoveTargets \(name)", try await client.call("RemoveTargets", ["Rule": .string(name), "Ids": .array(ids)]))
        }
        let response = try await client.call("DeleteRule", ["Name": .string(name)])
        if response.status != 200, AWSErrorAnswer(response).code == "ResourceNotFoundException" { return true }
        _ = try ok("DeleteRule \(name)", response)
        return true
    }
}
