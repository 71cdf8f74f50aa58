import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatformTestSupport
import FaaSrPlatforms
import FaaSrTestSupport
import Foundation

/// A small workflow across GitHub Actions (`GH`, two actions) and SLURM (`SL`), with a data
/// store and a user secret; and helpers to run a GitHub platform against the loopback server.
enum GitHubFixtures {
    static let token = "ghp_test0123456789abcdefghijklmnopqrstu"

    static func workflow(actions: [String] = ["start", "sum"], containers: [String: String] = [:], vm: Set<String> = []) -> Workflow {
        var list: [String] = []
        for (i, a) in actions.enumerated() {
            let next = i + 1 < actions.count ? "\"\(actions[i + 1])\"" : ""
            let type = a == "plot" ? "R" : "Python"
            let server = a == "batch" ? "SL" : "GH"
            list.append("\"\(a)\": {\"FunctionName\": \"f_\(i)\", \"FaaSServer\": \"\(server)\", \"Type\": \"\(type)\", \"InvokeNext\": [\(next)]\(vm.contains(a) ? ", \"RequiresVM\": true" : "")}")
        }
        let images = containers.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
        return try! Workflow(text: """
        {
          "WorkflowName": "demo",
          "FunctionInvoke": "\(actions[0])",
          "DefaultDataStore": "S3",
          "ActionList": {\(list.joined(separator: ", "))},
          "ComputeServers": {
            "GH": {"FaaSType": "GitHubActions", "UserName": "octo", "ActionRepoName": "flows", "Branch": "main", "UseSecretStore": true},
            "SL": {"FaaSType": "SLURM", "Endpoint": "http://127.0.0.1:6820", "UserName": "u", "APIVersion": "v0.0.38", "Partition": "debug"}
          },
          "DataStores": {"S3": {"Endpoint": "https://s3.amazonaws.com", "Bucket": "b", "Region": "us-east-1"}},
          "ActionContainers": {\(images)},
          "Secrets": ["MY_API_KEY"]
        }
        """)
    }

    static func context(_ workflow: Workflow, base: String, secrets: [String: String] = ["GH_PAT": token]) -> PlatformContext {
        PlatformContext(serverName: "GH", server: workflow.computeServer(named: "GH")!.object, workflowName: "demo",
                        secrets: secrets, environment: ["FAASR_GITHUB_API": base])
    }

    static func deployment(_ workflow: Workflow) -> Deployment {
        Deployment(workflow: workflow, actions: workflow.actions.filter { $0.faasServer == "GH" }.map(\.name),
                   payloadURL: "octo/flows/main/demo.json")
    }

    /// Runs `body` with a started server for octo/flows; nil when ../shared is missing outside CI.
    static func withServer<T>(_ body: (GitHubAPIServer) async throws -> T) async throws -> T? {
        guard try SharedFixtures.require() else { return nil }
        let server = try GitHubAPIServer(owner: "octo", repo: "flows", token: token)
        try await server.start()
        do {
            let out = try await body(server)
            await server.stop()
            return out
        } catch {
            await server.stop()
            throw error
        }
    }

    /// plan + apply, as `faasr register` does.
    static func register(_ platform: GitHubActionsPlatform, _ workflow: Workflow) async throws -> RegistrationPlan {
        let plan = try await platform.plan(deployment(workflow))
        try await platform.apply(plan)
        return plan
    }

    static func kinds(_ plan: RegistrationPlan) -> [String: PlanChange.Kind] {
        Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.resource, $0.kind) })
    }
}
