import FaaSrCore
import Foundation
import Hummingbird
import Logging

/// The OpenWhisk action proxy (../shared/api/openwhisk-action-protocol.md): `POST /init` once,
/// then `POST /run` with `{"value": parameters, ...}` as often as the invoker likes, one at a
/// time. The parameters are FaaSr's (`PAYLOAD_URL`, `OVERWRITTEN` as an object, optional
/// `GH_PAT`); the activation result is the action's outcome, or `{"error": ...}` (an
/// application error) when the action failed. After each `/run` and each failed `/init` the
/// log sentinel goes to stdout and stderr.
public struct OpenWhiskProxy: Sendable {
    /// The port (8080 on OpenWhisk).
    public var port: Int
    /// The address to listen on (all interfaces: the invoker connects from outside).
    public var host = "0.0.0.0"
    /// Each activation gets a fresh folder under this one.
    public var workRoot: URL
    /// Runs one action.
    public var launch: ActionLauncher
    /// Whether a second `/init` is accepted (`PROXY_ALLOW_REINIT=1`, as the reference proxy).
    public var allowReinit = false
    /// Called with the bound port once the proxy accepts connections.
    public var onListening: @Sendable (Int) -> Void = { _ in }

    /// The line the invoker cuts the log stream at.
    public static let sentinel = "XXX_THE_END_OF_A_WHISK_ACTIVATION_XXX"

    /// Creates the proxy.
    public init(port: Int, workRoot: URL, launch: @escaping ActionLauncher) {
        self.port = port
        self.workRoot = workRoot
        self.launch = launch
    }

    /// Serves until the process is stopped (SIGTERM/SIGINT end it gracefully).
    public func run() async throws {
        try FileManager.default.createDirectory(at: workRoot, withIntermediateDirectories: true)
        let state = State()
        let router = Router()
        let proxy = self
        router.post("init") { request, _ -> Response in
            var request = request
            let reply = proxy.initialise(await Self.readJSON(&request), state: state)
            if reply.status != 200 { Self.endActivation() }
            return reply.response
        }
        router.post("run") { request, _ -> Response in
            var request = request
            let body = await Self.readJSON(&request)
            let reply = await state.queue.run { await proxy.activate(body, state: state) }
            Self.endActivation()
            return reply.response
        }
        var logger = Logger(label: "faasr-openwhisk-proxy")
        logger.logLevel = .critical
        let listening = onListening
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                              onServerRunning: { listening($0.localAddress?.port ?? 0) }, logger: logger)
        try await app.runService()
    }

    /// One answer: a status and a JSON body.
    struct Reply: Sendable {
        var status: Int
        var body: JSONValue

        var response: Response {
            Response(status: .init(code: status), headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: body.compactText)))
        }

        static func error(_ status: Int, _ message: String) -> Reply {
            Reply(status: status, body: .object(JSONObject([.init(key: "error", value: .string(message))])))
        }
    }

    /// What one container remembers between requests.
    final class State: @unchecked Sendable {
        let queue = ActivationQueue()
        private let lock = NSLock()
        private var initialised = false
        private var env: [String: String] = [:]

        /// Marks the container initialised with `env`; false when it already was.
        func initialise(_ env: [String: String], allowAgain: Bool) -> Bool {
            lock.withLock {
                if initialised && !allowAgain { return false }
                initialised = true
                self.env = env
                return true
            }
        }

        var initEnvironment: [String: String] { lock.withLock { env } }
    }

    func initialise(_ body: JSONValue?, state: State) -> Reply {
        guard let value = body?["value"], value.objectValue != nil else {
            return .error(404, "The action did not receive a dictionary as an argument: /init expects {\"value\": {...}}.")
        }
        var env: [String: String] = [:]
        for member in value["env"]?.objectValue?.members ?? [] {
            env[member.key] = member.value.stringValue ?? member.value.compactText
        }
        guard state.initialise(env, allowAgain: allowReinit) else {
            return .error(403, "Cannot initialize the action more than once.")
        }
        // A blackbox action carries no code: the action is FaaSr's runtime in this image.
        return Reply(status: 200, body: .object(JSONObject([.init(key: "ok", value: .bool(true))])))
    }

    func activate(_ body: JSONValue?, state: State) async -> Reply {
        guard let object = body?.objectValue, let value = object["value"] else {
            return .error(404, "The action did not receive a dictionary or array as an argument: /run expects {\"value\": {...}}.")
        }
        let request: PayloadRequest
        do { request = try PayloadRequest.fromEvent(value.compactText, source: "the activation's parameters") } catch {
            return .error(200, "\(error)")
        }
        // The activation context as __OW_ variables, as the reference proxy exports them.
        var env = state.initEnvironment
        for member in object.members where member.key != "value" {
            env["__OW_" + member.key.uppercased()] = member.value.stringValue ?? member.value.compactText
        }
        if let pat = request.gitHubToken { env["GH_PAT"] = pat }
        let deadline = env["__OW_DEADLINE"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0 / 1000 - 1) }
        let activation = (env["__OW_ACTIVATION_ID"] ?? UUID().uuidString).map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        let work = workRoot.appendingPathComponent("activation-\(String(activation))")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let launch = self.launch
        let activationEnv = env
        guard let outcome = await ActivationDeadline.race(deadline, { await launch(request, activationEnv, work) }) else {
            return .error(502, "the action did not finish before the activation's deadline; raise the action's timeout limit")
        }
        let result = (try? JSONValue.parse(outcome.jsonText)) ?? .object(JSONObject())
        guard outcome.kind == .failed else { return Reply(status: 200, body: result) }
        var failed = result.objectValue ?? JSONObject()
        failed["error"] = .string(outcome.message ?? "the action failed")
        return Reply(status: 200, body: .object(failed))
    }

    static func readJSON(_ request: inout Request) async -> JSONValue? {
        guard let buffer = try? await request.collectBody(upTo: 64 << 20), buffer.readableBytes > 0 else { return nil }
        return try? JSONDocument(bytes: Array(buffer.readableBytesView)).root
    }

    static func endActivation() {
        let line = Data("\(sentinel)\n".utf8)
        FileHandle.standardOutput.write(line)
        FileHandle.standardError.write(line)
    }
}
