import FaaSrCore
import Foundation

/// Runs a user function as a child process (Python, R, or Julia when present) that talks to
/// this action's RPC server, as FaaSr does (spec/runtime.md §2.7.4).
///
/// The interpreter is started in standby (``prepare(type:session:workingDirectory:environment:log:)``),
/// with the RPC server, while the runtime still checks stores and fetches code: it loads the
/// function API, then waits for one line on its standard input naming the function, its
/// arguments and the RPC port. No user code runs before that line.
public struct ProcessFunctionRunner: FunctionRunner {
    /// RPC port: 8000 as FaaSr; 0 picks a free port (the clients read `FAASR_RPC_PORT`).
    public var rpcPort: Int

    /// Creates a runner.
    public init(rpcPort: Int = 8000) { self.rpcPort = rpcPort }

    public func prepare(type: String, session: ActionSession, workingDirectory: URL, environment: [String: String], log: ActionLog) async -> (any PreparedFunction)? {
        guard let standby = try? startStandby(type: type, workingDirectory: workingDirectory, environment: environment, log: log) else {
            return nil
        }
        let port = rpcPort
        standby.server = (session, Task { try await RPCServer.start(session: session, port: port) })
        return standby
    }

    public func run(_ inv: FunctionInvocation, session: ActionSession, log: ActionLog) async throws {
        let standby: StandbyInterpreter
        if let prepared = inv.prepared as? StandbyInterpreter, prepared.type == inv.type {
            standby = prepared
        } else {
            await inv.prepared?.discard()
            standby = try startStandby(type: inv.type, workingDirectory: inv.workingDirectory, environment: inv.environment, log: log)
        }
        let server: RPCServer
        do {
            if let (s, task) = standby.server, s === session {
                standby.server = nil
                server = try await task.value
            } else {
                server = try await RPCServer.start(session: session, port: rpcPort)
            }
        } catch {
            await standby.discard()
            throw error
        }
        log.log(.info, "Starting \(inv.type) function \(inv.functionName) (RPC on 127.0.0.1:\(server.port))")
        let go = JSONObject([
            .init(key: "function", value: .string(inv.functionName)),
            .init(key: "arguments", value: .object(inv.arguments)),
            .init(key: "functions_dir", value: .string(inv.functionsDirectory.path)),
            .init(key: "packages_dir", value: .string(inv.packagesDirectory.appendingPathComponent(inv.type == "R" ? "R" : "python").path)),
            .init(key: "rpc_port", value: .number(JSONNumber(server.port))),
        ])
        standby.child.send(line: JSONValue.object(go).compactText)
        let outcome = await standby.child.wait(timeout: inv.maxRuntime.map { .milliseconds(Int($0 * 1000)) })
        await server.stop()
        if outcome.timedOut {
            await session.fail("the function ran longer than MaxRuntime (\(inv.maxRuntime ?? 0) s) and was stopped")
        } else if outcome.status != 0 {
            await session.fail("the function's process exited with status \(outcome.status)")
        } else if await !session.reported {
            await session.fail("the function's process ended without reporting a result")
        }
    }

    /// Starts the interpreter for `type`, waiting for its function.
    func startStandby(type: String, workingDirectory: URL, environment: [String: String], log: ActionLog) throws -> StandbyInterpreter {
        let clients = workingDirectory.appendingPathComponent(".faasr/clients", isDirectory: true)
        try Self.installClients(into: clients)
        let (program, arguments, extraEnv) = try command(for: type, directory: workingDirectory, environment: environment, clients: clients)
        var env = environment
        for (k, v) in extraEnv { env[k] = v }
        do {
            let child = try RunningChild.start(executable: program, arguments: arguments, directory: workingDirectory,
                                               environment: env, input: true, onLine: { log.output($0) })
            return StandbyInterpreter(type: type, child: child)
        } catch {
            throw RuntimeFailure("cannot start \(program): \(error)")
        }
    }

    /// The program, its arguments (standby mode) and extra environment for `type`.
    func command(for type: String, directory: URL, environment: [String: String], clients: URL) throws -> (String, [String], [String: String]) {
        let path = environment["PATH"]
        switch type {
        case "Python":
            let python = environment["FAASR_PYTHON"] ?? "python3"
            guard var exe = ChildProcess.which(python, path: path) else {
                throw RuntimeFailure("Python functions need \(python), which is not on PATH (install Python 3, or set FAASR_PYTHON)")
            }
            var extra: [String: String] = [:]
            if let real = PyenvShim.resolve(exe, directory: directory, environment: environment) {
                exe = real.executable
                if let p = real.path { extra["PATH"] = p }
            }
            var pp = [clients.appendingPathComponent("python").path]
            if let old = environment["PYTHONPATH"], !old.isEmpty { pp.append(old) }
            extra["PYTHONPATH"] = pp.joined(separator: ":")
            extra["PYTHONDONTWRITEBYTECODE"] = "1"
            return (exe, ["-u", "-m", "FaaSr_py.entry", "--standby"], extra)
        case "R":
            guard let exe = ChildProcess.which("Rscript", path: path) else {
                throw RuntimeFailure("R functions need Rscript, which is not on PATH (install R, e.g. apt-get install r-base-core)")
            }
            return (exe, [clients.appendingPathComponent("R/faasr_entry.R").path, "--standby"],
                    ["FAASR_R_CLIENT": clients.appendingPathComponent("R/faasr_client.R").path])
        case "Julia":
            guard let exe = ChildProcess.which("julia", path: path) else {
                throw RuntimeFailure("Julia functions need julia, which is not on PATH")
            }
            throw RuntimeFailure("Julia functions are not supported yet (found \(exe))")
        default:
            throw RuntimeFailure("unknown function Type '\(type)': use Python, R or Julia")
        }
    }

    /// Writes the embedded function API (clients/) into `folder`.
    public static func installClients(into folder: URL) throws {
        for (path, bytes) in EmbeddedClients.files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        }
    }
}

/// An interpreter started in standby: the function API is loaded, no user code has run;
/// possibly with the RPC server starting for its session.
final class StandbyInterpreter: PreparedFunction, @unchecked Sendable {
    let type: String
    let child: RunningChild
    private let lock = NSLock()
    private var _server: (ActionSession, Task<RPCServer, any Error>)?
    /// The RPC server being started for a session (taken by `run`).
    var server: (ActionSession, Task<RPCServer, any Error>)? {
        get { lock.withLock { _server } }
        set { lock.withLock { _server = newValue } }
    }

    init(type: String, child: RunningChild) {
        self.type = type
        self.child = child
    }

    func discard() async {
        await child.killNow()
        if let (_, task) = server {
            server = nil
            if let s = try? await task.value { await s.stop() }
        }
    }
}
