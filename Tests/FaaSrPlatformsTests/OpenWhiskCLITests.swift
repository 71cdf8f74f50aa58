import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing

/// `faasr register`, `invoke`, `timer` and `unregister` with an OpenWhisk server, through the
/// `faasr` executable, against the loopback controller and moto (the logging store).
@Suite(.serialized) struct OpenWhiskCLITests {
    @Test func registerTwiceInvokeTimerUnregisterThroughTheExecutable() async throws {
        guard try SharedFixtures.require(), let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let server = try OpenWhiskServer(apiKey: OpenWhiskPlatformTests.key)
        try await server.start()
        defer { Task { await server.stop() } }
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = "FaaSrLog-" + TestS3Server.uniquePrefix("ow-cli").dropLast()
        try """
        {"WorkflowName": "OW-Demo", "FunctionInvoke": "start", "DefaultDataStore": "S3", "FaaSrLog": "\(log)",
         "ComputeServers": {"OW": {"FaaSType": "OpenWhisk", "Endpoint": "\(server.baseURL)", "Namespace": "guest", "MaxMemory": 512}},
         "DataStores": {"S3": {"Endpoint": "\(s3.endpoint)", "Bucket": "\(s3.bucket)", "Region": "\(s3.region)", "Writable": "TRUE"}},
         "ActionList": {"start": {"FunctionName": "f", "FaaSServer": "OW", "Type": "Python"}},
         "FunctionGitRepo": {"f": "o/r"}}
        """.write(to: dir.appendingPathComponent("wf.json"), atomically: true, encoding: .utf8)
        let env = ["OW_APIkey": OpenWhiskPlatformTests.key, "GH_PAT": "ghp_cli_example", "S3_AccessKey": s3.accessKey, "S3_SecretKey": s3.secretKey]
        func run(_ args: [String]) async throws -> (status: Int32, out: String, err: String) {
            try await KubernetesCLITests.run(args, in: dir, env)
        }
        let register = try await run(["register", "wf.json"])
        #expect(register.status == 0, "\(register.out)\(register.err)")
        #expect(server.entity("actions", "OW-Demo-start")?["limits"]?["memory"]?.numberValue?.intValue == 512)
        let again = try await run(["register", "wf.json"])
        #expect(again.status == 0 && again.out.contains("Nothing to change"), "\(again.out)\(again.err)")
        let invoke = try await run(["invoke", "wf.json"])
        #expect(invoke.status == 0, "\(invoke.out)\(invoke.err)")
        #expect(server.activationRecords.count == 1)
        let timer = try await run(["timer", "set", "wf.json", "--cron", "0 6 * * *"])
        #expect(timer.status == 0 && server.alarms["/guest/OW-Demo-start-timer"] == "0 6 * * *", "\(timer.out)\(timer.err)")
        let unset = try await run(["timer", "unset", "wf.json"])
        #expect(unset.status == 0 && server.alarms.isEmpty && server.names("rules").isEmpty, "\(unset.out)\(unset.err)")
        let unregister = try await run(["unregister", "wf.json"])
        #expect(unregister.status == 0 && server.names("actions").isEmpty, "\(unregister.out)\(unregister.err)")
        let printed = [register, again, invoke, timer, unset, unregister].map { $0.out + $0.err }.joined()
        #expect(!printed.contains("secretkey") && !printed.contains(s3.secretKey), "no secret is printed")
        #expect(server.problems == [])
    }
}
