import FaaSrCore
import FaaSrPlatformAPI

/// Starts a successor on whatever platform its compute server is: the one path for
/// `faasr invoke` and for triggers from inside a running action (`faasr run`), so a workflow
/// whose actions span platforms triggers across them.
public struct PlatformTrigger: Trigger {
    /// The workflow's name (for contexts).
    public var workflowName: String
    /// Secrets by FaaSr name (`GH_PAT`, `{Server}_Token`, ...).
    public var secrets: [String: String]
    /// The process environment (endpoint overrides, `FAASR_SLURM_RUNTIME`, `FAASR_BIN`).
    public var environment: [String: String]

    /// Creates a trigger.
    public init(workflowName: String = "", secrets: [String: String], environment: [String: String]) {
        self.workflowName = workflowName
        self.secrets = secrets
        self.environment = environment
    }

    /// The platform for `request`'s server. A trigger made inside a running action (`faasr
    /// run`) learns the workflow only from the payload: without a name of its own it takes the
    /// one in the request's function name (`{WorkflowName}-{Action}`), so platforms that name
    /// resources by workflow (the Kubernetes Secret `faasr-{WorkflowName}-{Server}`) find them.
    public func platform(for request: TriggerRequest) throws -> any ComputePlatform {
        try PlatformCatalog.platform(for: PlatformContext(serverName: request.serverName, server: request.server,
                                                          workflowName: Self.workflowName(workflowName, of: request),
                                                          secrets: secrets, environment: environment))
    }

    /// `name`, or when it is empty the workflow part of `request.functionName`.
    static func workflowName(_ name: String, of request: TriggerRequest) -> String {
        let suffix = "-\(request.action)"
        guard name.isEmpty, request.functionName.hasSuffix(suffix), request.functionName.count > suffix.count else { return name }
        return String(request.functionName.dropLast(suffix.count))
    }

    /// Submits `request` and returns the platform's receipt.
    public func submit(_ request: TriggerRequest) async throws -> TriggerReceipt {
        try await platform(for: request).submit(request)
    }

    public func trigger(_ request: TriggerRequest) async throws { _ = try await submit(request) }

    /// The FaaSr secrets in an environment: `GH_PAT` and every `{Name}_PAT`, `_Token`,
    /// `_AccessKey`, `_SecretKey` and `_APIkey` (what a running action passes on to the
    /// actions it triggers).
    public static func secrets(inEnvironment env: [String: String]) -> [String: String] {
        let suffixes = ["_PAT", "_Token", "_AccessKey", "_SecretKey", "_APIkey"]
        return env.filter { name, value in
            !value.isEmpty && (name == "GH_PAT" || suffixes.contains { name.hasSuffix($0) && name.count > $0.count })
        }
    }
}
