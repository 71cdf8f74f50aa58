import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing

/// How KubernetesPlatform reports and retries the API server's errors, and that a failed
/// register leaves nothing half-made.
@Suite struct KubernetesErrorTests {
    static func status(_ code: Int, _ reason: String, _ message: String) -> LoopbackReply {
        .json(code, ["kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": .string(reason),
                     "message": .string(message), "code": .number(JSONNumber(code))])
    }

    @Test func eachStatusSaysWhatToFix() async throws {
        guard try SharedFixtures.require() else { return }
        let f = try await KubernetesFixture.make()
        defer { Task { await f.stop() } }
        try await f.register()

        // 401: a token the server does not know names the secret to fix.
        var wrong = KubernetesFixture.secrets
        wrong["K8s_Token"] = "expired"
        let stale = try KubernetesFixture.platform(f.server, secrets: wrong)
        let e401 = try await #require(throws: PlatformError.self) { try await stale.checkCredentials() }
        #expect(e401.status == 401 && e401.message.contains("K8s_Token") && !e401.message.contains("expired"))
        #expect(e401.description.hasPrefix("K8s: POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews → HTTP 401"))

        // 403: a service account without the permission is told which Role it needs.
        f.server.deny("create", "jobs")
        let e403 = try await #require(throws: PlatformError.self) { try await f.platform.submit(f.request()) }
        #expect(e403.status == 403 && e403.message.contains("Role") && e403.message.contains("forbidden"))
        let review = try await #require(throws: PlatformError.self) { try await f.platform.checkCredentials() }
        #expect(review.message.contains("may not create jobs in namespace 'faasr'"))

        // 404: a namespace that does not exist.
        let elsewhere = try KubernetesFixture.platform(f.server, extra: ["Namespace": "nowhere"])
        let e404 = try await #require(throws: PlatformError.self) { try await elsewhere.submit(f.request()) }
        #expect(e404.status == 404 && e404.message.contains("Namespace") && e404.message.contains("nowhere"))

        // 409 not caused by our own retry, 422 and 429: reported with the server's message.
        let ok = try KubernetesFixture.platform(f.server)
        f.server.http.fail("POST", pathContains: "/jobs", with: Self.status(409, "AlreadyExists", "jobs.batch \"x\" already exists"))
        let e409 = try await #require(throws: PlatformError.self) { try await ok.submit(f.request()) }
        #expect(e409.status == 409 && e409.message.contains("already exists"))
        f.server.http.fail("POST", pathContains: "/jobs", with: Self.status(422, "Invalid", "Job \"x\" is invalid: spec.template.spec.containers[0].image: Required value"))
        let e422 = try await #require(throws: PlatformError.self) { try await ok.submit(f.request()) }
        #expect(e422.status == 422 && e422.message.contains("ActionContainers") && e422.message.contains("Required value"))
        for _ in 0..<3 { f.server.http.fail("POST", pathContains: "/jobs", with: Self.status(429, "TooManyRequests", "slow down")) }
        let e429 = try await #require(throws: PlatformError.self) { try await ok.submit(f.request()) }
        #expect(e429.status == 429 && e429.message.contains("throttling"))
        for _ in 0..<3 { f.server.http.fail("POST", pathContains: "/jobs", with: Self.status(500, "InternalError", "etcd is down")) }
        let e500 = try await #require(throws: PlatformError.self) { try await ok.submit(f.request()) }
        #expect(e500.status == 500 && e500.message.contains("etcd is down"))
        #expect(f.server.names("jobs", namespace: "faasr").isEmpty)
        #expect(f.server.problems == [])
    }

