#if canImport(FaaSrRuntime)
import ArgumentParser
import FaaSrRuntime
import Foundation

/// `faasr entry`: what a FaaSr for Swift container image starts. It takes the payload the way
/// the platform it runs on delivers it and runs the action as `faasr run` would.
struct EntryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entry",
        abstract: "The container entry point: take actions the way this platform delivers them.",
        discussion: """
        The mode comes from the environment the platform sets: AWS_LAMBDA_RUNTIME_API → the Lambda \
        custom-runtime loop; an __OW_ variable → the OpenWhisk action proxy (/init, /run on \
        $FAASR_PROXY_PORT, default 8080); otherwise env PAYLOAD_URL + OVERWRITTEN (GitHub Actions, \
        Cloud Run, SLURM, Kubernetes). --mode or FAASR_ENTRY_MODE forces one (lambda, openwhisk, env).
        Lambda and OpenWhisk run each action in a fresh folder under $FAASR_WORK_ROOT (default: \
        the temporary folder); the env form runs in the current folder.
        """)

    @Option(help: "Force the mode: lambda, openwhisk or env (default: from the environment).")
    var mode: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let chosen: EntryMode
        do { chosen = try EntryMode.detect(environment: env, forced: mode) } catch {
            FileHandle.standardError.write(Data("faasr entry: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let root = URL(fileURLWithPath: env["FAASR_WORK_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("faasr-actions").path)
        let launch: ActionLauncher = { request, extra, work in
            var environment = ProcessInfo.processInfo.environment
            environment.merge(extra) { $1 }
            return await ActionSetup.runner(request: request, environment: environment, workingDirectory: work).run()
        }
        switch chosen {
        case .lambda(let api):
            let status = await LambdaRuntimeLoop(runtimeAPI: api, workRoot: root, launch: launch).run()
            if status != 0 { throw ExitCode(status) }
        case .openWhisk(let port):
            var proxy = OpenWhiskProxy(port: port, workRoot: root, launch: launch)
            proxy.allowReinit = env["PROXY_ALLOW_REINIT"] == "1"
            proxy.onListening = { FileHandle.standardError.write(Data("faasr entry: OpenWhisk action proxy on port \($0)\n".utf8)) }
            do { try await proxy.run() } catch {
                FileHandle.standardError.write(Data("faasr entry: the OpenWhisk proxy stopped: \(error) (is port \(port) in use? set FAASR_PROXY_PORT)\n".utf8))
                throw ExitCode(1)
            }
        case .environment:
            let request: PayloadRequest
            do { request = try PayloadRequest.fromEnvironment(env) } catch {
                FileHandle.standardError.write(Data("faasr entry: \(error)\n".utf8))
                throw ExitCode(1)
            }
            let work = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let outcome = await launch(request, [:], work)
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        }
    }
}
#endif
