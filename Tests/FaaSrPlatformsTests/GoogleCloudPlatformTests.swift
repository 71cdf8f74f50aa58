import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import Foundation
import Testing

/// GoogleCloudPlatform against the loopback Google server, which checks every request
/// against the Run v2, Cloud Scheduler and Secret Manager discovery documents and keeps
/// their state.
@Suite struct GoogleCloudPlatformTests {
    @Test func registerTwiceInvokeTimerUnregister() async throws {
        try await GoogleCloudFixture.withServer { server in
            let runs = RunLog()
            server.onRun { runs.add($0) }
            let gcp = try GoogleCloudFixture.platform(server)
            let deployment = Deployment(workflow: try GoogleCloudFixture.workflow(), actions: ["start", "next"], payloadURL: "octo/flows/main/demo.json")
            let first = try await gcp.plan(deployment)
            #expect(first.changes.map(\.kind) == [.create, .create])
            #expect(first.changes.map(\.resource) == ["demo-start", "demo-next"])
            try await gcp.apply(first)
            let start = try #require(server.job("demo-start"))
            let task = try #require(start["template"]?["template"])
            #expect(task["containers"]?[0]?["image"]?.stringValue == "us-docker.pkg.dev/demo-project/faasr/custom-python:1.0")
            #expect(task["containers"]?[0]?["resources"]?["limits"]?["memory"]?.stringValue == "1024Mi")
            #expect(task["timeout"]?.stringValue == "120s")
            #expect(task["serviceAccount"]?.stringValue == GoogleCloudFixture.email)
            let next = try #require(server.job("demo-next")?["template"]?["template"])
            #expect(next["containers"]?[0]?["image"]?.stringValue == "faasr/gcp-r:latest")
            #expect(next["containers"]?[0]?["resources"]?["limits"]?["cpu"]?.stringValue == "2")
            #expect(next["containers"]?[0]?["resources"]?["limits"]?["memory"]?.stringValue == "2048Mi")
            #expect(next["timeout"]?.stringValue == "600s")

            // The second register changes nothing; a changed MaxRuntime only patches.
            #expect(try await gcp.plan(deployment).isEmpty)
            let changed = try GoogleCloudFixture.workflow(maxRuntime: 300)
            let patch = try await gcp.plan(Deployment(workflow: changed, actions: ["start", "next"], payloadURL: "p"))
            #expect(patch.changes.map(\.kind) == [.update, .unchanged])
            #expect(patch.changes[0].detail == "timeout 120s → 300s")
            try await gcp.apply(patch)
            #expect(server.job("demo-start")?["generation"]?.stringValue == "2")
            #expect(server.job("demo-start")?["template"]?["template"]?["timeout"]?.stringValue == "300s")

            // Invoke: one execution, with PAYLOAD_URL and OVERWRITTEN as container env overrides.
            let receipt = try await gcp.submit(GoogleCloudFixture.request())
            let run = try #require(runs.all.first)
            #expect(run.job == "demo-start" && run.image == "us-docker.pkg.dev/demo-project/faasr/custom-python:1.0")
            #expect(run.environment["PAYLOAD_URL"] == "octo/flows/main/demo.json")
            let overwritten = try JSONParser.parse(Array(try #require(run.environment["OVERWRITTEN"]).utf8))
            #expect(overwritten["FunctionInvoke"]?.stringValue == "start")
            #expect(receipt.jobID == run.operation)
            #expect(try await gcp.status(of: receipt) == .succeeded)

            // Timer: a Scheduler job POSTing :run with the payload; setting again patches it.
            let timer = TimerRequest(cron: "*/5 * * * *", request: GoogleCloudFixture.request())
            try await gcp.setTimer(timer)
            #expect(server.schedule("demo-start-timer")?["schedule"]?.stringValue == "*/5 * * * *")
            try await gcp.setTimer(TimerRequest(cron: "0 * * * *", request: GoogleCloudFixture.request()))
            #expect(server.schedule("demo-start-timer")?["schedule"]?.stringValue == "0 * * * *")
            #expect(server.scheduleIDs == ["demo-start-timer"])
            // When it fires, the job starts with its payload (FaaSr's timer sends none).
            let fired = try server.fire(schedule: "demo-start-timer").get()
            #expect(fired.environment["PAYLOAD_URL"] == "octo/flows/main/demo.json")
            #expect(runs.all.count == 2)
            try await gcp.unsetTimer(timer)
            #expect(server.scheduleIDs.isEmpty)
            try await gcp.unsetTimer(timer)

            // Unregister removes the timer (set again) and both jobs.
            try await gcp.setTimer(timer)
            let removal = try await gcp.unregisterPlan(deployment)
            #expect(removal.changes.map(\.resource) == ["demo-start-timer", "demo-start", "demo-next"])
            try await gcp.apply(removal)
            #expect(server.jobIDs.isEmpty && server.scheduleIDs.isEmpty)
            #expect(try await gcp.unregisterPlan(deployment).changes.isEmpty)
            #expect(server.problems == [])
        }
    }

    @Test func statusFollowsTheExecution() async throws {
        try await GoogleCloudFixture.withServer { server in
            server.finishRunsAtFirstPoll = false
            let gcp = try GoogleCloudFixture.platform(server)
            try await gcp.apply(try await gcp.plan(Deployment(workflow: try GoogleCloudFixture.workflow(), actions: ["start"], payloadURL: "p")))
            let receipt = try await gcp.submit(GoogleCloudFixture.request())
            #expect(try await gcp.status(of: receipt) == .running)
            server.finish(operation: try #require(receipt.jobID), succeeded: false)
            #expect(try await gcp.status(of: receipt) == .failed)
            #expect(server.problems == [])
        }
    }

    @Test func jobNamesAreMadeValidOrRefusedWithWhatToDo() throws {
        #expect(GoogleCloudFacts.jobName("MyFlow-Start") == "myflow-start")
        #expect(GoogleCloudFacts.jobNameProblem("myflow-start") == nil)
        #expect(GoogleCloudFacts.jobNameProblem(String(repeating: "a", count: 64))?.contains("63") == true)
        #expect(GoogleCloudFacts.jobNameProblem("1flow-a") != nil)
        #expect(GoogleCloudFacts.jobNameProblem("flow_a") != nil)
        #expect(PlatformCatalog.supportedTypes.contains("GoogleCloud"))
    }
}

/// The runs a server's hook reported, in order.
final class RunLog: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [GoogleCloudServer.JobRun] = []
    func add(_ run: GoogleCloudServer.JobRun) { lock.withLock { runs.append(run) } }
    var all: [GoogleCloudServer.JobRun] { lock.withLock { runs } }
}
