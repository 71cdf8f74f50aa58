import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing

/// KubernetesPlatform against the loopback API server, which checks every request against
/// the batch/v1, core/v1 and authorization.k8s.io/v1 descriptions and keeps the API
/// server's state.
@Suite struct KubernetesRegisterTests {
    @Test func registerTwiceChangesNothingTheSecondTime() async throws {
        guard try SharedFixtures.require() else { return }
        let f = try await KubernetesFixture.make()
        defer { Task { await f.stop() } }
        try await f.platform.checkCredentials()
        let deployment = KubernetesFixture.deployment(try KubernetesFixture.workflow())
        let first = try await f.platform.plan(deployment)
        #expect(first.changes.map(\.kind) == [.create])
        #expect(first.changes[0].resource == "faasr-my-workflow-k8s")
        // The plan names the keys, never the values.
        let planText = "\(first)"
        #expect(planText.contains("S3_SecretKey") && !planText.contains("s3cr3t") && !planText.contains(KubernetesFixture.token))
        try await f.platform.apply(first)
        let secret = try #require(f.server.object("secrets", "faasr-my-workflow-k8s", namespace: "faasr"))
        let data = try #require(secret["data"]?.objectValue)
        #expect(data.members.map(\.key).sorted() == ["GH_PAT", "K8s_Token", "S3_AccessKey", "S3_SecretKey"])
        #expect(data["S3_SecretKey"]?.stringValue == Data("s3cr3t/value+".utf8).base64EncodedString())
        let images = try #require(secret["metadata"]?["annotations"]?[KubernetesPlatform.imagesAnnotation]?.stringValue)
        #expect(images.contains("faasr/kubernetes-r:latest") && images.contains("registry.example.org/team/next:1.2"))
        let version = secret["metadata"]?["resourceVersion"]

        // Second register: nothing to change, nothing written.
        let second = try await f.platform.plan(deployment)
        #expect(second.isEmpty)
        f.server.http.clearRequests()
        try await f.platform.apply(second)
        #expect(f.server.http.requests.isEmpty)
        #expect(f.server.object("secrets", "faasr-my-workflow-k8s", namespace: "faasr")?["metadata"]?["resourceVersion"] == version)

        // A changed value is an update of that key (named, not shown), with the resourceVersion.
        var changed = KubernetesFixture.secrets
        changed["S3_SecretKey"] = "rotated"
        let rotated = try KubernetesFixture.platform(f.server, secrets: changed)
        let third = try await rotated.plan(deployment)
        #expect(third.changes.map(\.kind) == [.update])
        #expect(third.changes[0].detail.contains("S3_SecretKey") && !third.changes[0].detail.contains("rotated"))
        try await rotated.apply(third)
        #expect(f.server.object("secrets", "faasr-my-workflow-k8s", namespace: "faasr")?["data"]?["S3_SecretKey"]?.stringValue
            == Data("rotated".utf8).base64EncodedString())
        #expect(try await rotated.plan(deployment).isEmpty)
        #expect(f.server.problems == [])
    }

    @Test func invokeCreatesOneJobPerInvocationWithTheRuntimeEnvironment() async throws {
        guard try SharedFixtures.require() else { return }
        let f = try await KubernetesFixture.make()
        defer { Task { await f.stop() } }
        let seen = Locked<[KubernetesServer.StartedJob]>([])
        f.server.onJobCreated { job in seen.mutate { $0.append(job) } }
        try await f.register()

        let receipt = try await f.platform.submit(f.request())
        let name = try #require(receipt.jobID)
        #expect(KubernetesNames.isLabel(name) && name.hasPrefix("my-workflow-next-step-"))
        let job = try #require(f.server.object("jobs", name, namespace: "faasr"))
        let container = try #require(job["spec"]?["template"]?["spec"]?["containers"]?[0])
        #expect(container["name"]?.stringValue == "my-workflow-next-step")
        #expect(container["image"]?.stringValue == "registry.example.org/team/next:1.2")
        #expect(container["resources"]?["limits"]?["cpu"]?.stringValue == "500m")
        #expect(container["resources"]?["requests"]?["memory"]?.stringValue == "256M")
        #expect(job["spec"]?["activeDeadlineSeconds"]?.numberValue?.intValue == 600)
        #expect(job["spec"]?["ttlSecondsAfterFinished"]?.numberValue?.intValue == 120)
        #expect(job["spec"]?["backoffLimit"]?.numberValue?.intValue == 6)
        #expect(job["spec"]?["template"]?["spec"]?["restartPolicy"]?.stringValue == "Never")

        // The hook sees the container's environment as the kubelet builds it.
        let started = try #require(seen.value.first)
        #expect(started.name == name && started.image == "registry.example.org/team/next:1.2" && started.command.isEmpty)
        #expect(started.environment["PAYLOAD_URL"] == "s3://b/FaaSrLog/wf.json")
        #expect(started.environment["S3_SecretKey"] == "s3cr3t/value+" && started.environment["K8s_Token"] == KubernetesFixture.token)
        // OVERWRITTEN is compact JSON without credentials: they come from the Secret.
        let overwritten = try #require(started.environment["OVERWRITTEN"])
        #expect(!overwritten.contains("s3cr3t") && !overwritten.contains("AKIAEXAMPLE") && !overwritten.contains(KubernetesFixture.token))
        let parsed = try JSONParser.parse(Array(overwritten.utf8))
        #expect(parsed["FunctionInvoke"]?.stringValue == "Next_Step")
        #expect(parsed["DataStores"]?["S3"]?["Bucket"]?.stringValue == "b")
        #expect(!overwritten.contains("\n") && !overwritten.contains(": "))

        // An action without a container gets the image register recorded for its type (R).
        let second = try await f.platform.submit(f.request("start"))
        #expect(f.server.object("jobs", second.jobID ?? "", namespace: "faasr")?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.stringValue
            == "faasr/kubernetes-r:latest")
        #expect(second.jobID != receipt.jobID && seen.value.count == 2)

        // Status follows the Job's conditions.
        #expect(try await f.platform.status(of: receipt) == .running)
        f.server.finish(job: name, succeeded: true, namespace: "faasr")
        #expect(try await f.platform.status(of: receipt) == .succeeded)
        f.server.finish(job: second.jobID!, succeeded: false, namespace: "faasr")
        #expect(try await f.platform.status(of: second) == .failed)
        #expect(try await f.platform.status(of: TriggerReceipt(serverName: "K8s", jobID: "gone-abcde")) == nil)
        #expect(f.server.problems == [])
    }

    @Test func invokeBeforeRegisterSaysSo() async throws {
        guard try SharedFixtures.require() else { return }
        let f = try await KubernetesFixture.make()
        defer { Task { await f.stop() } }
        let error = try await #require(throws: PlatformError.self) { try await f.platform.submit(f.request()) }
        #expect(error.message.contains("faasr register") && error.message.contains("faasr-my-workflow-k8s"))
        #expect(f.server.names("jobs", namespace: "faasr").isEmpty)
        #expect(f.server.problems == [])
    }

    @Test func timerSetReplaceFireUnsetAndUnregister() async throws {
        guard try SharedFixtures.require() else { return }
        let f = try await KubernetesFixture.make()
        defer { Task { await f.stop() } }
        try await f.register()
        let timer = TimerRequest(cron: "*/5 * * * *", request: f.request("start"))
        try await f.platform.setTimer(timer)
        let name = "my-workflow-start-timer"
        let cron = try #require(f.server.object("cronjobs", name, namespace: "faasr"))
        #expect(cron["spec"]?["schedule"]?.stringValue == "*/5 * * * *" && cron["spec"]?["timeZone"]?.stringValue == "Etc/UTC")
        // Setting it again replaces the schedule.
        try await f.platform.setTimer(TimerRequest(cron: "0 * * * *", request: f.request("start")))
        #expect(f.server.names("cronjobs", namespace: "faasr") == [name])
        #expect(f.server.object("cronjobs", name, namespace: "faasr")?["spec"]?["schedule"]?.stringValue == "0 * * * *")
        // When it fires, the Job it starts has the action's environment.
        let fired = try #require(f.server.fire(cronJob: name, namespace: "faasr"))
        #expect(fired.cronJob == name && fired.image == "faasr/kubernetes-r:latest")
        #expect(fired.environment["PAYLOAD_URL"] == "s3://b/FaaSrLog/wf.json" && fired.environment["S3_AccessKey"] == "AKIAEXAMPLE")
        // A bad schedule is refused before anything changes.
        let bad = try await #require(throws: PlatformError.self) {
            try await f.platform.setTimer(TimerRequest(cron: "every minute", request: f.request("start")))
        }
        #expect(bad.message.contains("five cron fields"))
        #expect(f.server.object("cronjobs", name, namespace: "faasr")?["spec"]?["schedule"]?.stringValue == "0 * * * *")
        try await f.platform.unsetTimer(timer)
        #expect(f.server.names("cronjobs", namespace: "faasr").isEmpty)
        try await f.platform.unsetTimer(timer)   // already gone: fine

        // Unregister removes the timers and the Secret that register made.
        try await f.platform.setTimer(timer)
        let deployment = KubernetesFixture.deployment(try KubernetesFixture.workflow())
        let plan = try await f.platform.unregisterPlan(deployment)
        #expect(plan.changes.map(\.resource) == [name, "faasr-my-workflow-k8s"])
        try await f.platform.apply(plan)
        #expect(f.server.names("cronjobs", namespace: "faasr").isEmpty && f.server.names("secrets", namespace: "faasr").isEmpty)
        #expect(try await f.platform.unregisterPlan(deployment).changes.isEmpty)
        #expect(f.server.problems == [])
        #expect(f.server.gaps.count == 1)   // the Secret DELETE, which the core excerpt lacks
    }
}

/// A value shared with a `@Sendable` closure.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
