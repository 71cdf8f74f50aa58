import FaaSrCore
@testable import FaaSrPlatforms
import FaaSrPlatformAPI
import FaaSrTestSupport
import Foundation
import Testing

/// `faasr secrets check|push` and the register-only role secret with a Lambda server, through
/// the `faasr` executable, against moto's Secrets Manager (signatures checked).
@Suite(.serialized) struct LambdaCLITests {
    @Test func secretsPushCheckAndTheRoleSecretRegisterNeeds() async throws {
        guard let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let tag = UUID().uuidString.prefix(6).lowercased()
        let server = "L\(tag)", store = "D\(tag)"
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        {"WorkflowName": "lcli-\(tag)", "FunctionInvoke": "start", "DefaultDataStore": "\(store)", "FaaSrLog": "FaaSrLog-lcli-\(tag)",
         "ComputeServers": {"\(server)": {"FaaSType": "Lambda", "Region": "\(s3.region)", "UseSecretStore": true}},
         "DataStores": {"\(store)": {"Endpoint": "\(s3.endpoint)", "Bucket": "\(s3.bucket)", "Region": "\(s3.region)", "Writable": "TRUE"}},
         "ActionList": {"start": {"FunctionName": "f", "FaaSServer": "\(server)", "Type": "Python"}},
         "ActionContainers": {"start": "123456789012.dkr.ecr.us-east-1.amazonaws.com/faasr-custom:1"}}
        """.write(to: dir.appendingPathComponent("wf.json"), atomically: true, encoding: .utf8)
        let values = ["GH_PAT": "ghp_lambda_cli_\(tag)", "\(server)_AccessKey": s3.accessKey, "\(server)_SecretKey": s3.secretKey,
                      "\(store)_AccessKey": s3.accessKey, "\(store)_SecretKey": s3.secretKey]
        let env = values.merging(["AWS_ENDPOINT_URL": s3.endpoint]) { $1 }
        func run(_ args: [String], _ extra: [String: String] = [:]) async throws -> (status: Int32, out: String, err: String) {
            try await FaasrExecutable.runAsync(args, in: dir, environment: env.merging(extra) { $1 }, inheritEnvironment: false)
        }
        let label = "\(server) (Secrets Manager \(s3.region))"

        let before = try await run(["secrets", "check", "wf.json"])
        #expect(before.status == 1 && before.out.contains(label), "\(before.out)\(before.err)")
        #expect(before.out.contains("\(server)_ARN: missing (read by faasr register only"), "the role is named from the facts table: \(before.out)")
        let pushed = try await run(["secrets", "push", "wf.json"])
        #expect(pushed.status == 0, "\(pushed.out)\(pushed.err)")
        #expect(pushed.out.contains("\(label): \(store)_SecretKey created") && pushed.out.contains("\(label): \(server)_AccessKey created"), "\(pushed.out)")
        #expect(!pushed.out.contains("_ARN"), "the role is not pushed")
        let again = try await run(["secrets", "push", "wf.json"])
        #expect(again.out.contains("\(label): \(store)_SecretKey updated"), "\(again.out)\(again.err)")
        // The values arrived, read back with the server's own credentials.
        let platform = try LambdaPlatform(context: PlatformContext(serverName: server, server: JSONObject([
            .init(key: "FaaSType", value: "Lambda"), .init(key: "Region", value: .string(s3.region))]),
            workflowName: "lcli", secrets: values, environment: ["AWS_ENDPOINT_URL": s3.endpoint]))
        #expect(try await platform.secretsManager.value("\(store)_SecretKey") == s3.secretKey)
        #expect(try await platform.secretsManager.value("\(server)_AccessKey") == s3.accessKey)
        let after = try await run(["secrets", "check", "wf.json"], ["\(server)_ARN": "arn:aws:iam::123456789012:role/faasr-cli"])
        #expect(after.status == 0 && after.out.contains("\(server)_ARN: set"), "\(after.out)\(after.err)")

        // Register without the role stops before anything changes, naming the secret.
        let noRole = try await run(["register", "wf.json"])
        #expect(noRole.status == 1 && noRole.err.contains("\(server)_ARN") && noRole.err.contains("AWS_ARN"), "\(noRole.err)")
        let printed = [before, pushed, again, after, noRole].map { $0.out + $0.err }.joined()
        #expect(!printed.contains(s3.secretKey) && !printed.contains("ghp_lambda_cli"), "no secret is printed")
    }
}
