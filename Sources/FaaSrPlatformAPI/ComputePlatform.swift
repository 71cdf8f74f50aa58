import FaaSrCore

/// One compute server's platform: how `faasr` checks credentials, registers, starts, times
/// and watches the actions that run there. FaaSrPlatforms holds one implementation per
/// FaaSType, each in its own folder; the runtime and the CLI see only this protocol.
///
/// Register is plan + apply: ``plan(_:)`` reads the platform's current state and lists every
/// change without making any; ``apply(_:)`` makes them. Applying the same plan twice, or
/// registering twice, changes nothing the second time.
public protocol ComputePlatform: Trigger {
    /// The compute server's name (`ComputeServers` key).
    var serverName: String { get }
    /// Checks that the credentials are accepted; throws a ``PlatformError`` saying what to fix.
    func checkCredentials() async throws
    /// What registering `deployment` would create, update and delete; changes nothing.
    func plan(_ deployment: Deployment) async throws -> RegistrationPlan
    /// Carries out `plan`. On failure, what was done is reported in the error and a second
    /// register completes it.
    func apply(_ plan: RegistrationPlan) async throws
    /// What unregistering `deployment` would delete; carry it out with ``apply(_:)``.
    func unregisterPlan(_ deployment: Deployment) async throws -> RegistrationPlan
    /// Starts one action; the receipt names the platform's job or run when it tells one.
    func submit(_ request: TriggerRequest) async throws -> TriggerReceipt
    /// Starts `timer.action` on a schedule.
    func setTimer(_ timer: TimerRequest) async throws
    /// Stops the schedule set by ``setTimer(_:)``.
    func unsetTimer(_ timer: TimerRequest) async throws
    /// The state of a submitted job, or nil where the platform cannot tell.
    func status(of receipt: TriggerReceipt) async throws -> JobState?
}

extension ComputePlatform {
    /// Triggers through ``submit(_:)``.
    public func trigger(_ request: TriggerRequest) async throws { _ = try await submit(request) }
}

/// What to register on one compute server.
public struct Deployment: Sendable {
    /// The whole workflow.
    public var workflow: Workflow
    /// The actions that run on this server, in ActionList order.
    public var actions: [String]
    /// Where actions fetch the workflow from (`owner/repo/ref/path` or a URL).
    public var payloadURL: String

    /// Creates a deployment.
    public init(workflow: Workflow, actions: [String], payloadURL: String) {
        self.workflow = workflow
        self.actions = actions
        self.payloadURL = payloadURL
    }
}

/// The changes a register or unregister will make on one server.
public struct RegistrationPlan: Sendable, Equatable {
    /// The compute server's name.
    public var serverName: String
    /// Every change, in the order they will be made.
    public var changes: [PlanChange]
    /// True when nothing would change.
    public var isEmpty: Bool { changes.allSatisfy { $0.kind == .unchanged } }

    /// Creates a plan.
    public init(serverName: String, changes: [PlanChange]) {
        self.serverName = serverName
        self.changes = changes
    }
}

/// One resource a plan creates, updates, deletes or leaves as it is.
public struct PlanChange: Sendable, Equatable {
    /// What happens to the resource.
    public enum Kind: String, Sendable { case create, update, delete, unchanged }
    /// What happens.
    public var kind: Kind
    /// The resource, as the platform names it (a file path, a function name, a job name).
    public var resource: String
    /// One line for people: why, or what differs.
    public var detail: String
    /// What apply sends (a file's text, a request body); secrets never appear here.
    public var body: JSONValue?
    /// Platform state apply needs (e.g. a file's current sha).
    public var state: [String: String]

    /// Creates a change.
    public init(kind: Kind, resource: String, detail: String = "", body: JSONValue? = nil, state: [String: String] = [:]) {
        self.kind = kind
        self.resource = resource
        self.detail = detail
        self.body = body
        self.state = state
    }
}

/// A platform's answer to a submitted action.
public struct TriggerReceipt: Sendable, Equatable, Codable {
    /// The compute server's name.
    public var serverName: String
    /// The platform's job, run or activation id, when it tells one.
    public var jobID: String?

    /// Creates a receipt.
    public init(serverName: String, jobID: String?) {
        self.serverName = serverName
        self.jobID = jobID
    }
}

/// A schedule for one action.
public struct TimerRequest: Sendable, Equatable {
    /// A five-field cron expression (minute hour day month weekday), UTC.
    public var cron: String
    /// The action it starts (the request's `action`).
    public var request: TriggerRequest

    /// Creates a timer request.
    public init(cron: String, request: TriggerRequest) {
        self.cron = cron
        self.request = request
    }
}

/// A submitted job's state, as far as the platform tells.
public enum JobState: String, Sendable, Codable {
    case queued, running, succeeded, failed, cancelled
}

/// A platform request that failed: which server, which request, what came back, what to do.
public struct PlatformError: Error, CustomStringConvertible, Sendable {
    /// The compute server's name.
    public var serverName: String
    /// The request, e.g. `PUT /repos/o/r/contents/.github/workflows/x.yml`.
    public var request: String
    /// The HTTP status, when one came back.
    public var status: Int?
    /// What went wrong and what to do about it.
    public var message: String

    /// Creates an error.
    public init(serverName: String, request: String, status: Int? = nil, message: String) {
        self.serverName = serverName
        self.request = request
        self.status = status
        self.message = message
    }

    public var description: String {
        let code = status.map { " → HTTP \($0)" } ?? ""
        return "\(serverName): \(request)\(code): \(message)"
    }
}
