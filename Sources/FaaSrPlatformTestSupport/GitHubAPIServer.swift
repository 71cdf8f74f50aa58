import FaaSrCore
import Foundation

/// A loopback stand-in for api.github.com, for the GitHub Actions platform tests. It checks
/// every request against GitHub's REST description (../shared/api/github-rest-excerpt.json,
/// API version 2022-11-28) and keeps state as GitHub does (``GitHubRepositoryState``):
/// - the method and path must be an operation of the description, with only the query
///   parameters it declares; a JSON body must have `Content-Type: application/json` and
///   satisfy the operation's request schema (else 422, as GitHub answers);
/// - `Accept` must be a GitHub JSON media type, `X-GitHub-Api-Version` `2022-11-28`, a
///   `User-Agent` present, and `Authorization` `Bearer TOKEN` or `token TOKEN` (else 401);
/// - every JSON answer it gives is checked against the description's response schema.
/// Deviations are collected in ``problems``; tests expect none.
public final class GitHubAPIServer: @unchecked Sendable {
    /// One request as received.
    public typealias Seen = LoopbackRequest

    /// The repository's state (files, secrets, dispatches).
    public let state: GitHubRepositoryState
    /// The token requests must carry.
    public var token: String
    private let description: APIDescription
    private let lock = NSLock()
    private var seenRequests: [Seen] = []
    private var problemList: [String] = []
    private var faults: [(method: String, pathContains: String, status: Int, message: String)] = []
    private var server: LoopbackServer?
    /// The port it listens on (after ``start()``).
    public var port: Int { server?.port ?? 0 }
    /// The HTTP side (after ``start()``), for faults with a delay or a reply of one's own
    /// (``LoopbackServer/fail(_:pathContains:with:delay:)``); ``failNext(_:pathContains:status:message:)`` covers the rest.
    public var http: LoopbackServer? { server }

    /// Every request so far.
    public var requests: [Seen] { lock.withLock { seenRequests } }
    /// Every deviation from the description so far.
    public var problems: [String] { lock.withLock { problemList } }
    /// The API base URL (`FAASR_GITHUB_API`).
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// A server for the repository `owner/repo` with the branches `branches` (the first is
    /// the default), accepting `token`.
    public init(owner: String, repo: String, branches: [String] = ["main"], token: String) throws {
        description = try APIDescription.load("github-rest-excerpt.json")
        state = try GitHubRepositoryState(owner: owner, repo: repo, branches: branches)
        self.token = token
    }

    /// Makes the next request whose method is `method` and whose path contains `pathContains`
    /// fail with `status` (GitHub's error body with `message`), without touching the state.
    public func failNext(_ method: String, pathContains: String, status: Int, message: String = "Server Error") {
        lock.withLock { faults.append((method, pathContains, status, message)) }
    }

    /// Forgets the recorded requests.
    public func clearRequests() { lock.withLock { seenRequests.removeAll() } }

    private func problem(_ m: String) { lock.withLock { problemList.append(m) } }

