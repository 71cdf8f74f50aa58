import FaaSrCore
import Foundation

/// Runs a user function as a child process (Python, R, or Julia when present) that talks to
/// this action's RPC server, as FaaSr does (spec/runtime.md §2.7.4).
public struct ProcessFunctionRunner: FunctionRunner {
    /// RPC port: 8000 as FaaSr; 0 picks a free port (the clients read `FAASR_RPC_PORT`).
    public var rpcPort: Int

    /// Creates a runner.
    public init(rpcPort: Int = 8000) { self.rpcPort = rpcPort }

    public func run(_ inv: FunctionInvocation, session: ActionSession, log: ActionLog) async throws {
        let clients = inv.workingDirectory.appendingPathComponent(".faasr/clients", isDirectory: true)
        try Self.installClients(into: clients)
        let (program, arguments, extraEnv) = try command(for: inv, clients: clients)
        let server = try await RPCServer.start(session: session, port: rpcPort)
        var env = inv.environment
        env["FAASR_RPC_PORT"] = String(server.port)
        for (k, v) in extraEnv { env[k] = v }
        log.log(.info, "Starting \(inv.type) function \(inv.functionName) (RPC on 127.0.0.1:\(server.port))")
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await ChildProcess.run(
                executable: program, arguments: arguments, directory: inv.workingDirectory,
                environment: env, timeout: inv.maxRuntime.map { .milliseconds(Int($0 * 1000)) },
                onLine: { log.output($0) })
        } catch {
            await server.stop()
            throw RuntimeFailure("cannot start \(program): \(error)")
        }
        await server.stop()
        if outcome.timedOut {
            await session.fail("the function ran longer than MaxRuntime (\(inv.maxRuntime ?? 0) s) and was stopped")
        } else if outcome.status != 0 {
            await session.fail("the function's process exited with status \(outcome.status)")
        } else if await !session.reported {
            await session.fail("the function's process ended without reporting a result")
        }
    }

    func command(for inv: FunctionInvocation, clients: URL) throws -> (String, [String], [String: String]) {
        let path = inv.environment["PATH"]
        let argsJSON = JSONValue.object(inv.arguments).compactText
        switch inv.type {
        case "Python":
            let python = inv.environment["FAASR_PYTHON"] ?? "python3"
            guard let exe = ChildProcess.which(python, path: path) else {
                throw RuntimeFailure("Python functions need \(python), which is not on PATH (install Python 3, or set FAASR_PYTHON)")
            }
            var pp = [clients.appendingPathComponent("python").path, inv.packagesDirectory.appendingPathComponent("python").path]
            if let old = inv.environment["PYTHONPATH"], !old.isEmpty { pp.append(old) }
            return (exe, ["-u", "-m", "FaaSr_py.entry", inv.functionName, argsJSON, inv.functionsDirectory.path],
                    ["PYTHONPATH": pp.joined(separator: ":"), "PYTHONDONTWRITEBYTECODE": "1"])
        case "R":
            guard let exe = ChildProcess.which("Rscript", path: path) else {
                throw RuntimeFailure("R functions need Rscript, which is not on PATH (install R, e.g. apt-get install r-base-core)")
            }
            let lib = inv.packagesDirectory.appendingPathComponent("R").path
            return (exe, [clients.appendingPathComponent("R/faasr_entry.R").path, inv.functionName, argsJSON, inv.functionsDirectory.path],
                    ["FAASR_R_CLIENT": clients.appendingPathComponent("R/faasr_client.R").path, "FAASR_R_LIBS": lib])
        case "Julia":
            guard let exe = ChildProcess.which("julia", path: path) else {
                throw RuntimeFailure("Julia functions need julia, which is not on PATH")
            }
            throw RuntimeFailure("Julia functions are not supported yet (found \(exe))")
        default:
            throw RuntimeFailure("unknown function Type '\(inv.type)' for \(inv.functionName): use Python, R or Julia")
        }
    }

    /// Writes the embedded function API (clients/) into `folder`.
    public static func installClients(into folder: URL) throws {
        for (path, text) in EmbeddedClients.files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((text + "\n").utf8).write(to: url, options: .atomic)
        }
    }
}
