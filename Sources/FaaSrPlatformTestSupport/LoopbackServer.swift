import FaaSrCore
import Foundation
import Hummingbird
import Logging

/// One request as a loopback server received it.
public struct LoopbackRequest: Sendable {
    /// `GET`, `PUT`, ...
    public var method: String
    /// The path, still percent-encoded.
    public var path: String
    /// The raw query.
    public var query: String
    /// Headers, names lower-cased.
    public var headers: [String: String]
    /// The body.
    public var body: [UInt8]

    /// The query's items.
    public var queryItems: [URLQueryItem] { URLComponents(string: "http://x/?\(query)")?.queryItems ?? [] }
    /// `METHOD path`.
    public var label: String { "\(method) \(path)" }
}

/// One answer of a loopback server.
public struct LoopbackReply: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The body (JSON, or empty).
    public var body: [UInt8]
    /// Further answer headers (`Location`, or a `Content-Type` other than the server's).
    public var headers: [String: String] = [:]

    /// An answer of `status` with `body` and `headers`.
    public init(status: Int, body: [UInt8], headers: [String: String] = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    /// A JSON answer.
    public static func json(_ status: Int, _ value: JSONValue) -> LoopbackReply {
        LoopbackReply(status: status, body: Array(JSONPrinter.compact(value).utf8))
    }
}

/// A Hummingbird server on a free loopback port that hands every request to `handler`, with
/// faults that can be queued in front of it (an error status, or no answer before a delay).
public final class LoopbackServer: @unchecked Sendable {
    /// A queued fault: the next request matching `method` and `pathContains` (in its path, or
    /// its path with the query) gets `reply` (after `delay` seconds) instead of reaching the handler.
    public struct Fault: Sendable {
        public var method: String, pathContains: String
        public var reply: LoopbackReply
        public var delay: Double
    }

    private let handler: @Sendable (LoopbackRequest) -> LoopbackReply
    private let lock = NSLock()
    private var faults: [Fault] = []
    private var seen: [LoopbackRequest] = []
    private var task: Task<Void, any Error>?
    /// The port it listens on (after ``start()``).
    public private(set) var port = 0
    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// Every request so far, faults included.
    public var requests: [LoopbackRequest] { lock.withLock { seen } }

    private let contentType: String

    /// A server answering with `handler`; non-empty answers carry `contentType`.
    public init(contentType: String = "application/json", handler: @escaping @Sendable (LoopbackRequest) -> LoopbackReply) {
        self.contentType = contentType
        self.handler = handler
    }

    /// Queues a fault.
    public func fail(_ method: String, pathContains: String, with reply: LoopbackReply, delay: Double = 0) {
        lock.withLock { faults.append(Fault(method: method, pathContains: pathContains, reply: reply, delay: delay)) }
    }

    /// Forgets the recorded requests.
    public func clearRequests() { lock.withLock { seen.removeAll() } }

    /// How many queued faults no request has met yet.
    public var pendingFaults: Int { lock.withLock { faults.count } }

    /// Drops the faults no request has met; returns how many there were.
    @discardableResult public func clearFaults() -> Int {
        lock.withLock {
            defer { faults.removeAll() }
            return faults.count
        }
    }

    /// Answers one request: a queued fault, else the handler.
    public func answer(_ request: LoopbackRequest) async -> LoopbackReply {
        let fault = lock.withLock { () -> Fault? in
            seen.append(request)
            let target = request.query.isEmpty ? request.path : "\(request.path)?\(request.query)"
            guard let i = faults.firstIndex(where: { $0.method == request.method && target.contains($0.pathContains) }) else { return nil }
            return faults.remove(at: i)
        }
        if let fault {
            if fault.delay > 0 { try? await Task.sleep(nanoseconds: UInt64(fault.delay * 1e9)) }
            return fault.reply
        }
        return handler(request)
    }

