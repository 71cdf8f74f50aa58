import TUIKit

/// How a local run shows: a role and a short tag per action state (graph boxes and lanes),
/// and the log view.
enum RunView {
    /// The role an action in `state` is drawn with.
    static func role(_ state: ActionRunState) -> StyleRole {
        switch state {
        case .waiting, .skipped, .notRun: .dim
        case .running: .warning
        case .done: .ok
        case .failed: .error
        }
    }

    /// `✓ done 0.14s`, `▶ running`, `✗ failed 0.20s`, `skipped`, …
    static func tag(_ p: ActionProgress, glyphs g: Glyphs) -> String {
        let took = p.startTime.flatMap { a in p.endTime.map { " " + RunState.seconds($0 - a) } } ?? ""
        let copies = p.expected > 1 ? " \(p.finished)/\(p.expected)" : ""
        if let job = p.jobID { return plainTag(p, glyphs: g, copies: copies, took: took) + " · " + job }
        return plainTag(p, glyphs: g, copies: copies, took: took)
    }

    private static func plainTag(_ p: ActionProgress, glyphs g: Glyphs, copies: String, took: String) -> String {
        switch p.state {
        case .waiting: return "· waiting"
        case .running: return (g.isASCII ? "> " : "▶ ") + "running" + copies
        case .done: return g.check + " done" + copies + took
        case .failed: return g.cross + " failed" + took
        case .skipped: return "skipped"
        case .notRun: return "not run"
        }
    }

    /// The messages pane: what platform operations printed, following the end.
    static func drawMessages(_ s: AppState, scroll: Int?, into c: inout Canvas) {
        let inner = Modal.draw(title: "Messages (j k scroll, G end, any other key closes)",
                               width: c.width - 4, height: c.height - 2, into: &c, glyphs: s.glyphs)
        if s.messages.isEmpty {
            c.put("nothing yet: :register, :invoke, :timer and :secrets report here", x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 1)
            return
        }
        let top = min(scroll ?? max(0, s.messages.count - inner.height), max(0, s.messages.count - 1))
        for (i, l) in s.messages.dropFirst(top).prefix(inner.height).enumerated() {
            let role: StyleRole = l.contains("error:") ? .error : l.hasPrefix("──") ? .title : l.contains("hint:") ? .warning : .normal
            c.put(l.replacingTabs(), x: inner.x + 1, y: inner.y + i, role: role, maxWidth: inner.width - 1)
        }
    }

    /// The log view: the action's log files, following the end while it grows.
    static func drawLog(_ s: AppState, action: String, scroll: Int?, into c: inout Canvas) {
        let p = s.run?.actions[action]
        let state = p.map { tag($0, glyphs: s.glyphs) } ?? ""
        let follow = scroll == nil ? "following; " : ""
        let inner = Modal.draw(title: "Log of \(action): \(state) (\(follow)j k scroll, G follow, Esc closes)",
                               width: c.width - 4, height: c.height - 2, into: &c, glyphs: s.glyphs)
        var lines = s.logText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if lines.isEmpty {
            let why = p?.logFiles.isEmpty ?? true
                ? (p?.state == .waiting ? "not started yet" : "no log files (the action did not run)")
                : "(empty so far)"
            c.put(why, x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 1)
            if let m = p?.message { c.put(m, x: inner.x + 1, y: inner.y + 1, role: .error, maxWidth: inner.width - 1) }
            return
        }
        let top = min(scroll ?? max(0, lines.count - inner.height), max(0, lines.count - 1))
        for (i, l) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            let role: StyleRole = l.contains("[ERROR]") || l.hasPrefix("Traceback") || l.contains("Error:") ? .error
                : l.contains("[WARNING]") ? .warning : .normal
            c.put(l.replacingTabs(), x: inner.x + 1, y: inner.y + i, role: role, maxWidth: inner.width - 1)
        }
    }
}

private extension String {
    func replacingTabs() -> String { contains("\t") ? split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ") : self }
}
