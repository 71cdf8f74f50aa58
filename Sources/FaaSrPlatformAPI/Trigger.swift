import FaaSrCore

/// One successor invocation: what FaaSr sends to the next action (spec/runtime.md §2.9).
public struct TriggerRequest: Sendable, Equatable {
    /// The successor action (`FunctionInvoke` of the next payload).
    public var action: String
    /// Its rank, when it is one of N > 1 copies.
    public var rank: Int?
    /// The compute server's name.
    public var serverName: String
    /// The server's `ComputeServers` entry.
    public var server: JSONObject
    /// The next action's OVERWRITTEN.
    public var overwritten: JSONObject
    /// The workflow location, passed on unchanged.
    public var payloadURL: String
    /// The platform function name `{WorkflowName}-{Action}`.
    public var functionName: String
    /// The action's `Resources` (SLURM job size), when it has them.
    public var resources: JSONObject?
    /// The action's container image (`ActionContainers`), when the workflow names one.
    public var container: String?
    /// The action's function type (`Python`, `R`), which picks a platform's default image.
    public var type: String?

    /// Creates a request.
    public init(action: String, rank: Int?, serverName: String, server: JSONObject,
                overwritten: JSONObject, payloadURL: String, functionName: String,
                resources: JSONObject? = nil, container: String? = nil, type: String? = nil) {
        self.action = action
        self.rank = rank
        self.serverName = serverName
        self.server = server
        self.overwritten = overwritten
        self.payloadURL = payloadURL
        self.functionName = functionName
        self.resources = resources
        self.container = container
        self.type = type
    }
}

/// Starts successor actions. Each compute platform in FaaSrPlatforms implements it (through
/// ``ComputePlatform``); the runtime's local trigger starts them on this machine.
public protocol Trigger: Sendable {
    /// Sends one invocation; throws when it was not accepted.
    func trigger(_ request: TriggerRequest) async throws
}