    /// Starts listening on a free loopback port.
    public func start() async throws {
        let router = Router()
        for method in [HTTPRequest.Method.get, .put, .post, .delete, .patch] {
            router.on("**", method: method) { [self] request, _ -> Response in
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                let buffer = try await request.body.collect(upTo: 8 << 20)
                let reply = await answer(LoopbackRequest(
                    method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                    headers: headers, body: Array(buffer.readableBytesView)))
                var response = Response(status: .init(code: reply.status), body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
                if !reply.body.isEmpty { response.headers[.contentType] = contentType }
                for (name, value) in reply.headers {
                    if let field = HTTPFields.Element.Name(name) { response.headers[field] = value }
                }
                return response
            }
        }
        var logger = Logger(label: "loopback-api-test")
        logger.logLevel = .critical
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
                              onServerRunning: { channel in
                                  continuation.yield(channel.localAddress?.port ?? 0)
                                  continuation.finish()
                              }, logger: logger)
        task = Task { defer { continuation.finish() }; try await app.run() }
        for await p in stream { port = p; break }
        if port == 0 { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the loopback server could not listen on 127.0.0.1"]) }
    }

    /// Stops the server.
    public func stop() async {
        task?.cancel()
        _ = await task?.result
    }
}

/// Checks requests against an ``APIDescription`` and collects what deviates.
public final class DescriptionChecker: @unchecked Sendable {
    /// The description.
    public let description: APIDescription
    /// The file it came from (for messages).
    public let file: String
    private let lock = NSLock()
    private var list: [String] = []

    /// A checker for `description`, read from `file`.
    public init(_ description: APIDescription, file: String) {
        self.description = description
        self.file = file
    }

    /// Every deviation so far; tests expect none.
    public var problems: [String] { lock.withLock { list } }

    /// Records a deviation.
    public func problem(_ message: String) { lock.withLock { list.append(message) } }

    /// The operation `request` is, its path and query parameters and its parsed body; or the
    /// error reply the service would give (a problem is recorded).
    public func check(_ request: LoopbackRequest) -> Result<(APIDescription.Operation, [String: String], JSONValue?), LoopbackFailure> {
        let label = request.label
        guard let op = description.operation(request.method, request.path) else {
            problem("\(label) matches no operation of \(file)")
            return .failure(LoopbackFailure(status: 404, message: "no such operation"))
        }
        var parameters = APIDescription.parameters(request.path, op.template)
        for item in request.queryItems {
            if !op.query.contains(item.name) { problem("\(label): query parameter '\(item.name)' is not declared by \(op.id)") }
            parameters[item.name] = item.value ?? ""
        }
        var body: JSONValue?
        if !request.body.isEmpty {
            if !(request.headers["content-type"] ?? "").hasPrefix("application/json") {
                problem("\(label): a body without Content-Type: application/json")
            }
            guard let parsed = try? JSONParser.parse(request.body) else {
                problem("\(label): the body is not JSON")
                return .failure(LoopbackFailure(status: 400, message: "the body is not JSON"))
            }
            body = parsed
        }
        if op.bodyRequired && body == nil {
            problem("\(label): \(op.id) requires a body")
            return .failure(LoopbackFailure(status: 400, message: "a body is required"))
        }
        if let body, let schema = op.bodySchema {
            let violations = schema.violations(of: body)
            if !violations.isEmpty {
                problem("\(label): the body breaks the \(op.id) schema: \(violations.map { "\($0)" }.joined(separator: "; "))")
                return .failure(LoopbackFailure(status: 400, message: "invalid body"))
            }
        }
        return .success((op, parameters, body))
    }

    /// Checks the server's own successful answer against the operation's responses.
    public func checkAnswer(_ reply: LoopbackReply, of op: APIDescription.Operation, _ label: String) {
        guard (200..<300).contains(reply.status) else { return }
        if !op.statuses.contains(reply.status) { problem("\(label): answered \(reply.status), which \(op.id) does not declare") }
        if let schema = op.responses[reply.status], let value = try? JSONParser.parse(reply.body) {
            let violations = schema.violations(of: value)
            if !violations.isEmpty { problem("\(label): the test server's answer breaks the schema: \(violations)") }
        }
    }
}

/// An error answer chosen by a check.
public struct LoopbackFailure: Error, Sendable {
    /// The status.
    public var status: Int
    /// What was wrong.
    public var message: String
}
