import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Register and unregister: one container-image function per action.
extension LambdaPlatform {
    /// Plan-change state keys.
    enum StateKey {
        static let kind = "kind", code = "code", configuration = "configuration"
        static let function = "function", rule = "rule"
    }

    /// For each action: create the function, update what differs (image, memory, timeout,
    /// role), or leave it. Reads Lambda; changes nothing.
    public func plan(_ deployment: Deployment) async throws -> RegistrationPlan {
        guard let role = roleARN else {
            throw PlatformError(serverName: serverName, request: "register",
                                message: "the execution role is missing: set the secret \(LambdaFacts.roleSecret(server: serverName)) (or \(LambdaFacts.fallbackRoleSecret)) to the ARN of a role Lambda may assume, e.g. arn:aws:iam::123456789012:role/faasr-lambda")
        }
        let server = ComputeServer(name: serverName, value: .object(context.server))
        let workflowName = deployment.workflow.workflowName ?? context.workflowName
        var changes: [PlanChange] = []
        for action in deployment.actions {
            let spec = try LambdaFunctionSpec(action: action, workflowName: workflowName, deployment: deployment, server: server, role: role)
            guard let existing = try await lambda.getFunction(spec.name) else {
                changes.append(PlanChange(kind: .create, resource: spec.name, detail: spec.summary,
                                          body: spec.createRequest, state: [StateKey.kind: StateKey.function]))
                continue
            }
            guard existing.packageType == nil || existing.packageType == "Image" else {
                throw PlatformError(serverName: serverName, request: "register \(spec.name)",
                                    message: "a function \(spec.name) exists but is a \(existing.packageType ?? "") package, not a container image; delete it (or rename the workflow) and register again")
            }
            let diff = spec.differences(from: existing)
            if diff.code || diff.configuration {
                changes.append(PlanChange(kind: .update, resource: spec.name, detail: diff.reasons.joined(separator: "; "),
                                          body: spec.createRequest, state: [
                                            StateKey.kind: StateKey.function,
                                            StateKey.code: String(diff.code), StateKey.configuration: String(diff.configuration),
                                          ]))
            } else {
                changes.append(PlanChange(kind: .unchanged, resource: spec.name, detail: "up to date (\(spec.summary))",
                                          state: [StateKey.kind: StateKey.function]))
            }
        }
        return RegistrationPlan(serverName: serverName, changes: changes)
    }

    /// For each action: its timer rule (if any), then its function.
    public func unregisterPlan(_ deployment: Deployment) async throws -> RegistrationPlan {
        let workflowName = deployment.workflow.workflowName ?? context.workflowName
        var changes: [PlanChange] = []
        for action in deployment.actions {
            let name = "\(workflowName)-\(action)"
            let rule = LambdaFacts.ruleName(function: name)
            if try await events.describeRule(rule) != nil {
                changes.append(PlanChange(kind: .delete, resource: rule, detail: "EventBridge timer rule of \(name)",
                                          state: [StateKey.kind: StateKey.rule]))
            }
            if try await lambda.getFunction(name) != nil {
                changes.append(PlanChange(kind: .delete, resource: name, detail: "Lambda function",
                                          state: [StateKey.kind: StateKey.function]))
            }
        }
        return RegistrationPlan(serverName: serverName, changes: changes)
    }

    /// Makes the plan's changes in order, waiting for each function to be Active (create) or
    /// its update to succeed. When a step fails, the functions this apply created are deleted
    /// again, so none is left half-registered; updates already made stay (each leaves a
    /// working function) and the error lists them.
    public func apply(_ plan: RegistrationPlan) async throws {
        var created: [String] = []
        var done: [String] = []
        do {
            for change in plan.changes {
                let name = change.resource
                switch (change.kind, change.state[StateKey.kind]) {
                case (.create, _):
                    guard let body = change.body else { continue }
                    _ = try await lambda.createFunction(name, body)
                    created.append(name)
                    try await settle(name, "CreateFunction")
                    done.append("created \(name)")
                case (.update, _):
                    guard let body = change.body else { continue }
                    if change.state[StateKey.code] == "true", let image = body["Code"]?["ImageUri"]?.stringValue {
                        try await update(name, "UpdateFunctionCode") { try await lambda.updateCode(name, imageURI: image) }
                    }
                    if change.state[StateKey.configuration] == "true" {
                        let configuration: JSONValue = ["Role": body["Role"] ?? .null, "Timeout": body["Timeout"] ?? .null,
                                                        "MemorySize": body["MemorySize"] ?? .null]
                        try await update(name, "UpdateFunctionConfiguration") { try await lambda.updateConfiguration(name, configuration) }
                    }
                    done.append("updated \(name)")
                case (.delete, StateKey.rule):
                    try await events.deleteRule(name)
                    done.append("deleted rule \(name)")
                case (.delete, _):
                    try await lambda.deleteFunction(name)
                    done.append("deleted \(name)")
                case (.unchanged, _):
                    continue
                }
            }
        } catch {
            throw await ApplyRollback.undo(error, serverName: serverName, noun: "functions", created: created, done: done) {
                try await lambda.deleteFunction($0)
            }
        }
    }

    /// Runs an update, waiting out a concurrent one (409) up to three times, then waits for it.
    private func update(_ name: String, _ operation: String, _ send: () async throws -> PlatformResponse) async throws {
        var tries = 0
        while true {
            tries += 1
            let response = try await send()
            if response.status == 200 { break }
            if response.status == 409, tries < 3, AWSErrorAnswer(response).code == "ResourceConflictException" {
                try await settle(name, operation)
                continue
            }
            throw lambda.failure.error("Lambda \(operation) \(name)", response) { lambda.parameterHint($0) }
        }
        try await settle(name, operation)
    }

    /// Polls `GetFunction` until the function is no longer Pending nor InProgress; throws when
    /// it ends Failed or the wait runs out.
    func settle(_ name: String, _ operation: String) async throws {
        let started = Date()
        while true {
            guard let function = try await lambda.getFunction(name) else {
                throw PlatformError(serverName: serverName, request: "Lambda \(operation) \(name)",
                                    message: "the function disappeared while registering (deleted by someone else?); run register again")
            }
            if function.state == "Failed" || function.lastUpdateStatus == "Failed" {
                let reason = function.lastUpdateReason ?? function.stateReason ?? "no reason given"
                throw PlatformError(serverName: serverName, request: "Lambda \(operation) \(name)",
                                    message: "Lambda could not set up the function: \(reason). Check the image (ActionContainers) and the role")
            }
            if function.state != "Pending", function.lastUpdateStatus != "InProgress" { return }
            guard Date().timeIntervalSince(started) < waitLimit else {
                throw PlatformError(serverName: serverName, request: "Lambda \(operation) \(name)",
                                    message: "the function was still \(function.state ?? "pending")/\(function.lastUpdateStatus ?? "") after \(Int(waitLimit)) s; look at it in the Lambda console and run register again")
            }
            try await Task.sleep(nanoseconds: UInt64(pollInterval * 1_000_000_000))
        }
    }
}
