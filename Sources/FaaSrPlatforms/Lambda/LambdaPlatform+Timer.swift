import FaaSrCore
import FaaSrPlatformAPI

/// Timers: an EventBridge rule `{function}-timer` with the schedule, a permission for
/// EventBridge to invoke the function, and one target whose input is the event an action
/// needs. FaaSr's target input is `{}`, which its Lambda handler refuses (spec/platforms.md
/// §6, §11.3); here it carries PAYLOAD_URL and OVERWRITTEN, so the timer starts the workflow.
extension LambdaPlatform {
    /// Creates or replaces the timer of `timer.request.functionName`. When a new rule cannot
    /// be completed, it is deleted again.
    public func setTimer(_ timer: TimerRequest) async throws {
        let function = timer.request.functionName
        let rule = LambdaFacts.ruleName(function: function)
        let schedule: String
        do {
            schedule = try EventBridgeCron.schedule(timer.cron)
        } catch {
            throw PlatformError(serverName: serverName, request: "timer \(function)", message: error.description)
        }
        guard rule.count <= LambdaFacts.maxRuleNameLength else {
            throw PlatformError(serverName: serverName, request: "timer \(function)",
                                message: "the EventBridge rule name \(rule) has \(rule.count) characters, over \(LambdaFacts.maxRuleNameLength); shorten WorkflowName or the action name")
        }
        guard let target = try await lambda.getFunction(function) else {
            throw PlatformError(serverName: serverName, request: "timer \(function)",
                                message: "function \(function) does not exist in \(region); run `faasr register` before setting its timer")
        }
        let existed = try await events.describeRule(rule) != nil
        do {
            let ruleARN = try await events.putRule(name: rule, schedule: schedule, description: "FaaSr timer for \(function)")
            let statement = LambdaFacts.statementID(rule: rule)
            // Removed first so the statement names the current rule ARN and a repeat never conflicts.
            try await lambda.removePermission(function, statementID: statement)
            try await lambda.addPermission(function, statementID: statement, principal: "events.amazonaws.com", sourceARN: ruleARN)
            let input = Self.event(payloadURL: timer.request.payloadURL, overwritten: timer.request.overwritten)
            try await events.putTarget(rule: rule, EventBridgeTarget(id: LambdaFacts.targetID, arn: target.arn, input: input))
        } catch {
            if !existed {
                _ = try? await events.deleteRule(rule)
                _ = try? await lambda.removePermission(function, statementID: LambdaFacts.statementID(rule: rule))
            }
            throw error
        }
    }

    /// Deletes the timer's rule (targets first) and the invoke permission; a missing rule,
    /// permission or function is not an error.
    public func unsetTimer(_ timer: TimerRequest) async throws {
        let function = timer.request.functionName
        let rule = LambdaFacts.ruleName(function: function)
        try await events.deleteRule(rule)
        try await lambda.removePermission(function, statementID: LambdaFacts.statementID(rule: rule))
    }
}
