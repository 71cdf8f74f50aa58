import FaaSrCore
import FaaSrTestSupport
import Foundation

/// A loopback AWS Lambda Runtime API (`/2018-06-01/runtime/...`) for a runtime under test:
/// every request is checked against ../shared/api/lambda-runtime-api.json, `next` hands out
/// the queued events one by one (with a request id and a deadline) and, once they are all
/// answered, answers 500 ("container error", which tells the runtime to exit). Responses,
/// errors and init errors are recorded; an error body must be the documented ErrorResponse.
public final class LambdaRuntimeServer: @unchecked Sendable {
    /// One answer the runtime posted.
    public struct Posted: Sendable {
        /// `response`, `error` or `init-error`.
        public var kind: String
        /// The request id (empty for init errors).
        public var requestID: String
        /// The posted body.
        public var body: JSONValue?
        /// `Lambda-Runtime-Function-Error-Type`, when sent.
        public var errorType: String?
    }

    /// The server (``start()`` it first).
    public private(set) var server: LoopbackServer!
    /// Deviations from the description; tests expect none.
    public var problems: [String] { checker.problems }
    /// Everything the runtime posted, in order.
    public var posted: [Posted] { lock.withLock { list } }
    /// `127.0.0.1:PORT`, what AWS_LAMBDA_RUNTIME_API holds.
    public var address: String { "127.0.0.1:\(server.port)" }

    private let checker: DescriptionChecker
    private let errorSchema: JSONSchema
    private let lock = NSLock()
    private var events: [(id: String, event: String, deadline: Date)] = []
    private var handedOut: Set<String> = []
    private var list: [Posted] = []

    /// A server handing out `events` (JSON texts), each with `timeout` seconds to run.
    public init(events: [String], timeout: TimeInterval = 600) throws {
        let description = try APIDescription.load("lambda-runtime-api.json")
        checker = DescriptionChecker(description, file: "lambda-runtime-api.json")
        let root = try JSONParser.parse(Array(try Data(contentsOf: SharedFixtures.sharedRoot.appendingPathComponent("api/lambda-runtime-api.json"))))
        errorSchema = try JSONSchema(root.value(at: JSONPointer("/components/schemas/ErrorResponse")) ?? .object(JSONObject()))
        self.events = events.map { (UUID().uuidString.lowercased(), $0, Date().addingTimeInterval(timeout)) }
    }

    /// Starts listening on a free loopback port.
    public func start() async throws {
        server = LoopbackServer { [unowned self] in self.answer($0) }
        try await server.start()
    }

    /// Stops the server.
    public func stop() async { await server?.stop() }

    func answer(_ request: LoopbackRequest) -> LoopbackReply {
        let prefix = "/2018-06-01"
        guard request.path.hasPrefix(prefix + "/") else {
            checker.problem("\(request.label): not under the API's base path \(prefix)")
            return .json(404, ["errorMessage": "unknown path", "errorType": "NotFound"])
        }
        var inner = request
        inner.path = String(request.path.dropFirst(prefix.count))
        let checked: (APIDescription.Operation, [String: String], JSONValue?)
        switch checker.check(inner) {
        case .failure(let f): return .json(f.status, ["errorMessage": .string(f.message), "errorType": "InvalidRequest"])
        case .success(let c): checked = c
        }
        let (op, parameters, body) = checked
        let reply: LoopbackReply
        switch op.template {
        case "/runtime/invocation/next":
            if !request.body.isEmpty { checker.problem("GET next with a body") }
            reply = lock.withLock {
                guard !events.isEmpty else { return .json(500, ["errorMessage": "no more events: exit", "errorType": "Test.Done"]) }
                let e = events.removeFirst()
                handedOut.insert(e.id)
                var r = LoopbackReply(status: 200, body: Array(e.event.utf8))
                r.headers = ["Lambda-Runtime-Aws-Request-Id": e.id,
                             "Lambda-Runtime-Deadline-Ms": String(Int(e.deadline.timeIntervalSince1970 * 1000)),
                             "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:test",
                             "Lambda-Runtime-Trace-Id": "Root=1-00000000-000000000000000000000000"]
                return r
            }
        case "/runtime/invocation/{AwsRequestId}/response", "/runtime/invocation/{AwsRequestId}/error", "/runtime/init/error":
            let id = parameters["AwsRequestId"] ?? ""
            let kind = op.template.hasSuffix("/response") ? "response" : op.template.hasPrefix("/runtime/init") ? "init-error" : "error"
            let errorType = request.headers["lambda-runtime-function-error-type"]
            if kind != "response" {
                if errorType == nil { checker.problem("\(request.label): an error without Lambda-Runtime-Function-Error-Type") }
                let violations = body.map { errorSchema.violations(of: $0) } ?? []
                if body?.objectValue == nil || body?["errorMessage"]?.stringValue == nil || body?["errorType"]?.stringValue == nil || !violations.isEmpty {
                    checker.problem("\(request.label): the error body is not the documented {errorMessage, errorType}: \(violations)")
                }
            }
            reply = lock.withLock {
                if kind != "init-error" {
                    guard handedOut.remove(id) != nil else {
                        checker.problem("\(request.label): no open invocation \(id)")
                        return .json(400, ["errorMessage": "unknown or already answered request id", "errorType": "InvalidRequestID"])
                    }
                }
                list.append(Posted(kind: kind, requestID: id, body: body, errorType: errorType))
                return .json(202, ["status": "OK"])
            }
        default:
            return .json(404, ["errorMessage": "unknown path", "errorType": "NotFound"])
        }
        checker.checkAnswer(reply, of: op, request.label)
        return reply
    }
}
