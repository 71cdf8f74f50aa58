import FaaSrCore

/// What the monitor of a remote invocation (`:monitor`) reports.
public enum MonitorEvent: Equatable, Sendable {
    /// A read of the logging store (`faasr status --json`): each action's progress.
    case report(invocationID: String, actions: [ActionProgress], finished: Bool)
    /// A read failed (the store is unreachable, no invocation yet): why; it tries again later.
    case problem(String)
    /// The monitor stopped: every action ended, it was cancelled, or it gave up.
    case ended(cancelled: Bool)

    /// Parses `faasr status --json` output (an ``InvocationReport``): ranked copies of one
    /// action fold into one progress (failed wins, then running, then waiting).
    public static func parse(_ text: String) -> MonitorEvent? {
        guard let start = text.firstIndex(of: "{"),
              let v = try? JSONParser.parse(Array(text[start...].utf8)), let o = v.objectValue,
              let id = o["invocationID"]?.stringValue, let list = o["actions"]?.arrayValue else { return nil }
        var order: [String] = []
        var byName: [String: ActionProgress] = [:]
        for item in list {
            guard let a = item.objectValue, let name = a["action"]?.stringValue else { continue }
            let state: ActionRunState
            switch a["state"]?.stringValue {
            case "running": state = .running
            case "done": state = .done
            case "failed": state = .failed
            case "skipped": state = .skipped
            default: state = .waiting
            }
            var p = byName[name] ?? { var p = ActionProgress(action: name); p.expected = 0; p.state = .done; return p }()
            if byName[name] == nil { order.append(name) }
            p.expected += 1
            if state == .done || state == .failed || state == .skipped { p.finished += 1 }
            if state != .waiting { p.started += 1 }
            let rank: [ActionRunState] = [.failed, .running, .waiting, .skipped, .done]
            if p.expected == 1 || rank.firstIndex(of: state)! < rank.firstIndex(of: p.state)! { p.state = state }
            if let job = a["jobID"]?.stringValue {
                let platform = a["platform"]?.stringValue.map { $0 + " " } ?? ""
                p.jobID = p.jobID.map { $0 + ", " + job } ?? platform + job
            }
            byName[name] = p
        }
        let actions = order.compactMap { byName[$0] }
        let finished = actions.allSatisfy { $0.state != .waiting && $0.state != .running }
        return .report(invocationID: id, actions: actions, finished: finished)
    }
}
