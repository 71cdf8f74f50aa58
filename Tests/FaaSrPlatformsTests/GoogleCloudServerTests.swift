import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import Foundation
import Testing

/// The loopback Google server itself: it refuses what Google refuses and records every
/// deviation from the discovery documents, so the platform tests' `problems == []` means
/// something.
@Suite struct GoogleCloudServerTests {
    @Test func deviationsAreCaught() async throws {
        try await GoogleCloudFixture.withServer { server in
            let gcp = try GoogleCloudFixture.platform(server)
            let token = try await GoogleAccessTokens.token(for: gcp.account, http: gcp.http, secretName: "GCP_SecretKey")
            func send(_ method: String, _ path: String, _ body: String?, auth: String? = nil) async throws -> PlatformResponse {
                var headers = [("Authorization", auth ?? "Bearer \(token)")]
                if body != nil { headers.append(("Content-Type", "application/json")) }
                return try await gcp.http.send(PlatformRequest(method: method, url: server.baseURL + path, headers: headers,
                                                               body: body.map { Array($0.utf8) }, idempotent: true))
            }
            let jobs = "/v2/projects/demo-project/locations/us-central1/jobs"
            // No token, or one it did not issue: 401.
            #expect(try await send("GET", "\(jobs)/x", nil, auth: "Bearer forged").status == 401)
            #expect(server.problems.isEmpty)
            // Another project: 403.
            #expect(try await send("GET", "/v2/projects/other/locations/us-central1/jobs/x", nil).status == 403)
            // A timeout without its unit breaks the google-duration format of the schema.
            let body = #"{"template": {"template": {"containers": [{"image": "i"}], "timeout": "120"}}}"#
            #expect(try await send("POST", "\(jobs)?jobId=a", body).status == 400)
            #expect(server.problems.last?.contains("run.projects.locations.jobs.create") == true)
            // An undeclared query parameter, and a method the API does not have.
            _ = try await send("GET", "\(jobs)/x?verbose=true", nil)
            #expect(server.problems.last?.contains("'verbose' is not declared") == true)
            _ = try await send("POST", "\(jobs)/x:cancel", "{}")
            #expect(server.problems.last?.contains("matches no operation") == true)
            // Capital letters in a job id: 400, as Cloud Run answers.
            let fine = #"{"template": {"template": {"containers": [{"image": "i"}]}}}"#
            #expect(try await send("POST", "\(jobs)?jobId=Demo-start", fine).status == 400)
            // Created once; the second create is ALREADY_EXISTS.
            #expect(try await send("POST", "\(jobs)?jobId=a", fine).status == 200)
            let again = try await send("POST", "\(jobs)?jobId=a", fine)
            #expect(again.status == 409 && again.text.contains("ALREADY_EXISTS"))
            // A stale etag on patch is ABORTED.
            #expect(try await send("PATCH", "\(jobs)/a", #"{"etag": "\"stale\"", "template": {"template": {"containers": [{"image": "j"}]}}}"#).status == 409)
            #expect(server.problems.count == 3)
        }
    }
}
