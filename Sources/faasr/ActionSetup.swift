#if canImport(FaaSrRuntime)
import FaaSrPlatforms
import FaaSrRuntime
import Foundation

/// One action's runner as `faasr run` and `faasr entry` build it: stores (S3, or folders),
/// successors (their platforms, or a local queue), the RPC port and the GitHub API.
enum ActionSetup {
    static func runner(request: PayloadRequest, environment env: [String: String], workingDirectory: URL,
                       storeDir: String? = nil, triggerDir: String? = nil, rpcPort: Int? = nil,
                       gitHubAPI: String? = nil, quiet: Bool = false) -> ActionRunner {
        let resolver: any StoreResolver = storeDir.map { LocalFolderStoreResolver(root: URL(fileURLWithPath: $0)) } ?? S3StoreResolver()
        // Successors start on their own platforms (PlatformTrigger), with the secrets this
        // action was given; --trigger-dir keeps them on this machine (faasr local).
        let trigger: any Trigger = triggerDir.map { LocalTrigger(queue: URL(fileURLWithPath: $0)) }
            ?? PlatformTrigger(secrets: PlatformTrigger.secrets(inEnvironment: env), environment: env)
        let port = rpcPort ?? env["FAASR_RPC_PORT"].flatMap(Int.init) ?? 8000
        var runner = ActionRunner(request: request, stores: resolver, trigger: trigger,
                                  functionRunner: ProcessFunctionRunner(rpcPort: port),
                                  workingDirectory: workingDirectory, environment: env)
        runner.gitHubAPI = gitHubAPI ?? env["FAASR_GITHUB_API"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://api.github.com"
        runner.echo = !quiet
        return runner
    }
}
#endif
