import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing

/// `faasr secrets push|check` for Google Cloud: Secret Manager in the server's project.
@Suite struct GoogleCloudSecretsTests {
    @Test func pushCreatesThenAddsVersions() async throws {
        try await GoogleCloudFixture.withServer { server in
            let gcp = try GoogleCloudFixture.platform(server)
            let first = try await gcp.pushSecrets(["GH_PAT": "ghp_value-1", "S3_SecretKey": "s3-Ω-secret"])
            #expect(first.map(\.name) == ["GH_PAT", "S3_SecretKey"] && first.allSatisfy { $0.outcome == .created })
            #expect(server.secretValue("S3_SecretKey") == "s3-Ω-secret")
            let second = try await gcp.pushSecrets(["GH_PAT": "ghp_value-2"])
            #expect(second.first?.outcome == .updated)
            #expect(server.secretValue("GH_PAT") == "ghp_value-2" && server.secretVersionCount("GH_PAT") == 2)
            #expect(try await gcp.hasSecret("GH_PAT"))
            #expect(try await !gcp.hasSecret("Other_Token"))

            // A failure part-way says what was stored, never a value.
            server.http.fail("POST", pathContains: "B_Token:addVersion", with: GoogleCloudErrorTests.googleError(403, "PERMISSION_DENIED"))
            let error = try await #require(throws: PlatformError.self) { try await gcp.pushSecrets(["A_Token": "value-a", "B_Token": "value-b"]) }
            #expect(error.status == 403 && error.message.contains("roles/secretmanager.admin") && error.message.contains("Already stored: A_Token"))
            #expect(!error.description.contains("value-a") && !error.description.contains("value-b"))
            // Pushing again completes it (the secret created before the failure gets its version).
            #expect(try await gcp.pushSecrets(["A_Token": "value-a", "B_Token": "value-b"]).map(\.outcome) == [.updated, .updated])
            #expect(server.secretValue("B_Token") == "value-b")
            #expect(server.problems == [])
        }
    }

    @Test func cliPushAndCheckThroughTheBinary() async throws {
        guard try FaasrExecutable.require() != nil else { return }
        try await GoogleCloudFixture.withServer { server in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gcp-secrets-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let text = """
            {"WorkflowName": "Demo", "FunctionInvoke": "start",
             "ComputeServers": {"GCP": {"FaaSType": "GoogleCloud", "Namespace": "\(GoogleCloudFixture.project)", "Region": "us-central1",
                                        "ClientEmail": "\(GoogleCloudFixture.email)", "TokenUri": "\(server.tokenURI)",
                                        "Endpoint": "\(server.baseURL)/v2/projects/"}},
             "DataStores": {"S3": {"Endpoint": "http://127.0.0.1:9", "Bucket": "b", "Region": "us-east-1"}},
             "ActionList": {"start": {"FunctionName": "f", "FaaSServer": "GCP", "Type": "Python"}}}
            """
            try text.write(to: dir.appendingPathComponent("demo.json"), atomically: true, encoding: .utf8)
            let values = ["GH_PAT": "ghp_cli-value", "S3_AccessKey": "AKIA-cli-value", "S3_SecretKey": "cli-secret-value"]
            var env = server.environment
            env["GCP_SecretKey"] = GoogleCloudFixture.pem
            for (k, v) in values { env[k] = v }

            let pushed = try await FaasrExecutable.runAsync(["secrets", "push", "demo.json"], in: dir, environment: env, inheritEnvironment: false)
            #expect(pushed.status == 0, "\(pushed.err)")
            #expect(pushed.out.contains("GCP (demo-project): S3_SecretKey created"))
            #expect(server.secretValue("S3_AccessKey") == "AKIA-cli-value" && server.secretValue("GH_PAT") == "ghp_cli-value")

            let checked = try await FaasrExecutable.runAsync(["secrets", "check", "demo.json"], in: dir, environment: env, inheritEnvironment: false)
            #expect(checked.status == 0, "\(checked.err)")
            #expect(checked.out.contains("GCP (demo-project)"))
            for output in [pushed.out, pushed.err, checked.out, checked.err] {
                for value in values.values { #expect(!output.contains(value)) }
                #expect(!output.contains("PRIVATE KEY"))
            }
            #expect(server.problems == [])
        }
    }
}
