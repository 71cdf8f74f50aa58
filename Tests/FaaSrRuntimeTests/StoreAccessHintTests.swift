import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// A 403 on the first store check names where the credentials came from (issue 16: it said
/// only `HeadBucket 'hidden-bucket': HTTP 403 Forbidden`): `faasr local
/// --use-workflow-stores` against moto (SigV4 checked) with a wrong secret.
@Suite struct StoreAccessHintTests {
    /// A one-action workflow whose store `Store` is the test server.
    static func workflow(in dir: URL, s3: TestS3Server, secretStore: Bool, keys: (String, String)? = nil) throws -> URL {
        try "def f():\n    pass\n".write(to: dir.appendingPathComponent("f.py"), atomically: true, encoding: .utf8)
        let fields = keys.map { #", "AccessKey": "\#($0.0)", "SecretKey": "\#($0.1)""# } ?? ""
        let text = """
        {"WorkflowName": "hint", "FunctionInvoke": "only",
         "ActionList": {"only": {"FunctionName": "f", "FaaSServer": "GH", "Type": "Python", "InvokeNext": []}},
         "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main", "UseSecretStore": \(secretStore)}},
         "DataStores": {"Store": {"Endpoint": "\(s3.endpoint)", "Bucket": "\(s3.bucket)", "Region": "\(s3.region)", "Writable": "true"\(fields)}},
         "DefaultDataStore": "Store", "LoggingDataStore": "Store", "FaaSrLog": "FaaSrLog", "InvocationID": "",
         "FunctionLocalFile": {"f": "f.py"}}
        """
        let file = dir.appendingPathComponent("hint.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func aWrongSecretNamesTheSecrets() async throws {
        guard let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let dir = temporaryDirectory("hint")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.workflow(in: dir, s3: s3, secretStore: true)
        let wrong = "wrong-secret-\(UUID().uuidString.prefix(8))"
        let r = try FaasrExecutable.run(["local", file.path, "--use-workflow-stores", "--run-dir", dir.appendingPathComponent("run").path],
                                        in: dir, environment: ["Store_AccessKey": s3.accessKey, "Store_SecretKey": wrong],
                                        inheritEnvironment: false)
        let all = r.out + r.err
        #expect(r.status != 0, "\(all)")
        #expect(all.contains("HeadBucket") && all.contains("403"), "\(all)")
        #expect(all.contains("Store_AccessKey") && all.contains("Store_SecretKey"), "\(all)")
        #expect(all.contains("from the secrets"), "\(all)")
        #expect(!all.contains(wrong) && !all.contains(s3.secretKey), "a secret was printed")
        // Nothing was written: the log of a refused run cannot reach the store either.
        let client = S3Client(configuration: S3Configuration(
            endpoint: URL(string: s3.endpoint)!, bucket: s3.bucket, region: s3.region,
            credentials: AWSCredentials(accessKeyID: s3.accessKey, secretAccessKey: s3.secretKey)))
        #expect(try await client.list(prefix: "FaaSrLog/hint/").keys.isEmpty)
    }

    @Test func keysInTheWorkflowAreNamedAsSuch() async throws {
        guard let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let dir = temporaryDirectory("hint2")
        defer { try? FileManager.default.removeItem(at: dir) }
        let wrong = "wrong-secret-\(UUID().uuidString.prefix(8))"
        let file = try Self.workflow(in: dir, s3: s3, secretStore: false, keys: (s3.accessKey, wrong))
        let r = try FaasrExecutable.run(["local", file.path, "--use-workflow-stores", "--run-dir", dir.appendingPathComponent("run").path],
                                        in: dir, inheritEnvironment: false)
        let all = r.out + r.err
        #expect(r.status != 0, "\(all)")
        #expect(all.contains("DataStores.Store") && all.contains("UseSecretStore"), "\(all)")
        #expect(!all.contains(wrong), "a secret was printed")
    }
}
