/// One platform operation the designer asks the `faasr` program to do (register, invoke,
/// timers, secrets): it runs as a background job (``Job/control(_:workflowPath:)``), and its
/// output comes back as ``AppEvent/control(_:_:)``.
public enum ControlStep: Equatable, Sendable {
    /// `faasr register --dry-run`: the plan, shown before anything changes.
    case registerPlan(server: String?)
    /// `faasr register`: apply it.
    case register(server: String?)
    /// `faasr unregister --dry-run`.
    case unregisterPlan
    /// `faasr unregister`.
    case unregister
    /// `faasr invoke --json`: prints the InvocationID.
    case invoke
    /// `faasr timer set --cron CRON`.
    case timerSet(cron: String)
    /// `faasr timer unset`.
    case timerUnset
    /// `faasr secrets check`: which secrets exist locally and on each platform (names only).
    case secretsCheck
    /// `faasr secrets push`: values from the environment or `.env`.
    case secretsPush
    /// `faasr secrets push` with `name`'s value typed (masked) in the designer; it goes to the
    /// child in its environment, never in its arguments; the others come from the environment
    /// or `.env`.
    case secretsPushTyped(name: String, value: SecretValue)
    /// `faasr status --list --json`: the invocations in the logging store, newest first.
    case listInvocations

    /// The `faasr` arguments for the workflow at `path`.
    public func arguments(_ path: String) -> [String] {
        switch self {
        case .registerPlan(let s): ["register", path, "--dry-run"] + (s.map { ["--server", $0] } ?? [])
        case .register(let s): ["register", path] + (s.map { ["--server", $0] } ?? [])
        case .unregisterPlan: ["unregister", path, "--dry-run"]
        case .unregister: ["unregister", path]
        case .invoke: ["invoke", path, "--json"]
        case .timerSet(let cron): ["timer", "set", path, "--cron", cron]
        case .timerUnset: ["timer", "unset", path]
        case .secretsCheck: ["secrets", "check", path]
        case .secretsPush, .secretsPushTyped: ["secrets", "push", path]
        case .listInvocations: ["status", path, "--list", "--json"]
        }
    }

    /// What the status bar says while it runs.
    public var title: String {
        switch self {
        case .registerPlan: "planning register"
        case .register: "registering"
        case .unregisterPlan: "planning unregister"
        case .unregister: "unregistering"
        case .invoke: "invoking"
        case .timerSet: "setting the timer"
        case .timerUnset: "unsetting the timer"
        case .secretsCheck: "checking secrets"
        case .secretsPush: "pushing secrets"
        case .secretsPushTyped(let name, _): "pushing secrets (\(name) as typed)"
        case .listInvocations: "reading recent invocations"
        }
    }

    /// Variables added to the `faasr` child's environment (a typed secret).
    public var environment: [String: String] {
        if case .secretsPushTyped(let name, let value) = self { return [name: value.revealed] }
        return [:]
    }
}

/// How a ``ControlStep`` ended: the `faasr` exit status (nil: it could not start) and its
/// output lines (standard output and error; secrets are never in them).
public struct ControlOutcome: Equatable, Sendable {
    /// The exit status.
    public var status: Int32?
    /// The lines it printed.
    public var lines: [String]
    /// Creates one.
    public init(status: Int32?, lines: [String]) {
        self.status = status
        self.lines = lines
    }
    /// Whether it succeeded.
    public var succeeded: Bool { status == 0 }
    /// The error lines (`faasr X: error: ...` and its hint), for a toast and the log.
    public var errorText: String {
        let errs = lines.filter { $0.contains("error:") || $0.contains("hint:") }
        return (errs.isEmpty ? Array(lines.suffix(2)) : errs).map { $0.trimmingCharacters(in: " ") }.joined(separator: " ")
    }
}
