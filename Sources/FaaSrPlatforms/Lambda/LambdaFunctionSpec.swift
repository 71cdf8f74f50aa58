import FaaSrCore
import FaaSrPlatformAPI

/// What one action's Lambda function should be: name, image, role, memory and timeout.
struct LambdaFunctionSpec: Sendable, Equatable {
    var name: String
    var imageURI: String
    var role: String
    var memoryMB: Int
    var timeoutSeconds: Int

    /// The spec of `action` in `deployment` on `server`: image from `ActionContainers`, else
    /// FaaSr's Lambda image for the action's `Type`; memory from `MaxMemory` and timeout from
    /// `MaxRuntime` (the action's, else the server's, else FaaSr's 1024 MB and 900 s).
    init(action name: String, workflowName: String, deployment: Deployment, server: ComputeServer, role: String) throws {
        let workflow = deployment.workflow
        let serverName = server.name
        func fail(_ message: String) -> PlatformError {
            PlatformError(serverName: serverName, request: "register \(name)", message: message)
        }
        guard let action = workflow.action(named: name) else {
            throw fail("the workflow has no action \(name) in ActionList")
        }
        let functionName = "\(workflowName)-\(name)"
        guard functionName.count <= LambdaFacts.maxFunctionNameLength else {
            throw fail("the Lambda function name \(functionName) has \(functionName.count) characters, over Lambda's \(LambdaFacts.maxFunctionNameLength); shorten WorkflowName or the action name")
        }
        let type = action.typeText ?? "Python"
        guard let image = workflow.actionContainer(for: name) ?? LambdaFacts.facts.defaultContainer(language: type) else {
            throw fail("ActionContainers has no image for \(name), and FaaSr has no Lambda image for Type \(type); add \"ActionContainers\": {\"\(name)\": \"<ECR image URI>\"}")
        }
        func setting(_ key: String, _ fromAction: JSONNumber?, _ range: ClosedRange<Int>, _ fallback: Int, unit: String) throws -> Int {
            let (number, pointer) = fromAction.map { ($0, "/ActionList/\(name)/\(key)") }
                ?? server.number(key).map { ($0, "/ComputeServers/\(serverName)/\(key)") } ?? (nil, "")
            guard let number else { return fallback }
            guard number.isInteger, let value = Int(exactly: number.doubleValue), range.contains(value) else {
                throw fail("\(key) \(number) at \(pointer) is outside Lambda's range \(range.lowerBound)–\(range.upperBound) \(unit); write a whole number in it")
            }
            return value
        }
        self.name = functionName
        imageURI = image
        self.role = role
        memoryMB = try setting("MaxMemory", action.maxMemory, LambdaFacts.memoryRangeMB, LambdaFacts.defaultMemoryMB, unit: "MB")
        timeoutSeconds = try setting("MaxRuntime", action.maxRuntime, LambdaFacts.timeoutRangeSeconds, LambdaFacts.defaultTimeoutSeconds, unit: "s")
    }

    /// The `CreateFunction` request.
    var createRequest: JSONValue {
        [
            "FunctionName": .string(name), "PackageType": "Image", "Code": ["ImageUri": .string(imageURI)],
            "Role": .string(role), "Timeout": .number(JSONNumber(timeoutSeconds)),
            "MemorySize": .number(JSONNumber(memoryMB)), "Description": "FaaSr action (faasr register)",
        ]
    }

    /// The `UpdateFunctionConfiguration` request.
    var configurationRequest: JSONValue {
        ["Role": .string(role), "Timeout": .number(JSONNumber(timeoutSeconds)), "MemorySize": .number(JSONNumber(memoryMB))]
    }

    /// A one-line summary for plans.
    var summary: String { "image \(imageURI), \(memoryMB) MB, \(timeoutSeconds) s" }

    /// How `existing` differs: whether the code and the configuration need updating, and why.
    func differences(from existing: LambdaFunction) -> (code: Bool, configuration: Bool, reasons: [String]) {
        var reasons: [String] = []
        let failed = existing.state == "Failed" || existing.lastUpdateStatus == "Failed"
        let code = existing.imageURI != imageURI || failed
        if existing.imageURI != imageURI { reasons.append("image \(existing.imageURI ?? "none") → \(imageURI)") }
        if failed { reasons.append("its last update failed (\(existing.lastUpdateReason ?? existing.stateReason ?? "no reason given"))") }
        if existing.memoryMB != memoryMB { reasons.append("memory \(existing.memoryMB.map(String.init) ?? "?") → \(memoryMB) MB") }
        if existing.timeoutSeconds != timeoutSeconds { reasons.append("timeout \(existing.timeoutSeconds.map(String.init) ?? "?") → \(timeoutSeconds) s") }
        if existing.role != role { reasons.append("role \(existing.role ?? "none") → \(role)") }
        let configuration = existing.memoryMB != memoryMB || existing.timeoutSeconds != timeoutSeconds || existing.role != role
        return (code, configuration, reasons)
    }
}
