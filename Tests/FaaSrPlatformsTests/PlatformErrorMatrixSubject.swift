import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing

/// The platforms of ``PlatformErrorMatrixTests`` that run against a loopback server: for each,
/// a fresh server and platform, the request register's apply makes for its second resource and
/// the request an invoke makes (where faults are injected), the platform's own error body, and
/// the server's state (what must be the same after a failed register or invoke).
enum MatrixPlatform: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case gitHubActions = "GitHubActions", openWhisk = "OpenWhisk", googleCloud = "GoogleCloud", kubernetes = "Kubernetes"

    var testDescription: String { rawValue }

    /// Attempts every retried request gets (the subjects' RetryPolicy).
    static let attempts = 3

    func make() async throws -> MatrixSubject {
        switch self {
        case .gitHubActions: try await Self.gitHub()
        case .openWhisk: try await Self.openWhisk()
        case .googleCloud: try await Self.google()
        case .kubernetes: try await Self.kubernetes()
        }
    }

    private static var retry: RetryPolicy { RetryPolicy(maxAttempts: attempts, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 60) }

    private static func gitHub() async throws -> MatrixSubject {
        let server = try GitHubAPIServer(owner: "octo", repo: "flows", token: GitHubFixtures.token)
        try await server.start()
        let wf = GitHubFixtures.workflow()
        var platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL))
        platform.api.http.retry = retry
        let ready = platform
        let request = TriggerRequest(action: "start", rank: nil, serverName: "GH", server: wf.computeServer(named: "GH")!.object,
                                     overwritten: obj("FunctionInvoke", "start"), payloadURL: "octo/flows/main/demo.json",
                                     functionName: "demo-start")
        return MatrixSubject(
            platform: .gitHubActions, http: server.http!, base: server.baseURL,
            register: ("PUT", "demo-sum.yml"), invoke: ("POST", "/dispatches"),
            error: { .json($0, ["message": "injected", "documentation_url": "https://docs.github.com/rest"]) },
            state: { "\(server.state.paths()) dispatches \(server.state.dispatches.count)" },
            problems: { server.problems },
            registerCall: { timeout in _ = try await GitHubFixtures.register(ready.with(timeout), wf) },
            invokeCall: { timeout in _ = try await ready.with(timeout).submit(request) },
            stop: { await server.stop() })
    }

    private static func openWhisk() async throws -> MatrixSubject {
        let server = try OpenWhiskServer(apiKey: OpenWhiskPlatformTests.key)
        try await server.start()
        var platform = try OpenWhiskPlatformTests.platform(server)
        platform.http.retry = retry
        let ready = platform
        let deployment = Deployment(workflow: try OpenWhiskPlatformTests.workflow(), actions: ["start", "next"], payloadURL: "p")
        let request = TriggerRequest(action: "start", rank: nil, serverName: "OW", server: JSONObject(),
                                     overwritten: obj("FunctionInvoke", "start"), payloadURL: "o/r/main/wf.json", functionName: "wf-start")
        return MatrixSubject(
            platform: .openWhisk, http: server.http, base: server.baseURL,
            register: ("PUT", "/actions/wf-next"), invoke: ("POST", "/actions/wf-start"),
            error: { .json($0, ["error": "injected", "code": "4f0c"]) },
            state: { "\(server.names("actions")) activations \(server.activationRecords.count)" },
            problems: { server.problems },
            registerCall: { try await ready.with($0).register(deployment) },
            invokeCall: { _ = try await ready.with($0).submit(request) },
            stop: { await server.stop() })
    }

    private static func google() async throws -> MatrixSubject {
        let server = try GoogleCloudServer(project: GoogleCloudFixture.project, accounts: [GoogleCloudFixture.email: GoogleCloudFixture.key.publicKey])
        try await server.start()
        var platform = try GoogleCloudFixture.platform(server)
        platform.http.retry = retry
        let ready = platform
        let deployment = Deployment(workflow: try GoogleCloudFixture.workflow(), actions: ["start", "next"], payloadURL: "p")
        return MatrixSubject(
            platform: .googleCloud, http: server.http, base: server.baseURL,
            register: ("POST", "jobId=demo-next"), invoke: ("POST", ":run"),
            error: { GoogleCloudErrorTests.googleError($0, $0 == 401 ? "UNAUTHENTICATED" : "INJECTED") },
            state: { "\(server.jobIDs) runs \(server.jobRuns.count)" },
            problems: { server.problems },
            registerCall: { try await ready.with($0).register(deployment) },
            invokeCall: { _ = try await ready.with($0).submit(GoogleCloudFixture.request()) },
            stop: { await server.stop() })
    }

    private static func kubernetes() async throws -> MatrixSubject {
        let f = try await KubernetesFixture.make()
        var platform = f.platform
        platform.http.retry = retry
        let ready = platform
        let deployment = KubernetesFixture.deployment(try KubernetesFixture.workflow())
        return MatrixSubject(
            platform: .kubernetes, http: f.server.http, base: f.server.baseURL,
            register: ("POST", "/namespaces/faasr/secrets"), invoke: ("POST", "/namespaces/faasr/jobs"),
            error: { KubernetesErrorTests.status($0, "Injected", "injected") },
            state: { "\(f.server.names("secrets", namespace: "faasr")) jobs \(f.server.names("jobs", namespace: "faasr"))" },
            problems: { f.server.problems },
            registerCall: { try await ready.with($0).register(deployment) },
            invokeCall: { _ = try await ready.with($0).submit(f.request()) },
            stop: { await f.stop() })
    }
}

