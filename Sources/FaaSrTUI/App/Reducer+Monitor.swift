import TUIKit

/// `:monitor`: a remote invocation shown like a local run (the graph colours each action by its
/// state, with its platform job id), from the logging store, polled with backoff.
extension AppState {
    /// Starts watching `invocation` (nil: the latest) of the saved file.
    mutating func startMonitor(_ invocation: String?) -> [Effect] {
        if let run, run.isActive {
            toast = "a run or monitor is in flight: Esc cancels it"
            return []
        }
        guard let path = platformFile(":monitor") else { return [] }
        var r = RunState(workflowPath: path, actions: graphIndex.names)
        r.invocationID = invocation ?? "latest"
        run = r
        focus = .dag
        return [.start(.monitor(workflowPath: path, invocation: invocation))]
    }

    /// Folds a monitor report into ``run``.
    mutating func monitorEvent(_ e: MonitorEvent) -> [Effect] {
        guard var r = run, r.invocationID != nil else { return [] }
        switch e {
        case .report(let id, let actions, let finished):
            r.invocationID = id
            for p in actions { r.actions[p.action] = p }
            if r.phase == .starting || r.phase == .running { r.phase = finished ? .finished(succeeded: !actions.contains { $0.state == .failed }) : .running }
            if finished { note("invocation \(id): " + actions.map { "\($0.action) \($0.state.rawValue)\($0.jobID.map { " (\($0))" } ?? "")" }.joined(separator: ", ")) }
        case .problem(let why):
            r.messages = Array((r.messages + [why]).suffix(20))
            if r.phase == .starting { r.phase = .running }
        case .ended(let cancelled):
            if cancelled || r.phase == .cancelling {
                r.phase = .cancelled
            } else if r.isActive {
                r.phase = .failed(r.messages.last ?? "the monitor stopped")
            }
        }
        run = r
        if !r.isActive, case .ended = e { toast = r.summary(glyphs) } else if case .report(_, _, true) = e { toast = r.summary(glyphs) }
        return []
    }
}

extension RunState {
    /// The status line of a monitored invocation.
    func remoteSummary(_ g: Glyphs, done: Int, failed: Int, running: Int) -> String {
        let n = actions.count
        switch phase {
        case .starting: return "reading the logging store…"
        case .running: return "\(done)/\(n) done · \(running) running\(failed > 0 ? " · \(failed) failed" : "")\(messages.last.map { " · \($0)" } ?? "") · Esc stops watching"
        case .cancelling: return "stopping…"
        case .cancelled: return "no longer watched (\(done)/\(n) done)"
        case .finished(true): return "\(g.check) finished: \(done)/\(n) done"
        case .finished(false): return "\(g.cross) failed: \(failed) failed, \(done)/\(n) done"
        case .failed(let why): return "\(g.cross) cannot watch: \(why)"
        }
    }
}

extension MonitorEvent {
    /// The InvocationID `faasr invoke --json` printed.
    static func invocationID(in lines: [String]) -> String? {
        for l in lines where l.contains("\"InvocationID\"") {
            let after = l.split(separator: "\"InvocationID\"", maxSplits: 1).last ?? ""
            let quoted = after.split(separator: "\"", omittingEmptySubsequences: false)
            if quoted.count > 1 { return String(quoted[1]) }
        }
        return nil
    }
}
