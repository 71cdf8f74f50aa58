import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import Foundation
import Testing

/// Google's error statuses: retried where safe, otherwise reported with the server, the
/// request, the status and what to fix; a failed register leaves nothing half-registered.
@Suite struct GoogleCloudErrorTests {
    static func googleError(_ status: Int, _ code: String) -> LoopbackReply {
        .json(status, ["error": ["code": .number(JSONNumber(status)), "message": "injected", "status": .string(code)]])
    }

    @Test func eachStatusSaysWhatToFix() async throws {
        try await GoogleCloudFixture.withServer { server in
            let gcp = try GoogleCloudFixture.platform(server)
            let deployment = Deployment(workflow: try GoogleCloudFixture.workflow(), actions: ["start", "next"], payloadURL: "p")
            // 503 and 429 on an idempotent GET are retried: the plan succeeds.
            server.http.fail("GET", pathContains: "demo-start", with: Self.googleError(503, "UNAVAILABLE"))
            server.http.fail("GET", pathContains: "demo-next", with: Self.googleError(429, "RESOURCE_EXHAUSTED"))
            let plan = try await gcp.plan(deployment)
            #expect(plan.changes.map(\.kind) == [.create, .create])

            // 403 on a create: what to grant; nothing is created.
            server.http.fail("POST", pathContains: "/jobs", with: Self.googleError(403, "PERMISSION_DENIED"))
            let denied = try await #require(throws: PlatformError.self) { try await gcp.apply(plan) }
            #expect(denied.status == 403 && denied.serverName == "GCP")
            #expect(denied.request == "POST /v2/projects/demo-project/locations/us-central1/jobs")
            #expect(denied.message.contains("roles/run.admin"))
            #expect(server.jobIDs.isEmpty)

            // Cloud Run refuses the second job (cpu 3 is not offered): the first is deleted again.
            let badCPU = Deployment(workflow: try GoogleCloudFixture.workflow(nextCPUs: 3), actions: ["start", "next"], payloadURL: "p")
            let refused = try await #require(throws: PlatformError.self) { try await gcp.apply(try await gcp.plan(badCPU)) }
            #expect(refused.status == 400 && refused.message.contains("cpu limit '3'"))
            #expect(refused.message.contains("deleted again the jobs this register created (demo-start)"))
            #expect(server.jobIDs.isEmpty)

            // 409: created by someone else since the plan.
            try await gcp.apply(RegistrationPlan(serverName: "GCP", changes: [plan.changes[0]]))
            let conflict = try await #require(throws: PlatformError.self) { try await gcp.apply(RegistrationPlan(serverName: "GCP", changes: [plan.changes[0]])) }
            #expect(conflict.status == 409 && conflict.message.contains("run register again"))
            #expect(server.jobIDs == ["demo-start"])

            // 404: running a job that is not registered.
            let missing = try await #require(throws: PlatformError.self) { try await gcp.submit(GoogleCloudFixture.request("next")) }
            #expect(missing.status == 404 && missing.message.contains("faasr register"))

            // 429 on :run (a POST) is retried, then reported; 500 on :run is not retried.
            for _ in 0..<3 { server.http.fail("POST", pathContains: ":run", with: Self.googleError(429, "RESOURCE_EXHAUSTED")) }
            let throttled = try await #require(throws: PlatformError.self) { try await gcp.submit(GoogleCloudFixture.request()) }
            #expect(throttled.status == 429 && throttled.message.contains("quota"))
            server.http.fail("POST", pathContains: ":run", with: Self.googleError(500, "INTERNAL"))
            let failed = try await #require(throws: PlatformError.self) { try await gcp.submit(GoogleCloudFixture.request()) }
            #expect(failed.status == 500 && server.jobRuns.isEmpty)

            // 401 twice (a new token is refused too): the key is named.
            for _ in 0..<2 { server.http.fail("GET", pathContains: "credentials-check", with: Self.googleError(401, "UNAUTHENTICATED")) }
            let unauthenticated = try await #require(throws: PlatformError.self) { try await gcp.checkCredentials() }
            #expect(unauthenticated.status == 401 && unauthenticated.message.contains("GCP_SecretKey"))

            // A server that never answers is a timeout error, not a hang.
            var impatient = gcp
            impatient.http.readTimeout = 1
            impatient.http.connectTimeout = 1
            for _ in 0..<3 { server.http.fail("GET", pathContains: "credentials-check", with: .json(200, .null), delay: 3) }
            let slow = try await #require(throws: PlatformError.self) { try await impatient.checkCredentials() }
            #expect(slow.message.contains("no answer"))
            #expect(server.problems == [])
        }
    }

    @Test func missingSettingsAreNamed() throws {
        func make(_ entry: JSONObject, secrets: [String: String]) throws -> GoogleCloudPlatform {
            try GoogleCloudPlatform(context: PlatformContext(serverName: "GCP", server: entry, workflowName: "wf", secrets: secrets, environment: [:]))
        }
        var entry = JSONObject()
        entry["ClientEmail"] = .string(GoogleCloudFixture.email)
        let noProject = #expect(throws: PlatformError.self) { try make(entry, secrets: ["GCP_SecretKey": GoogleCloudFixture.pem]) }
        #expect(noProject?.message.contains("Namespace") == true)
        entry["Namespace"] = "p"
        let noKey = #expect(throws: PlatformError.self) { try make(entry, secrets: [:]) }
        #expect(noKey?.message.contains("GCP_SecretKey") == true)
        let gcp = try make(entry, secrets: ["GCP_SecretKey": GoogleCloudFixture.pem])
        #expect(gcp.runBase == "https://run.googleapis.com/v2" && gcp.region == "us-central1")
        #expect(gcp.schedulerBase == "https://cloudscheduler.googleapis.com/v1")
        #expect(gcp.secretsBase == "https://secretmanager.googleapis.com/v1")
        entry["Endpoint"] = "run.googleapis.com/v2/projects/"
        #expect(try make(entry, secrets: ["GCP_SecretKey": GoogleCloudFixture.pem]).runBase == "https://run.googleapis.com/v2")
    }
}