/// One platform on a fresh loopback server, as ``MatrixPlatform/make()`` sets it up.
struct MatrixSubject: Sendable {
    var platform: MatrixPlatform
    var http: LoopbackServer
    /// The server's origin (what a timeout must name).
    var base: String
    /// Method and path part of register's request for its second resource, and of the invoke.
    var register: (method: String, path: String)
    var invoke: (method: String, path: String)
    /// The platform's error answer for a status.
    var error: @Sendable (Int) -> LoopbackReply
    /// The server's state, as text.
    var state: @Sendable () -> String
    var problems: @Sendable () -> [String]
    /// plan + apply, and submit; the argument, when set, is a short read timeout (seconds).
    var registerCall: @Sendable (Double?) async throws -> Void
    var invokeCall: @Sendable (Double?) async throws -> Void
    var stop: @Sendable () async -> Void

    /// How often a request answered `status` is sent: 429 is retried everywhere (the request
    /// was not taken); 5xx only when repeating it is harmless (PUT, or a create by name that
    /// answers 409 when it did happen); Google tries a 401 once more with a new token.
    func sends(_ status: Int, invoke: Bool) -> Int {
        let repeatable: Bool
        switch platform {
        case .gitHubActions, .openWhisk: repeatable = !invoke       // PUT of a file / an action
        case .googleCloud: repeatable = false                        // POST create, POST :run
        case .kubernetes: repeatable = true                          // the Secret's and the Job's POST by name (409 if made)
        }
        if status == 429 || ((500...599).contains(status) && repeatable) { return MatrixPlatform.attempts }
        if status == 401 && platform == .googleCloud { return 2 }
        return 1
    }
}

extension PlatformHTTP {
    /// A copy with short connect and read timeouts when `seconds` is set.
    func with(_ seconds: Double?) -> PlatformHTTP {
        guard let seconds else { return self }
        var copy = self
        copy.readTimeout = seconds
        copy.connectTimeout = seconds
        return copy
    }
}

/// The platforms whose HTTP settings are one `http` value.
protocol MatrixHTTPPlatform: ComputePlatform {
    var http: PlatformHTTP { get set }
}

extension OpenWhiskPlatform: MatrixHTTPPlatform {}
extension GoogleCloudPlatform: MatrixHTTPPlatform {}
extension KubernetesPlatform: MatrixHTTPPlatform {}

extension MatrixHTTPPlatform {
    /// A copy with short timeouts when `seconds` is set.
    func with(_ seconds: Double?) -> Self {
        var copy = self
        copy.http = copy.http.with(seconds)
        return copy
    }

    /// plan + apply, as `faasr register` does.
    func register(_ deployment: Deployment) async throws { try await apply(try await plan(deployment)) }
}

extension GitHubActionsPlatform {
    /// A copy with short timeouts when `seconds` is set.
    func with(_ seconds: Double?) -> GitHubActionsPlatform {
        var copy = self
        copy.api.http = copy.api.http.with(seconds)
        return copy
    }
}
