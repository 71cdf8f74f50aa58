import FaaSrCore
import Foundation
import Hummingbird
import Logging

/// FaaSr's local RPC server (spec/runtime.md §2.8), bound to 127.0.0.1 only.
///
/// Every answer is JSON; a bad request or a failing procedure is answered
/// `{"Success": false, "Message": ...}` with status 200, never a crash.
public final class RPCServer: Sendable {
    /// The port it listens on (known once ``start()`` returned).
    public let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Starts a server for `session` on `127.0.0.1:port` (0 picks a free port) and returns
    /// once it accepts connections.
    public static func start(session: ActionSession, port: Int) async throws -> RPCServer {
        let router = Router()
        router.get("faasr-echo") { request, _ -> Response in
            let m = request.uri.queryParameters.get("message") ?? ""
            return json(.object(JSONObject([.init(key: "message", value: .string(m))])))
        }
        router.post("faasr-action") { request, _ -> Response in
            var request = request
            let body = await readJSON(&request)
            return json(await session.action(body))
        }
        router.post("faasr-return") { request, _ -> Response in
            var request = request
            return json(await session.returned(await readJSON(&request)))
        }
        router.post("faasr-exit") { request, _ -> Response in
            var request = request
            return json(await session.exited(await readJSON(&request)))
        }
        router.get("faasr-get-return") { _, _ -> Response in
            json(await session.getReturn())
        }
        var logger = Logger(label: "faasr-rpc")
        logger.logLevel = .critical
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var bound: Int?
        for await p in stream { bound = p; break }
        guard let bound else {
            task.cancel()
            throw RuntimeFailure("the RPC server could not listen on 127.0.0.1:\(port) (is the port in use? set another with --rpc-port)")
        }
        return RPCServer(port: bound, task: task)
    }

    /// Stops the server.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }

    static func readJSON(_ request: inout Request) async -> JSONValue? {
        guard let buffer = try? await request.collectBody(upTo: 64 << 20) else { return nil }
        let bytes = Array(buffer.readableBytesView)
        if bytes.isEmpty { return nil }
        return try? JSONDocument(bytes: bytes).root
    }

    static func json(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: value.compactText)))
    }
}
