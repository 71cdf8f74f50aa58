import FaaSrCore
@testable import FaaSrPlatforms
import FaaSrPlatformAPI
import FaaSrTestSupport
import Foundation

/// Lambda platforms and workflows against the local moto server (Lambda, EventBridge and
/// Secrets Manager with signature checking), each test with a workflow name of its own.
enum LambdaTestFixture {
    /// A fresh workflow name (`lt-1a2b3c4d`).
    static func workflowName() -> String { "lt-\(UUID().uuidString.prefix(8).lowercased())" }

    /// A two-action workflow on Lambda server `AWS`: `start` (Python, image from
    /// ActionContainers) → `second` (R, FaaSr's image, `MaxMemory`/`MaxRuntime` set).
    static func workflow(_ name: String, secondMemory: Int = 2048) throws -> Workflow {
        try Workflow(text: """
        {"WorkflowName": "\(name)", "FunctionInvoke": "start", "DefaultDataStore": "S3",
         "ActionList": {
           "start": {"FaaSServer": "AWS", "FunctionName": "f", "Type": "Python", "InvokeNext": ["second"]},
           "second": {"FaaSServer": "AWS", "FunctionName": "g", "Type": "R", "MaxMemory": \(secondMemory), "MaxRuntime": 300}},
         "ComputeServers": {"AWS": {"FaaSType": "Lambda", "Region": "us-east-1", "UseSecretStore": true}},
         "DataStores": {"S3": {"Bucket": "b", "Region": "us-east-1", "Writable": "TRUE"}},
         "ActionContainers": {"start": "123456789012.dkr.ecr.us-east-1.amazonaws.com/faasr-custom:1"}}
        """)
    }

    /// The deployment of every action of `workflow`.
    static func deployment(_ workflow: Workflow) -> Deployment {
        Deployment(workflow: workflow, actions: workflow.actionNames, payloadURL: "owner/repo/main/\(workflow.workflowName ?? "").json")
    }

    /// The platform for server `AWS` of `workflowName`, signed with the server's key (or
    /// `secretKey`/`accessKey` instead), the role from `AWS_ARN`.
    static func platform(_ s3: TestS3Server, workflowName: String, accessKey: String? = nil, secretKey: String? = nil,
                         environment extra: [String: String] = [:], role: Bool = true) throws -> LambdaPlatform {
        var secrets = ["AWS_AccessKey": accessKey ?? s3.accessKey, "AWS_SecretKey": secretKey ?? s3.secretKey]
        if role { secrets["AWS_ARN"] = s3.lambdaRoleARN ?? "arn:aws:iam::123456789012:role/faasr-test-lambda" }
        let context = PlatformContext(
            serverName: "AWS", server: server(s3.region),
            workflowName: workflowName, secrets: secrets,
            environment: ["AWS_ENDPOINT_URL": s3.endpoint].merging(extra) { $1 })
        var platform = try LambdaPlatform(context: context)
        platform.pollInterval = 0.05
        platform.waitLimit = 30
        return platform
    }

    /// A fresh workflow registered on moto, and its platform.
    static func registered(_ s3: TestS3Server) async throws -> (name: String, platform: LambdaPlatform) {
        let name = workflowName()
        let platform = try self.platform(s3, workflowName: name)
        try await platform.apply(try await platform.plan(deployment(try workflow(name))))
        return (name, platform)
    }

    /// Unregisters what ``registered(_:)`` made.
    static func unregister(_ name: String, _ platform: LambdaPlatform) async throws {
        try await platform.apply(try await platform.unregisterPlan(deployment(try workflow(name))))
    }

    static func server(_ region: String) -> JSONObject {
        JSONObject([.init(key: "FaaSType", value: "Lambda"), .init(key: "Region", value: .string(region))])
    }

    /// A trigger request for `action` of `workflowName`.
    static func request(_ workflowName: String, _ action: String) -> TriggerRequest {
        TriggerRequest(action: action, rank: nil, serverName: "AWS", server: server("us-east-1"),
                       overwritten: JSONObject([.init(key: "FunctionInvoke", value: .string(action))]),
                       payloadURL: "owner/repo/main/\(workflowName).json", functionName: "\(workflowName)-\(action)")
    }

    /// The port of an `http://127.0.0.1:PORT` endpoint.
    static func port(_ endpoint: String) -> UInt16 { UInt16(URL(string: endpoint)?.port ?? 0) }
}
