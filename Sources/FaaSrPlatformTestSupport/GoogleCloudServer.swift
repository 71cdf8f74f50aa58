import _CryptoExtras
import FaaSrCore
import Foundation

/// A loopback stand-in for the Google APIs FaaSr's Cloud Run platform calls, all on one
/// port: the OAuth 2.0 token endpoint (`POST /token`), Cloud Run Admin v2 (jobs and their
/// long-running operations), Cloud Scheduler v1 and Secret Manager v1.
///
/// - The token endpoint takes only JWT-bearer assertions whose RS256 signature verifies with
///   the public key of a known service account, with `aud` = ``tokenURI``, a `scope`, and
///   `iat`/`exp` at most an hour apart around now (else 400 `invalid_grant`, as Google).
/// - Every other request needs `Authorization: Bearer` with a token it issued (else 401
///   UNAUTHENTICATED), must name ``project`` (else 403 PERMISSION_DENIED), and is checked
///   against its discovery document in ../shared/api (method, path, declared query
///   parameters, `Content-Type`, body schema; deviations are collected in ``problems``).
/// - State is kept as the services keep it: ALREADY_EXISTS (409) on a second create,
///   NOT_FOUND (404), etags (ABORTED, 409, on a stale one), secret versions, job executions;
///   create, patch, delete and run answer with an operation that is done at its first poll.
///
/// Point a GoogleCloud server entry at it with `Endpoint` = ``baseURL``, `TokenUri` =
/// ``tokenURI``, and the environment of ``environment`` (Scheduler, Secret Manager).
public final class GoogleCloudServer: @unchecked Sendable {
    /// One run of a job as the platform would start it: what a test needs to start
    /// `faasr run` exactly as the Cloud Run container would be started.
    public struct JobRun: Sendable {
        /// The job's id (`{workflow}-{action}`, lower-cased).
        public var job: String
        /// The execution's resource name (`projects/…/jobs/{job}/executions/{job}-xxxxx`).
        public var execution: String
        /// The run's long-running operation (what `faasr status` polls).
        public var operation: String
        /// The job's container image.
        public var image: String
        /// The container's environment: the job's own env with the run's overrides merged
        /// over it (PAYLOAD_URL, OVERWRITTEN), as Cloud Run merges them.
        public var environment: [String: String]
    }

    /// The HTTP side (faults, recorded requests, address).
    public private(set) var http: LoopbackServer!
    /// The project id requests must name (`Namespace`).
    public let project: String
    let accounts: [String: _RSA.Signing.PublicKey]
    let run: DescriptionChecker
    let scheduler: DescriptionChecker
    let secretManager: DescriptionChecker
    let lock = NSLock()
    var tokens: [String: (email: String, scope: String, expires: Date)] = [:]
    var verifiedAssertions: [JSONValue] = []
    var jobs: [String: JSONObject] = [:]
    var operations: [String: JSONObject] = [:]
    var heldOperations: Set<String> = []
    var runs: [JobRun] = []
    var schedules: [String: JSONObject] = [:]
    var secrets: [String: JSONObject] = [:]
    var versions: [String: [[UInt8]]] = [:]
    var counter = 0
    var runHook: (@Sendable (JobRun) -> Void)?
    /// Whether runs finish (succeed) at their operation's first poll; false keeps them
    /// running until ``finish(operation:succeeded:)``.
    public var finishRunsAtFirstPoll = true

    /// A server for `project` that knows the service accounts `accounts` (e-mail → public key).
    public init(project: String, accounts: [String: _RSA.Signing.PublicKey]) throws {
        self.project = project
        self.accounts = accounts
        run = DescriptionChecker(try DiscoveryDescription.load("run-v2-excerpt.json"), file: "run-v2-excerpt.json")
        scheduler = DescriptionChecker(try DiscoveryDescription.load("cloudscheduler-v1-excerpt.json"), file: "cloudscheduler-v1-excerpt.json")
        secretManager = DescriptionChecker(try DiscoveryDescription.load("secretmanager-v1-excerpt.json"), file: "secretmanager-v1-excerpt.json")
        http = LoopbackServer { [unowned self] in self.handle($0) }
    }

    /// Starts listening.
    public func start() async throws { try await http.start() }
    /// Stops listening.
    public func stop() async { await http.stop() }
    /// `http://127.0.0.1:PORT`: the root of every API (the entry's `Endpoint`).
    public var baseURL: String { http.baseURL }
    /// The token endpoint (the entry's `TokenUri`).
    public var tokenURI: String { "\(baseURL)/token" }
    /// The endpoint overrides that send Scheduler and Secret Manager calls here.
    public var environment: [String: String] {
        ["CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDSCHEDULER": baseURL + "/",
         "CLOUDSDK_API_ENDPOINT_OVERRIDES_SECRETMANAGER": baseURL + "/",
         "CLOUDSDK_API_ENDPOINT_OVERRIDES_RUN": baseURL + "/"]
    }
    /// Every deviation from the descriptions so far; tests expect none.
    public var problems: [String] { run.problems + scheduler.problems + secretManager.problems }

