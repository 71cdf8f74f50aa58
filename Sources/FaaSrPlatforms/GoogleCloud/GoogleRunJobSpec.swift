import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// The Cloud Run job one action is registered as, as FaaSr's `deploy_to_gcp` builds it: one
/// container (the action's image, else FaaSr's `faasr/gcp-{python|r}`) with cpu and memory
/// limits, the task timeout, and the service account the task runs as.
struct GoogleRunJobSpec: Sendable, Equatable {
    var name: String
    var image: String
    var cpu: String
    var memory: String
    var timeout: String
    var serviceAccount: String

    /// The spec of `action`: cpu = `Resources.CPUsPerTask` → server `CPUsPerTask` → 1;
    /// memory = `Resources.Memory` → `MaxMemory` (action, then server) → server `Memory` → 512 MiB;
    /// timeout = `Resources.TimeLimit` → `MaxRuntime` (action, then server) → server `TimeLimit` → 3600 s.
    init(action: String, workflowName: String, workflow: Workflow, server: JSONObject, serviceAccount: String) throws {
        name = GoogleCloudFacts.jobName("\(workflowName)-\(action)")
        if let problem = GoogleCloudFacts.jobNameProblem(name) {
            throw PlatformError(serverName: "", request: "register \(name)",
                                message: "the Cloud Run job name '\(name)' (WorkflowName-Action) \(problem); shorten or rename the workflow or the action")
        }
        let entry = workflow.action(named: action)
        image = workflow.actionContainer(for: action).flatMap { $0.isEmpty ? nil : $0 }
            ?? GoogleCloudFacts.facts.defaultContainer(language: entry?.typeText == "R" ? "R" : "Python")!
        let resources = entry?.resources ?? JSONObject()
        func number(_ value: JSONValue?) -> Double? { value?.numberValue?.doubleValue }
        let cpus = number(resources["CPUsPerTask"]) ?? number(server["CPUsPerTask"]) ?? Double(GoogleCloudFacts.defaultCPU)
        let mib = number(resources["Memory"]) ?? PlatformJSON.setting("MaxMemory", action: action, workflow: workflow, server: server)
            ?? number(server["Memory"]) ?? Double(GoogleCloudFacts.defaultMemoryMiB)
        let seconds = number(resources["TimeLimit"]) ?? PlatformJSON.setting("MaxRuntime", action: action, workflow: workflow, server: server)
            ?? number(server["TimeLimit"]) ?? Double(GoogleCloudFacts.defaultTimeoutSeconds)
        cpu = String(Int(cpus.rounded(.up)))
        memory = "\(Int(mib.rounded(.up)))Mi"
        timeout = "\(Int(seconds.rounded(.up)))s"
        self.serviceAccount = serviceAccount
    }

    /// The `GoogleCloudRunV2Job` body of create and patch.
    var body: JSONValue {
        let container: JSONValue = ["image": .string(image), "resources": ["limits": ["cpu": .string(cpu), "memory": .string(memory)]]]
        return ["template": ["template": ["containers": [container], "timeout": .string(timeout), "serviceAccount": .string(serviceAccount)]]]
    }

    /// One line for plans.
    var summary: String { "image \(image), cpu \(cpu), memory \(memory), timeout \(timeout)" }

    /// What differs between this spec and the job Cloud Run has (empty when nothing).
    func differences(from job: JSONValue) -> [String] {
        let task = job["template"]?["template"]
        let container = task?["containers"]?.arrayValue?.first
        let have: [(String, String?, String)] = [
            ("image", container?["image"]?.stringValue, image),
            ("cpu", container?["resources"]?["limits"]?["cpu"]?.stringValue, cpu),
            ("memory", container?["resources"]?["limits"]?["memory"]?.stringValue, memory),
            ("timeout", task?["timeout"]?.stringValue, timeout),
            ("service account", task?["serviceAccount"]?.stringValue, serviceAccount),
        ]
        return have.filter { $0.1 != $0.2 }.map { "\($0.0) \($0.1 ?? "unset") → \($0.2)" }
    }
}
