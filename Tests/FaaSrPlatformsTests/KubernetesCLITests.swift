import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing

/// `faasr secrets`, `register`, `invoke`, `timer` and `unregister` with a Kubernetes server,
/// through the `faasr` executable, against the loopback API server and moto (the logging store).
@Suite(.serialized) struct KubernetesCLITests {
    /// Runs the executable on a thread of its own (it blocks until the process ends, while the
    /// API server in this process answers it).
    static func run(_ args: [String], in dir: URL, _ env: [String: String]) async throws -> (status: Int32, out: String, err: String) {
        try await withCheckedThrowingContinuation { done in
            Thread { done.resume(with: Result { try FaasrExecutable.run(args, in: dir, environment: env, inheritEnvironment: false) }) }.start()
        }
    }

    @Test func registerInvokeTimerSecretsUnregisterThroughTheExecutable() async throws {
        guard try SharedFixtures.require(), let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let server = try KubernetesServer(token: KubernetesFixture.token, namespaces: ["default", "faasr"])
        try await server.start()
        defer { Task { await server.stop() } }
        let started = Locked<[KubernetesServer.StartedJob]>([])
        server.onJobCreated { job in started.mutate { $0.append(job) } }

        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = "FaaSrLog-" + TestS3Server.uniquePrefix("k8s-cli").dropLast()
        let workflow = """
        {"WorkflowName": "K8s-Demo", "FunctionInvoke": "start", "DefaultDataStore": "S3", "FaaSrLog": "\(log)",
         "ComputeServers": {"K8s": {"FaaSType": "Kubernetes", "Endpoint": "\(server.baseURL)", "Namespace": "faasr", "UseSecretStore": true}},
         "DataStores": {"S3": {"Endpoint": "\(s3.endpoint)", "Bucket": "\(s3.bucket)", "Region": "\(s3.region)", "Writable": "TRUE"}},
         "ActionList": {"start": {"FunctionName": "f", "FaaSServer": "K8s", "Type": "Python", "InvokeNext": ["second"]},
                        "second": {"FunctionName": "g", "FaaSServer": "K8s", "Type": "R"}},
         "FunctionGitRepo": {"f": "o/r", "g": "o/r"}}
        """
        try workflow.write(to: dir.appendingPathComponent("wf.json"), atomically: true, encoding: .utf8)
        let env = ["K8s_Token": KubernetesFixture.token, "GH_PAT": "ghp_cli_example", "S3_AccessKey": s3.accessKey, "S3_SecretKey": s3.secretKey]
        func run(_ args: [String], _ extra: [String: String] = [:]) async throws -> (status: Int32, out: String, err: String) {
            try await Self.run(args, in: dir, env.merging(extra) { $1 })
        }
        var printed = ""

        let list = try await run(["secrets", "list", "wf.json"])
        #expect(list.status == 0 && list.out.contains("K8s_Token"), "\(list.out)\(list.err)")
        let pushed = try await run(["secrets", "push", "wf.json"])
        #expect(pushed.status == 0 && pushed.out.contains("K8s (Secret faasr/faasr-k8s-demo-k8s): created"), "\(pushed.out)\(pushed.err)")
        let pushedAgain = try await run(["secrets", "push", "wf.json"])
        #expect(pushedAgain.out.contains("unchanged"), "\(pushedAgain.out)\(pushedAgain.err)")

        let register = try await run(["register", "wf.json"])
        #expect(register.status == 0, "\(register.out)\(register.err)")
        let again = try await run(["register", "wf.json"])
        #expect(again.status == 0 && again.out.contains("Nothing to change"), "\(again.out)\(again.err)")
        let secret = try #require(server.object("secrets", "faasr-k8s-demo-k8s", namespace: "faasr"))
        #expect(secret["metadata"]?["annotations"]?["faasr.io/images"]?.stringValue?.contains("faasr/kubernetes-r:latest") == true)

        let invoke = try await run(["invoke", "wf.json"])
        #expect(invoke.status == 0, "\(invoke.out)\(invoke.err)")
        let job = try #require(started.value.first)
        #expect(job.image == "faasr/kubernetes-python:latest" && job.name.hasPrefix("k8s-demo-start-"))
        #expect(job.environment["PAYLOAD_URL"]?.hasPrefix("s3://") == true, "\(job.environment["PAYLOAD_URL"] ?? "")")
        #expect(job.environment["S3_SecretKey"] == s3.secretKey && job.environment["K8s_Token"] == KubernetesFixture.token)
        let overwritten = try JSONParser.parse(Array((job.environment["OVERWRITTEN"] ?? "").utf8))
        #expect(overwritten["FunctionInvoke"]?.stringValue == "start" && overwritten["InvocationID"]?.stringValue != nil, "\(overwritten)")

        let timer = try await run(["timer", "set", "wf.json", "--cron", "*/10 * * * *"])
        #expect(timer.status == 0, "\(timer.out)\(timer.err)")
        #expect(server.object("cronjobs", "k8s-demo-start-timer", namespace: "faasr")?["spec"]?["schedule"]?.stringValue == "*/10 * * * *")
        let unset = try await run(["timer", "unset", "wf.json"])
        #expect(unset.status == 0 && server.names("cronjobs", namespace: "faasr").isEmpty, "\(unset.out)\(unset.err)")

        let denied = try await run(["invoke", "wf.json"], ["K8s_Token": "wrong-token"])
        #expect(denied.status == 1 && denied.err.contains("K8s_Token"), "\(denied.err)")

        let unregister = try await run(["unregister", "wf.json"])
        #expect(unregister.status == 0, "\(unregister.out)\(unregister.err)")
        #expect(server.names("secrets", namespace: "faasr").isEmpty)
        for r in [list, pushed, register, again, invoke, timer, unset, denied, unregister] { printed += r.out + r.err }
        #expect(!printed.contains(s3.secretKey) && !printed.contains(KubernetesFixture.token), "no secret is printed")
        #expect(server.problems == [])
    }
}