    /// Calls `hook` for every accepted `jobs/{job}:run` (and every fired timer), after the
    /// execution is recorded and outside the server's lock, with the job, its image and the
    /// container environment the run would start with. The six-platform end-to-end test
    /// starts `faasr run` with exactly ``JobRun/environment``.
    public func onRun(_ hook: @escaping @Sendable (JobRun) -> Void) { lock.withLock { runHook = hook } }

    /// The job `id` as stored (nil when there is none).
    public func job(_ id: String) -> JSONObject? { lock.withLock { jobs.first { $0.key.hasSuffix("/jobs/\(id)") }?.value } }
    /// The ids of every job.
    public var jobIDs: [String] { lock.withLock { jobs.keys.map { String($0.split(separator: "/").last!) }.sorted() } }
    /// Every run so far, in order.
    public var jobRuns: [JobRun] { lock.withLock { runs } }
    /// The Scheduler job `id` (nil when there is none).
    public func schedule(_ id: String) -> JSONObject? { lock.withLock { schedules.first { $0.key.hasSuffix("/jobs/\(id)") }?.value } }
    /// The ids of every Scheduler job.
    public var scheduleIDs: [String] { lock.withLock { schedules.keys.map { String($0.split(separator: "/").last!) }.sorted() } }
    /// The latest value of secret `id`, decoded (nil when it has no version).
    public func secretValue(_ id: String) -> String? {
        lock.withLock { versions["projects/\(project)/secrets/\(id)"]?.last.map { String(decoding: $0, as: UTF8.self) } }
    }
    /// How many versions secret `id` has.
    public func secretVersionCount(_ id: String) -> Int { lock.withLock { versions["projects/\(project)/secrets/\(id)"]?.count ?? 0 } }
    /// The ids of every secret.
    public var secretIDs: [String] { lock.withLock { secrets.keys.map { String($0.split(separator: "/").last!) }.sorted() } }
    /// The header and claims of every assertion the token endpoint accepted.
    public var assertions: [JSONValue] { lock.withLock { verifiedAssertions } }
    /// Invalidates every access token issued so far (the next API call gets a 401).
    public func revokeTokens() { lock.withLock { tokens.removeAll() } }

    /// Google's error body.
    static func error(_ status: Int, _ code: String, _ message: String) -> LoopbackReply {
        .json(status, ["error": ["code": .number(JSONNumber(status)), "message": .string(message), "status": .string(code)]])
    }

    /// A fresh id (hex), for tokens, uids, etags and operation names.
    func nextID() -> String {
        counter += 1
        return String(format: "%08x%04x", UInt32.random(in: 0...UInt32.max), counter & 0xFFFF)
    }

    /// An RFC 3339 time stamp of now.
    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    func handle(_ request: LoopbackRequest) -> LoopbackReply {
        if request.path == "/token" { return request.method == "POST" ? token(request) : Self.error(405, "METHOD_NOT_ALLOWED", "POST only") }
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[1] == "projects" else { return Self.error(404, "NOT_FOUND", "no such API") }
        let checker = parts[0] == "v2" ? run : parts.count > 3 && parts[3] == "secrets" ? secretManager : scheduler
        guard let auth = request.headers["authorization"], auth.hasPrefix("Bearer "),
              let grant = lock.withLock({ tokens[String(auth.dropFirst(7))] }), grant.expires > Date() else {
            return Self.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token.")
        }
        guard grant.scope.split(separator: " ").contains(where: { $0 == "https://www.googleapis.com/auth/cloud-platform" }) else {
            return Self.error(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.")
        }
        if request.headers["accept"].map({ !$0.contains("json") && $0 != "*/*" }) == true {
            checker.problem("\(request.label): Accept '\(request.headers["accept"]!)' is not JSON")
        }
        switch checker.check(request) {
        case .failure(let failure): return Self.error(failure.status, "INVALID_ARGUMENT", failure.message)
        case .success(let (op, parameters, body)):
            guard parameters["projectsId"] == project else {
                return Self.error(403, "PERMISSION_DENIED", "Permission denied on resource project \(parameters["projectsId"] ?? "").")
            }
            var hooked: JobRun?
            let reply = lock.withLock { () -> LoopbackReply in
                let before = runs.count
                let reply = answer(op.id, parameters, body ?? .null, caller: grant.email)
                if runs.count > before { hooked = runs.last }
                return reply
            }
            checker.checkAnswer(reply, of: op, request.label)
            if let hooked, let hook = lock.withLock({ runHook }) { hook(hooked) }
            return reply
        }
    }

    private func answer(_ id: String, _ p: [String: String], _ body: JSONValue, caller: String) -> LoopbackReply {
        switch id {
        case let run where run.hasPrefix("run."): return runAnswer(id, p, body, caller: caller)
        case let s where s.hasPrefix("cloudscheduler."): return schedulerAnswer(id, p, body)
        case let s where s.hasPrefix("secretmanager."): return secretAnswer(id, p, body)
        default: return Self.error(501, "UNIMPLEMENTED", "not implemented by the test server: \(id)")
        }
    }
}
