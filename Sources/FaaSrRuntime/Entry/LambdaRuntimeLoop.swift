import AsyncHTTPClient
import FaaSrCore
import Foundation
import NIOCore

/// The AWS Lambda custom-runtime loop (../shared/api/lambda-runtime-api.json): take the next
/// invocation, run its action, post the outcome as the response, or post an error in the
/// documented shape (`errorMessage`, `errorType`, header `Lambda-Runtime-Function-Error-Type`).
/// The invocation's deadline (`Lambda-Runtime-Deadline-Ms`) is honoured; a runtime that cannot
/// start reports to `/runtime/init/error` and exits.
public struct LambdaRuntimeLoop: Sendable {
    /// `AWS_LAMBDA_RUNTIME_API`: `host:port`.
    public var runtimeAPI: String
    /// Each invocation gets a fresh folder under this one (Lambda: only /tmp is writable).
    public var workRoot: URL
    /// Runs one action.
    public var launch: ActionLauncher
    /// Time kept back before the deadline to post the timeout error.
    public var deadlineMargin: TimeInterval = 1
    /// Progress and errors (stderr in the executable).
    public var report: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("faasr entry: \($0)\n".utf8)) }

    /// Creates the loop.
    public init(runtimeAPI: String, workRoot: URL, launch: @escaping ActionLauncher) {
        self.runtimeAPI = runtimeAPI
        self.workRoot = workRoot
        self.launch = launch
    }

    /// One documented error body.
    static func errorBody(_ type: String, _ message: String) -> String {
        JSONValue.object(JSONObject([.init(key: "errorMessage", value: .string(message)),
                                     .init(key: "errorType", value: .string(type))])).compactText
    }

    /// Runs until the Runtime API says stop (a 403 or 500 on `next`) or cannot be reached;
    /// returns the process's exit status (1: Lambda stops the environment anyway).
    public func run() async -> Int32 {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let status = await loop(client)
        try? await client.shutdown()
        return status
    }

    func loop(_ client: HTTPClient) async -> Int32 {
        let base = "http://\(runtimeAPI)/2018-06-01/runtime"
        do {
            try FileManager.default.createDirectory(at: workRoot, withIntermediateDirectories: true)
            guard FileManager.default.isWritableFile(atPath: workRoot.path) else { throw RuntimeFailure("\(workRoot.path) is not writable") }
        } catch {
            let message = "cannot create the work folder \(workRoot.path): \(error) (set FAASR_WORK_ROOT to a writable folder; on Lambda only /tmp is)"
            report("init failed: \(message)")
            _ = try? await post(client, "\(base)/init/error", Self.errorBody("Runtime.InitError", message), errorType: "Runtime.InitError")
            return 1
        }
        while true {
            let next: (status: Int, headers: [String: String], body: String)
            do { next = try await get(client, "\(base)/invocation/next") } catch {
                report("the Runtime API at \(runtimeAPI) cannot be reached: \(error)")
                return 1
            }
            guard next.status == 200 else {
                report("the Runtime API answered \(next.status) to invocation/next\(next.status == 500 ? " (container error): exiting as it asks" : ""): \(next.body)")
                return 1
            }
            guard let id = next.headers["lambda-runtime-aws-request-id"], !id.isEmpty else {
                report("an invocation without Lambda-Runtime-Aws-Request-Id: cannot answer it, exiting")
                return 1
            }
            let deadline = next.headers["lambda-runtime-deadline-ms"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0 / 1000 - deadlineMargin) }
            let answer = await invoke(id: id, event: next.body, deadline: deadline)
            let path = answer.errorType == nil ? "response" : "error"
            do {
                let status = try await post(client, "\(base)/invocation/\(id)/\(path)", answer.body, errorType: answer.errorType)
                if status != 202 { report("the Runtime API answered \(status) to the \(path) of \(id)") }
                if status == 500 { return 1 }
            } catch {
                report("could not post the \(path) of \(id): \(error)")
                return 1
            }
            if answer.errorType == "Runtime.Timeout" { return 1 }
        }
    }

    /// Runs one invocation: the body to post, and the error type when it is an error.
    func invoke(id: String, event: String, deadline: Date?) async -> (body: String, errorType: String?) {
        let request: PayloadRequest
        do { request = try PayloadRequest.fromEvent(event, source: "the Lambda event") } catch {
            return (Self.errorBody("Runtime.InvalidEvent", "\(error)"), "Runtime.InvalidEvent")
        }
        let safe = id.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        let work = workRoot.appendingPathComponent("invocation-\(String(safe))")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let env = ["AWS_LAMBDA_REQUEST_ID": id]
        let launch = self.launch
        guard let outcome = await ActivationDeadline.race(deadline, { await launch(request, env, work) }) else {
            let message = "the action did not finish before the invocation's deadline (Lambda-Runtime-Deadline-Ms); raise the function's timeout"
            report("\(id): \(message)")
            return (Self.errorBody("Runtime.Timeout", message), "Runtime.Timeout")
        }
        try? FileManager.default.removeItem(at: work)
        if outcome.kind == .failed {
            return (Self.errorBody("Function.ActionFailed", outcome.message ?? "the action failed"), "Function.ActionFailed")
        }
        return (outcome.jsonText, nil)
    }

    func get(_ client: HTTPClient, _ url: String) async throws -> (status: Int, headers: [String: String], body: String) {
        // `next` blocks until an invocation arrives: no timeout of ours.
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .hours(24 * 365))
        var headers: [String: String] = [:]
        for h in response.headers { headers[h.name.lowercased()] = h.value }
        let body = try await response.body.collect(upTo: 8 << 20)
        return (Int(response.status.code), headers, String(buffer: body))
    }

    func post(_ client: HTTPClient, _ url: String, _ body: String, errorType: String?) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let errorType { request.headers.add(name: "Lambda-Runtime-Function-Error-Type", value: errorType) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(60))
        _ = try? await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }
}
