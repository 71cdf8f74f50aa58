import FaaSrCore
@testable import FaaSrPlatforms
import FaaSrPlatformAPI
import FaaSrTestSupport
import Testing

/// Register and unregister against moto's Lambda with signature checking.
@Suite struct LambdaRegisterTests {
    typealias F = LambdaTestFixture

    @Test func registerCreatesThenOnlyUpdatesThenChangesNothing() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let name = F.workflowName()
        let platform = try F.platform(s3, workflowName: name)
        let first = try await platform.plan(F.deployment(try F.workflow(name)))
        #expect(first.changes.map(\.kind) == [.create, .create])
        #expect(first.changes.map(\.resource) == ["\(name)-start", "\(name)-second"])
        try await platform.apply(first)

        let start = try #require(try await platform.lambda.getFunction("\(name)-start"))
        #expect(start.state == "Active")
        #expect(start.imageURI == "123456789012.dkr.ecr.us-east-1.amazonaws.com/faasr-custom:1")
        #expect(start.memoryMB == 1024 && start.timeoutSeconds == 900)
        let second = try #require(try await platform.lambda.getFunction("\(name)-second"))
        #expect(second.imageURI == LambdaFacts.facts.defaultContainer(language: "R"))
        #expect(second.memoryMB == 2048 && second.timeoutSeconds == 300)
        #expect(second.role == s3.lambdaRoleARN)

        // The same workflow again: nothing to do.
        let again = try await platform.plan(F.deployment(try F.workflow(name)))
        #expect(again.isEmpty)
        #expect(again.changes.map(\.kind) == [.unchanged, .unchanged])

        // More memory for `second`: one update, no create.
        let changed = try await platform.plan(F.deployment(try F.workflow(name, secondMemory: 3008)))
        #expect(changed.changes.map(\.kind) == [.unchanged, .update])
        #expect(changed.changes[1].detail.contains("memory 2048 → 3008 MB"))
        #expect(changed.changes[1].state["code"] == "false")
        try await platform.apply(changed)
        #expect(try await platform.lambda.getFunction("\(name)-second")?.memoryMB == 3008)
        #expect(try await platform.plan(F.deployment(try F.workflow(name, secondMemory: 3008))).isEmpty)

        let unregister = try await platform.unregisterPlan(F.deployment(try F.workflow(name)))
        #expect(unregister.changes.map(\.kind) == [.delete, .delete])
        try await platform.apply(unregister)
        #expect(try await platform.lambda.getFunction("\(name)-start") == nil)
        #expect(try await platform.lambda.getFunction("\(name)-second") == nil)
        #expect(try await platform.unregisterPlan(F.deployment(try F.workflow(name))).changes.isEmpty)
    }

    @Test func changedImageUpdatesTheCode() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let (name, platform) = try await F.registered(s3)
        var text = try F.workflow(name).serializedCanonical()
        text = text.replacingOccurrences(of: "faasr-custom:1", with: "faasr-custom:2")
        let plan = try await platform.plan(F.deployment(try Workflow(text: text)))
        #expect(plan.changes.map(\.kind) == [.update, .unchanged])
        #expect(plan.changes[0].state["code"] == "true" && plan.changes[0].state["configuration"] == "false")
        try await platform.apply(plan)
        #expect(try await platform.lambda.getFunction("\(name)-start")?.imageURI?.hasSuffix("faasr-custom:2") == true)
        try await F.unregister(name, platform)
    }

    @Test func aFailedApplyLeavesNothingHalfRegistered() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let name = F.workflowName()
        let platform = try F.platform(s3, workflowName: name)
        let plan = try await platform.plan(F.deployment(try F.workflow(name)))
        // `second` appears before apply reaches it: its create fails with 409.
        try await platform.apply(RegistrationPlan(serverName: "AWS", changes: [plan.changes[1]]))
        let error = await #expect(throws: PlatformError.self) { try await platform.apply(plan) }
        #expect(error?.status == 409)
        #expect(error?.message.contains("run register again") == true)
        #expect(error?.message.contains("deleted again the functions this register created (\(name)-start)") == true)
        #expect(try await platform.lambda.getFunction("\(name)-start") == nil)
        #expect(try await platform.lambda.getFunction("\(name)-second") != nil)
        try await F.unregister(name, platform)
    }

    @Test func aMissingRoleOrBadMemorySaysWhatToSet() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let name = F.workflowName()
        let noRole = try F.platform(s3, workflowName: name, role: false)
        let error = await #expect(throws: PlatformError.self) { try await noRole.plan(F.deployment(try F.workflow(name))) }
        #expect(error?.message.contains("set the secret AWS_ARN") == true)

        let platform = try F.platform(s3, workflowName: name)
        let tooBig = await #expect(throws: PlatformError.self) {
            try await platform.plan(F.deployment(try F.workflow(name, secondMemory: 20000)))
        }
        #expect(tooBig?.message.contains("MaxMemory 20000 at /ActionList/second/MaxMemory is outside Lambda's range 128–10240 MB") == true)
    }

    @Test func missingCredentialsAreNamed() throws {
        let context = PlatformContext(serverName: "AWS", server: F.server("us-east-1"), workflowName: "w",
                                      secrets: ["AWS_AccessKey": "AKIAEXAMPLE"], environment: [:])
        let error = #expect(throws: PlatformError.self) { try LambdaPlatform(context: context) }
        #expect(error?.message.contains("set the secrets AWS_AccessKey and AWS_SecretKey") == true)
    }
}
