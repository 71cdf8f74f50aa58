import FaaSrCore

/// A local run of the workflow started from the designer (`:run`): what each action is doing,
/// from the `faasr local --events jsonl` stream. Pure data; the reducer updates it from
/// ``RunEvent``s.
public struct RunState: Equatable, Sendable {
    /// Where the run is.
    public enum Phase: Equatable, Sendable {
        /// The `faasr local` process is being started.
        case starting
        /// Actions are running.
        case running
        /// `Esc`/`C-c` asked it to stop; waiting for the processes to end.
        case cancelling
        /// It ended: every action that should have run succeeded, or not.
        case finished(succeeded: Bool)
        /// It was cancelled.
        case cancelled
        /// It could not run (no `faasr` program, bad workflow): why.
        case failed(String)
    }

    /// Where the run is.
    public var phase: Phase = .starting
    /// The workflow file run.
    public var workflowPath: String
    /// Each action's progress, by name.
    public var actions: [String: ActionProgress] = [:]
    /// The run's working folder, once known.
    public var runDirectory: String?
    /// Total seconds, once finished.
    public var seconds: Double?
    /// Lines of `faasr local`'s output that were not events (errors), last few.
    public var messages: [String] = []
    /// For a remote invocation watched by `:monitor`: its InvocationID (nil: a local run).
    public var invocationID: String?

    /// A run of `workflowPath` whose actions all wait.
    public init(workflowPath: String, actions: [String]) {
        self.workflowPath = workflowPath
        for a in actions { self.actions[a] = ActionProgress(action: a) }
    }

    /// Whether processes may still be running.
    public var isActive: Bool {
        switch phase {
        case .starting, .running, .cancelling: true
        default: false
        }
    }

    /// How many actions are in `state`.
    public func count(_ state: ActionRunState) -> Int { actions.values.filter { $0.state == state }.count }

    /// The latest time any event reported (seconds since the run started).
    public var lastTime: Double { actions.values.compactMap { $0.endTime ?? $0.startTime }.max() ?? 0 }
}

/// The state of one action in a run (the raw values are `faasr local`'s).
public enum ActionRunState: String, Equatable, Sendable, CaseIterable {
    case waiting, running, done, failed
    /// Not run because a conditional branch was not taken.
    case skipped = "skipped-by-branch"
    /// Not run because an action before it failed (or the run was cancelled).
    case notRun = "not run"
}

/// One action's progress, as the last event about it said.
public struct ActionProgress: Equatable, Sendable {
    /// The action.
    public var action: String
    /// Its state.
    public var state: ActionRunState = .waiting
    /// Copies started, finished and expected (ranked actions run several).
    public var started = 0, finished = 0, expected = 1
    /// Seconds since the run started when it began and ended.
    public var startTime: Double?, endTime: Double?
    /// The failure message, if any.
    public var message: String?
    /// Its log files in the local store (written when each copy ends).
    public var logs: [String] = []
    /// The output files of its `faasr run` processes (written as they run).
    public var outputs: [String] = []
    /// On a platform: its job or run id (`:monitor`).
    public var jobID: String?

    /// An action that has not started.
    public init(action: String) { self.action = action }

    /// The files its log view shows: the live output files, else the store logs.
    public var logFiles: [String] { outputs.isEmpty ? logs : outputs }
}

/// What a run reports to the reducer.
public enum RunEvent: Equatable, Sendable {
    /// `faasr local` started; its working folder.
    case started(runDirectory: String?)
    /// An action changed.
    case action(ActionProgress)
    /// A line that is not an event (an error message).
    case output(String)
    /// The `faasr local` process ended: its summary when it got that far, and its exit status
    /// (nil when it could not be started; then `message` says why).
    case ended(succeeded: Bool?, seconds: Double?, status: Int32?, cancelled: Bool, message: String?)

    /// Parses one line of `faasr local --events jsonl` (a line that is not an event is
    /// ``output(_:)``; the `finished` line is folded into ``ended`` by the job).
    public static func parse(_ line: String) -> RunEvent {
        guard line.hasPrefix("{"), let v = try? JSONParser.parse(Array(line.utf8)), let o = v.objectValue,
              let kind = o["event"]?.stringValue else { return .output(line) }
        switch kind {
        case "start":
            return .started(runDirectory: o["runDirectory"]?.stringValue)
        case "action":
            guard let name = o["action"]?.stringValue else { return .output(line) }
            var p = ActionProgress(action: name)
            p.state = o["state"]?.stringValue.flatMap(ActionRunState.init(rawValue:)) ?? .waiting
            p.started = o["started"]?.numberValue?.intValue ?? 0
            p.finished = o["finished"]?.numberValue?.intValue ?? 0
            p.expected = o["expected"]?.numberValue?.intValue ?? 1
            p.startTime = o["startTime"]?.numberValue?.doubleValue
            p.endTime = o["endTime"]?.numberValue?.doubleValue
            p.message = o["message"]?.stringValue
            p.logs = o["logs"]?.arrayValue?.compactMap(\.stringValue) ?? []
            p.outputs = o["outputs"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return .action(p)
        case "finished":
            return .ended(succeeded: o["succeeded"]?.boolValue, seconds: o["seconds"]?.numberValue?.doubleValue,
                          status: nil, cancelled: false, message: nil)
        default:
            return .output(line)
        }
    }
}
