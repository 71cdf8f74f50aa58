import FaaSrCore
import TUIKit

/// `:monitor` with no argument: the recent invocations — those this designer started and those
/// the logging store holds — newest first, to choose one to watch.
extension AppState {
    /// Asks `faasr status --list --json` for the store's invocations.
    mutating func listInvocations() -> [Effect] {
        if let run, run.isActive {
            toast = "a run or monitor is in flight: Esc cancels it"
            return []
        }
        return startControl(.listInvocations)
    }

    /// The listing ended: offer the invocations, or say why there are none.
    mutating func invocationsListed(_ out: ControlOutcome) -> [Effect] {
        let found = out.succeeded ? RecentInvocation.parse(out.lines.joined(separator: "\n")) ?? [] : []
        let all = RecentInvocation.merge(started: startedInvocations, found: found)
        guard !all.isEmpty else {
            toast = out.succeeded ? "no invocations in the logging store yet: :invoke starts one"
                : out.lines.last == "cancelled" ? "\(ControlStep.listInvocations.title): cancelled"
                : "\(glyphs.cross) cannot list invocations: \(out.errorText)"
            return []
        }
        if !out.succeeded, out.lines.last != "cancelled" {
            toast = "\(glyphs.cross) the logging store could not be read (m): only invocations started here are listed"
        }
        mode = .picker(title: "Monitor which invocation (newest first)", options: all.map(\.line), selected: 0, query: TextField(), purpose: .pickInvocation)
        return []
    }

    /// Remembers an invocation `:invoke` started (newest first, at most 50).
    mutating func rememberInvocation(_ lines: [String]) {
        guard let id = MonitorEvent.invocationID(in: lines) else { return }
        let stamp = lines.lazy.compactMap { l -> String? in
            guard let start = l.firstIndex(of: "{"), let v = try? JSONParser.parse(Array(l[start...].utf8)) else { return nil }
            return v["InvocationTimestamp"]?.stringValue
        }.first ?? ""
        startedInvocations.removeAll { $0.id == id }
        startedInvocations.insert(RecentInvocation(id: id, timestamp: stamp, startedHere: true), at: 0)
        startedInvocations = Array(startedInvocations.prefix(50))
    }
}