    @Test func transientFailuresAreRetriedWithoutDuplicates() async throws {
        guard try SharedFixtures.require() else { return }
        let f = try await KubernetesFixture.make()
        defer { Task { await f.stop() } }
        try await f.register()
        // One 503 on the Secret read and one 429 and one 502 on the Job create: retried, one Job.
        f.server.http.fail("GET", pathContains: "/secrets/", with: Self.status(503, "ServiceUnavailable", "busy"))
        f.server.http.fail("POST", pathContains: "/jobs", with: Self.status(429, "TooManyRequests", "slow down"))
        f.server.http.fail("POST", pathContains: "/jobs", with: Self.status(502, "InternalError", "proxy"))
        let receipt = try await f.platform.submit(f.request())
        #expect(f.server.names("jobs", namespace: "faasr") == [receipt.jobID!])
        // A server that never answers is a timeout naming the endpoint, not a hang.
        for _ in 0..<3 { f.server.http.fail("POST", pathContains: "selfsubjectaccessreviews", with: .json(201, [:]), delay: 3) }
        var impatient = f.platform
        impatient.http.readTimeout = 1
        impatient.http.connectTimeout = 1
        let slow = try await #require(throws: PlatformError.self) { try await impatient.checkCredentials() }
        #expect(slow.message.contains("no answer") && slow.message.contains(f.server.baseURL))
        #expect(f.server.problems == [])
    }

