import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Testing

/// PlatformTrigger as a running action uses it (`faasr run`): it is made before the payload is
/// read, so without a workflow name; the platforms still find what register made by name.
@Suite struct PlatformTriggerTests {
    @Test func aTriggerWithoutAWorkflowNameFindsTheRegisteredSecret() async throws {
        guard try SharedFixtures.require() else { return }
        let f = try await KubernetesFixture.make()
        defer { Task { await f.stop() } }
        try await f.register()
        // As in the runtime: secrets and environment only; the name comes from `My_Workflow-Next_Step`.
        let trigger = PlatformTrigger(secrets: KubernetesFixture.secrets, environment: [:])
        let receipt = try await trigger.submit(f.request())
        #expect(f.server.names("jobs", namespace: "faasr") == [receipt.jobID!])
        #expect(f.server.object("jobs", receipt.jobID!, namespace: "faasr").map { "\($0)" }?.contains("faasr-my-workflow-k8s") == true)
        #expect(f.server.problems == [])
    }
}