    /// Answers one request (also callable without the network).
    public func handle(_ seen: Seen) -> GitHubReply {
        lock.withLock { seenRequests.append(seen) }
        let label = "\(seen.method) \(seen.path)"
        if let fault = lock.withLock({ () -> (Int, String)? in
            guard let i = faults.firstIndex(where: { $0.method == seen.method && seen.path.contains($0.pathContains) }) else { return nil }
            let f = faults.remove(at: i)
            return (f.status, f.message)
        }) {
            return .error(fault.0, fault.1)
        }
        checkHeaders(seen, label)
        let auth = seen.headers["authorization"]
        guard auth == "Bearer \(token)" || auth == "token \(token)" else {
            return .error(401, auth == nil ? "Requires authentication" : "Bad credentials")
        }
        guard let op = description.operation(seen.method, seen.path) else {
            problem("\(label) matches no operation of github-rest-excerpt.json")
            return .error(404, "Not Found")
        }
        let queryItems = URLComponents(string: "http://x/?\(seen.query)")?.queryItems ?? []
        for item in queryItems where !op.query.contains(item.name) {
            problem("\(label): query parameter '\(item.name)' is not declared by \(op.id)")
        }
        if seen.path.lowercased().contains("%2f") { problem("\(label): the path has encoded slashes") }
        var body: JSONValue?
        if !seen.body.isEmpty {
            if !(seen.headers["content-type"] ?? "").hasPrefix("application/json") {
                problem("\(label): a body without Content-Type: application/json")
            }
            guard let parsed = try? JSONParser.parse(seen.body) else {
                problem("\(label): the body is not JSON")
                return .error(400, "Problems parsing JSON")
            }
            body = parsed
        }
        if op.bodyRequired && body == nil {
            problem("\(label): \(op.id) requires a body")
            return .error(400, "Problems parsing JSON")
        }
        if let body, let schema = op.bodySchema {
            let violations = schema.violations(of: body)
            if !violations.isEmpty {
                problem("\(label): the body breaks the \(op.id) schema: \(violations.map { "\($0)" }.joined(separator: "; "))")
                return .error(422, "Invalid request.", errors: violations.map { "\($0)" })
            }
        }
        var parameters = APIDescription.parameters(seen.path, op.template)
        for item in queryItems { parameters[item.name] = item.value ?? "" }
        let reply = state.answer(op.id, parameters: parameters, body: body ?? .null, baseURL: baseURL)
        check(reply, of: op, label)
        return reply
    }

    private func checkHeaders(_ seen: Seen, _ label: String) {
        let accept = seen.headers["accept"] ?? ""
        if !["application/vnd.github+json", "application/vnd.github.v3+json", "application/json"].contains(accept) {
            problem("\(label): Accept '\(accept)' is not a GitHub JSON media type")
        }
        if seen.headers["x-github-api-version"] != "2022-11-28" {
            problem("\(label): X-GitHub-Api-Version '\(seen.headers["x-github-api-version"] ?? "none")', expected 2022-11-28")
        }
        if (seen.headers["user-agent"] ?? "").isEmpty { problem("\(label): no User-Agent (GitHub refuses such requests)") }
    }

    /// The server's own answers must fit the description too.
    private func check(_ reply: GitHubReply, of op: APIDescription.Operation, _ label: String) {
        guard (200..<300).contains(reply.status) else { return }
        if !op.statuses.contains(reply.status) { problem("\(label): answered \(reply.status), which \(op.id) does not declare") }
        if let schema = op.responses[reply.status], let value = try? JSONParser.parse(reply.body) {
            let violations = schema.violations(of: value)
            if !violations.isEmpty { problem("\(label): the test server's answer breaks the schema: \(violations)") }
        }
    }

    /// Starts listening on a free loopback port (the HTTP side is ``LoopbackServer``'s).
    public func start() async throws {
        let server = LoopbackServer(contentType: "application/json; charset=utf-8") { [self] request in
            let reply = self.handle(request)
            return LoopbackReply(status: reply.status, body: reply.body)
        }
        try await server.start()
        self.server = server
    }

    /// Stops the server.
    public func stop() async {
        await server?.stop()
    }
}

/// One answer of the test server.
public struct GitHubReply: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The body (empty for 204).
    public var body: [UInt8]

    /// A JSON answer.
    public static func json(_ status: Int, _ value: JSONValue) -> GitHubReply {
        GitHubReply(status: status, body: Array(JSONPrinter.compact(value).utf8))
    }

    /// An empty answer.
    public static func empty(_ status: Int) -> GitHubReply { GitHubReply(status: status, body: []) }

    /// GitHub's error body: `message`, `documentation_url`, `status`, and `errors` for 422.
    public static func error(_ status: Int, _ message: String, errors: [String] = []) -> GitHubReply {
        var o: JSONObject = JSONObject()
        o["message"] = .string(message)
        o["documentation_url"] = "https://docs.github.com/rest"
        o["status"] = .string(String(status))
        if !errors.isEmpty { o["errors"] = .array(errors.map { ["code": "invalid", "message": .string($0)] }) }
        return json(status, .object(o))
    }
}
