#if canImport(FaaSrRuntime)
import ArgumentParser
import FaaSrCore
import FaaSrPlatforms
import FaaSrRuntime
import Foundation

/// `faasr run`: one action's life cycle, as it runs inside each action's container.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one action of a workflow (what runs inside every action's container).",
        discussion: """
        The payload arrives in the platform's form: env PAYLOAD_URL + OVERWRITTEN (GitHub Actions, \
        Cloud Run, SLURM, Kubernetes), a Lambda event (--event FILE or JSON), OpenWhisk parameters \
        (a JSON argument), or --workflow FILE [--overwritten JSON] for local tests.
        Exit status: 0 for success and for a clean fan-in abort, 1 for failure (as FaaSr).
        """)

    @Argument(help: "OpenWhisk action parameters as JSON ({\"PAYLOAD_URL\":..., \"OVERWRITTEN\":{...}}).")
    var parameters: String?

    @Option(help: "The workflow file or URL (instead of PAYLOAD_URL).")
    var workflow: String?

    @Option(help: "OVERWRITTEN as a JSON object (with --workflow).")
    var overwritten: String?

    @Option(help: "A Lambda-style event: a JSON file, or the JSON itself.")
    var event: String?

    @Option(help: "Map every data store to a folder DIR/<store name> instead of S3.")
    var storeDir: String?

    @Option(help: "Start successors locally by writing requests into this queue folder (faasr local).")
    var triggerDir: String?

    @Option(help: "The action's working directory (default: the current directory).")
    var workDir: String?

    @Option(help: "RPC port for the function API (default 8000 as FaaSr, or $FAASR_RPC_PORT; 0 picks a free one).")
    var rpcPort: Int?

    @Option(help: "Write the outcome as JSON to this file.")
    var statusFile: String?

    @Option(help: "GitHub API base URL (default $FAASR_GITHUB_API, else https://api.github.com; tests point it at a loopback server).")
    var githubApi: String?

    @Flag(help: "Do not echo the log to stdout.")
    var quiet = false

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let request: PayloadRequest
        do {
            if let workflow {
                let over = try overwritten.map { try PayloadRequest.fromEvent("{\"PAYLOAD_URL\":\"x\",\"OVERWRITTEN\":\($0)}", source: "--overwritten").overwritten } ?? JSONObject()
                request = PayloadRequest(payloadURL: workflow, overwritten: over, gitHubToken: env["GH_PAT"])
            } else if let event {
                let text: String
                if FileManager.default.fileExists(atPath: event), let d = FileManager.default.contents(atPath: event) {
                    text = String(decoding: d, as: UTF8.self)
                } else {
                    text = event
                }
                request = try PayloadRequest.fromEvent(text, source: "--event")
            } else if let parameters {
                request = try PayloadRequest.fromEvent(parameters, source: "OpenWhisk parameters")
                if let pat = request.gitHubToken { setenv("GH_PAT", pat, 1) }
            } else {
                request = try PayloadRequest.fromEnvironment(env)
            }
        } catch {
            FileHandle.standardError.write(Data("faasr run: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let work = URL(fileURLWithPath: workDir ?? FileManager.default.currentDirectoryPath)
        let runner = ActionSetup.runner(request: request, environment: ProcessInfo.processInfo.environment, workingDirectory: work, storeDir: storeDir,
                                        triggerDir: triggerDir, rpcPort: rpcPort, gitHubAPI: githubApi, quiet: quiet)
        let outcome = await runner.run()
        if let statusFile {
            try? FileManager.default.createDirectory(at: URL(fileURLWithPath: statusFile).deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(outcome.jsonText.utf8).write(to: URL(fileURLWithPath: statusFile))
        }
        if outcome.exitCode != 0 {
            if quiet, let m = outcome.message { FileHandle.standardError.write(Data("faasr run: \(m)\n".utf8)) }
            throw ExitCode(outcome.exitCode)
        }
    }
}
#endif
