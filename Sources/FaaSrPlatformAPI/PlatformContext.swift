import FaaSrCore

/// What a platform implementation is built from: one compute server of one workflow, with its
/// credentials resolved. Every platform in FaaSrPlatforms has `init(context:) throws`, so the
/// catalog that maps a FaaSType to its implementation builds them all the same way.
public struct PlatformContext: Sendable {
    /// The compute server's name (`ComputeServers` key).
    public var serverName: String
    /// The server's `ComputeServers` entry.
    public var server: JSONObject
    /// The workflow's `WorkflowName`.
    public var workflowName: String
    /// Secrets by their FaaSr name (`GH_PAT`, `{Server}_Token`, ...), read from the environment
    /// or a `.env` file. Never printed.
    public var secrets: [String: String]
    /// The process environment (endpoint overrides such as `FAASR_GITHUB_API`, `AWS_ENDPOINT_URL_LAMBDA`).
    public var environment: [String: String]

    /// Creates a context.
    public init(serverName: String, server: JSONObject, workflowName: String,
                secrets: [String: String], environment: [String: String]) {
        self.serverName = serverName
        self.server = server
        self.workflowName = workflowName
        self.secrets = secrets
        self.environment = environment
    }
}
