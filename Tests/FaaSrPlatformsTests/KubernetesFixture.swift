import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation

/// A loopback Kubernetes API server and a platform pointed at it, for the Kubernetes tests.
struct KubernetesFixture {
    static let token = "eyJhbGciOiJSUzI1NiJ9.test-service-account-token.sig"
    let server: KubernetesServer
    let platform: KubernetesPlatform

    /// The workflow: `WorkflowName` with capitals and underscores (as FaaSr allows), an R
    /// action with no container (the default image) and a Python one with its own.
    static func workflow(name: String = "My_Workflow") throws -> Workflow {
        try Workflow(text: """
        {"WorkflowName": \(JSONPrinter.compact(.string(name))), "FunctionInvoke": "start", "DefaultDataStore": "S3",
         "ComputeServers": {"K8s": {"FaaSType": "Kubernetes", "Endpoint": "x", "Namespace": "faasr", "MaxCPU": 500,
                                    "MaxMemory": 256, "TimeLimit": 600, "AdditionalTimeToLive": 120, "UseSecretStore": true}},
         "DataStores": {"S3": {"Endpoint": "http://s3", "Bucket": "b", "Region": "us-east-1", "Writable": "TRUE"}},
         "ActionList": {"start": {"FunctionName": "f", "FaaSServer": "K8s", "Type": "R", "InvokeNext": "Next_Step"},
                        "Next_Step": {"FunctionName": "g", "FaaSServer": "K8s", "Type": "Python"}},
         "ActionContainers": {"Next_Step": "registry.example.org/team/next:1.2"}}
        """)
    }

    static func deployment(_ wf: Workflow) -> Deployment {
        Deployment(workflow: wf, actions: ["start", "Next_Step"], payloadURL: "s3://b/FaaSrLog/wf.json")
    }

    /// The secrets the workflow's actions need, plus the token.
    static let secrets = ["K8s_Token": token, "S3_AccessKey": "AKIAEXAMPLE", "S3_SecretKey": "s3cr3t/value+", "GH_PAT": "ghp_example"]

    /// A started server with the namespace `faasr`, and a platform for `K8s` on it.
    static func make(secrets: [String: String] = secrets, workflowName: String = "My_Workflow",
                     extra: [String: JSONValue] = [:]) async throws -> KubernetesFixture {
        let server = try KubernetesServer(token: token, namespaces: ["default", "faasr"])
        try await server.start()
        return KubernetesFixture(server: server, platform: try platform(server, secrets: secrets, workflowName: workflowName, extra: extra))
    }

    static func entry(_ server: KubernetesServer, extra: [String: JSONValue] = [:]) -> JSONObject {
        var entry = JSONObject()
        entry["FaaSType"] = "Kubernetes"
        entry["Endpoint"] = .string(server.baseURL)
        entry["Namespace"] = "faasr"
        entry["MaxCPU"] = 500
        entry["MaxMemory"] = 256
        entry["TimeLimit"] = 600
        entry["AdditionalTimeToLive"] = 120
        for (k, v) in extra { entry[k] = v }
        return entry
    }

    static func platform(_ server: KubernetesServer, secrets: [String: String] = secrets, workflowName: String = "My_Workflow",
                         extra: [String: JSONValue] = [:]) throws -> KubernetesPlatform {
        var p = try KubernetesPlatform(context: PlatformContext(serverName: "K8s", server: entry(server, extra: extra),
                                                                workflowName: workflowName, secrets: secrets, environment: [:]))
        p.http.retry = .init(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 60)
        // Generous: each request is checked against a 320 KB description on a loaded machine.
        p.http.readTimeout = 20
        p.http.connectTimeout = 5
        return p
    }

    /// What the runtime sends for `action` (OVERWRITTEN with the servers and stores, as FaaSr
    /// builds it when UseSecretStore is off: here with credentials written in, to see them go).
    func request(_ action: String = "Next_Step", container: String? = nil) -> TriggerRequest {
        var store = JSONObject()
        store["Bucket"] = "b"
        store["AccessKey"] = "AKIAEXAMPLE"
        store["SecretKey"] = "s3cr3t/value+"
        var stores = JSONObject()
        stores["S3"] = .object(store)
        var servers = JSONObject()
        var k8s = Self.entry(server)
        k8s["Token"] = .string(Self.token)
        servers["K8s"] = .object(k8s)
        var over = JSONObject()
        over["FunctionInvoke"] = .string(action)
        over["ComputeServers"] = .object(servers)
        over["DataStores"] = .object(stores)
        return TriggerRequest(action: action, rank: nil, serverName: "K8s", server: Self.entry(server), overwritten: over,
                              payloadURL: "s3://b/FaaSrLog/wf.json", functionName: "My_Workflow-\(action)", container: container)
    }

    /// Registers the workflow (plan + apply).
    func register() async throws {
        let plan = try await platform.plan(Self.deployment(try Self.workflow()))
        try await platform.apply(plan)
    }

    func stop() async { await server.stop() }
}