    @Test func aFailedRegisterLeavesNothingHalfDone() async throws {
        guard try SharedFixtures.require() else { return }
        let f = try await KubernetesFixture.make()
        defer { Task { await f.stop() } }
        let deployment = KubernetesFixture.deployment(try KubernetesFixture.workflow())
        // A missing permission stops register before it changes anything.
        f.server.deny("delete", "cronjobs")
        let denied = try await #require(throws: PlatformError.self) { try await f.platform.plan(deployment) }
        #expect(denied.message.contains("may not delete cronjobs") && denied.message.contains("kubectl create role"))
        #expect(f.server.names("secrets", namespace: "faasr").isEmpty)

        // The create refused on every try (it is repeated: a POST by name): no Secret.
        let fresh = try await KubernetesFixture.make()
        defer { Task { await fresh.stop() } }
        let plan = try await fresh.platform.plan(deployment)
        for _ in 0..<3 { fresh.server.http.fail("POST", pathContains: "/secrets", with: Self.status(500, "InternalError", "disk full")) }
        _ = try await #require(throws: PlatformError.self) { try await fresh.platform.apply(plan) }
        #expect(fresh.server.names("secrets", namespace: "faasr").isEmpty)
        // Register again completes it.
        try await fresh.platform.apply(try await fresh.platform.plan(deployment))
        #expect(fresh.server.names("secrets", namespace: "faasr") == ["faasr-my-workflow-k8s"])

        // An update planned against a Secret that changed meanwhile is a 409 Conflict, and the
        // newer Secret stays as it is.
        var changed = KubernetesFixture.secrets
        changed["GH_PAT"] = "ghp_newer"
        let mine = try KubernetesFixture.platform(fresh.server, secrets: changed)
        let update = try await mine.plan(deployment)
        var other = KubernetesFixture.secrets
        other["GH_PAT"] = "ghp_other"
        let theirs = try KubernetesFixture.platform(fresh.server, secrets: other)
        try await theirs.apply(try await theirs.plan(deployment))
        let conflict = try await #require(throws: PlatformError.self) { try await mine.apply(update) }
        #expect(conflict.status == 409 && conflict.message.contains("run the command again"))
        #expect(fresh.server.object("secrets", "faasr-my-workflow-k8s", namespace: "faasr")?["data"]?["GH_PAT"]?.stringValue
            == Data("ghp_other".utf8).base64EncodedString())
        #expect(f.server.problems == [] && fresh.server.problems == [])
    }

    @Test func aRepeatedSecretCreateSucceedsOnlyOverItsOwnData() async throws {
        guard try SharedFixtures.require() else { return }
        let f = try await KubernetesFixture.make()
        defer { Task { await f.stop() } }
        let deployment = KubernetesFixture.deployment(try KubernetesFixture.workflow())
        // A 503 on the create is repeated (a POST by name): one Secret.
        f.server.http.fail("POST", pathContains: "/secrets", with: Self.status(503, "ServiceUnavailable", "busy"))
        try await f.platform.apply(try await f.platform.plan(deployment))
        #expect(f.server.names("secrets", namespace: "faasr") == ["faasr-my-workflow-k8s"])

        // The first create happened but its answer was lost: planned as a create, the Secret is
        // there with this very data, so the repeat's 409 is success.
        let lost = try await KubernetesFixture.make()
        defer { Task { await lost.stop() } }
        let plan = try await lost.platform.plan(deployment)
        try await lost.platform.apply(try await lost.platform.plan(deployment))
        try await lost.platform.apply(plan)

        // A Secret made meanwhile by someone else with other data: 409, and theirs stays.
        let raced = try await KubernetesFixture.make()
        defer { Task { await raced.stop() } }
        let mine = try await raced.platform.plan(deployment)
        var other = KubernetesFixture.secrets
        other["GH_PAT"] = "ghp_other"
        let theirs = try KubernetesFixture.platform(raced.server, secrets: other)
        try await theirs.apply(try await theirs.plan(deployment))
        let conflict = try await #require(throws: PlatformError.self) { try await raced.platform.apply(mine) }
        #expect(conflict.status == 409 && conflict.message.contains("run the command again"))
        #expect(raced.server.object("secrets", "faasr-my-workflow-k8s", namespace: "faasr")?["data"]?["GH_PAT"]?.stringValue
            == Data("ghp_other".utf8).base64EncodedString())
        #expect(f.server.problems == [] && lost.server.problems == [] && raced.server.problems == [])
    }

    @Test func theServerChecksBodiesAgainstTheDescription() async throws {
        guard try SharedFixtures.require() else { return }
        let server = try KubernetesServer(token: KubernetesFixture.token)
        try await server.start()
        defer { Task { await server.stop() } }
        let http = PlatformHTTP(serverName: "K8s", retry: .init(maxAttempts: 1, maxTotal: 10))
        let auth = ("Authorization", "Bearer \(KubernetesFixture.token)")
        let job = #"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"x"},"spec":{"template":{"spec":{"containers":"not-a-list"}}}}"#
        let reply = try await http.send(PlatformRequest(
            method: "POST", url: server.baseURL + "/apis/batch/v1/namespaces/default/jobs",
            headers: [auth, ("Content-Type", "application/json"), ("Accept", "application/json")], body: Array(job.utf8)))
        #expect(reply.status == 400)
        #expect(server.problems.count == 1 && server.problems[0].contains("createBatchV1NamespacedJob"))
        let undeclared = try await http.send(PlatformRequest(method: "GET", url: server.baseURL + "/apis/batch/v1/namespaces/default/jobs/x?watch=true", headers: [auth]))
        #expect(undeclared.status == 404)
        #expect(server.problems.count == 2 && server.problems[1].contains("'watch'"))
        let unauthenticated = try await http.send(PlatformRequest(method: "GET", url: server.baseURL + "/api/v1/namespaces/default/secrets/x"))
        #expect(unauthenticated.status == 401)
    }

    @Test func tlsVerificationStaysOnUnlessAllowed() throws {
        func make(_ extra: [String: JSONValue]) throws -> KubernetesPlatform {
            var entry = JSONObject()
            entry["Endpoint"] = "k8s.example.org:6443/"
            for (k, v) in extra { entry[k] = v }
            return try KubernetesPlatform(context: PlatformContext(serverName: "K8s", server: entry, workflowName: "wf",
                                                                   secrets: ["K8s_Token": "t"], environment: [:]))
        }
        #expect(try make([:]).verifiesTLS)
        #expect(try make(["AllowSelfSignedCertificate": false]).verifiesTLS)
        #expect(try !make(["AllowSelfSignedCertificate": true]).verifiesTLS)
        #expect(try make([:]).endpoint == "https://k8s.example.org:6443")
        #expect(try make([:]).namespace == "default")
        let badNamespace = #expect(throws: PlatformError.self) { try make(["Namespace": "My_Space"]) }
        #expect(badNamespace?.message.contains("Namespace") == true)
        let noToken = #expect(throws: PlatformError.self) {
            try KubernetesPlatform(context: PlatformContext(serverName: "K8s", server: obj("Endpoint", "x"), workflowName: "wf", secrets: [:], environment: [:]))
        }
        #expect(noToken?.message.contains("K8s_Token") == true)
    }
}
