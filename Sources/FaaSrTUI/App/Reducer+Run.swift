import TUIKit

/// `:run`: starting and cancelling a local run, its events, and the log view.
extension AppState {
    /// Starts a local run of the saved file, when it can run.
    mutating func startRun() -> [Effect] {
        if let run, run.isActive {
            toast = "a run is in flight: Esc cancels it"
            return []
        }
        guard let filePath else {
            toast = "save the workflow first (C-s): :run runs the file on disk"
            return []
        }
        if isDirty {
            toast = "save first (C-s): :run runs the file on disk, not unsaved edits"
            return []
        }
        let errors = problems.filter { $0.severity == .error }.count
        if errors > 0 {
            toast = "\(glyphs.cross) fix the \(errors) error(s) first (6 shows them)"
            return []
        }
        run = RunState(workflowPath: filePath, actions: graphIndex.names)
        return [.start(.localRun(workflowPath: filePath))]
    }

    /// Asks the running run to stop.
    mutating func cancelRun() -> [Effect] {
        guard var r = run, r.isActive else {
            toast = "no run in flight"
            return []
        }
        r.phase = .cancelling
        run = r
        return [.cancel(r.invocationID == nil ? .run : .monitor)]
    }

    /// Folds a run event into ``run``; the log view follows its action's new files.
    mutating func runEvent(_ e: RunEvent) -> [Effect] {
        guard var r = run else { return [] }
        var fx: [Effect] = []
        switch e {
        case .started(let dir):
            r.runDirectory = dir
            if r.phase == .starting { r.phase = .running }
        case .action(var p):
            let before = r.actions[p.action]?.logFiles
            // Once cancelled, an action that ends "failed" was stopped by the cancel: it did
            // not run to its end (the kill can reach it before the run's own end event).
            if r.phase == .cancelling, p.state == .failed { p.state = .notRun }
            r.actions[p.action] = p
            if r.phase == .starting { r.phase = .running }
            if case .log(let a, _) = mode, a == p.action, p.logFiles != before, !p.logFiles.isEmpty {
                fx.append(.start(.tail(action: a, files: p.logFiles)))
            }
        case .output(let line):
            r.messages = Array((r.messages + [line]).suffix(20))
        case .ended(let ok, let seconds, let status, let cancelled, let message):
            r.seconds = seconds
            if cancelled || r.phase == .cancelling {
                r.phase = .cancelled
                for (name, var p) in r.actions where p.state == .waiting || p.state == .running {
                    p.state = .notRun
                    r.actions[name] = p
                }
            } else if let message {
                r.phase = .failed(message)
            } else if let ok {
                r.phase = .finished(succeeded: ok)
            } else {
                r.phase = .failed("faasr local ended with status \(status ?? -1)" + (r.messages.first.map { ": \($0)" } ?? ""))
            }
        }
        run = r
        if case .ended = e { toast = r.summary(glyphs) }
        return fx
    }

    /// Opens the log of the selected action in the last run.
    mutating func openLog() -> [Effect] {
        guard let a = selectedAction else { return [] }
        guard let p = run?.actions[a] else {
            toast = "no run yet: R (or :run) runs the workflow locally"
            return []
        }
        mode = .log(action: a, scroll: nil)
        logText = ""
        return p.logFiles.isEmpty ? [] : [.start(.tail(action: a, files: p.logFiles))]
    }

    /// Keys of the log view: scroll, follow the end, close; `C-c` cancels the run.
    mutating func handleLogKey(_ key: Key, action: String, scroll: Int?) -> [Effect] {
        let lines = logText.split(separator: "\n", omittingEmptySubsequences: false).count
        let page = max(1, size.height - 4)
        let top = scroll ?? max(0, lines - page)
        switch key {
        case .escape, .char("q"), .enter:
            mode = .normal
            return [.cancel(.logTail)]
        case .ctrl("c"): return cancelRun()
        case .char("j"), .down: mode = .log(action: action, scroll: min(top + 1, max(0, lines - 1)))
        case .char("k"), .up: mode = .log(action: action, scroll: max(0, top - 1))
        case .pageDown, .char(" "), .ctrl("d"): mode = .log(action: action, scroll: min(top + page, max(0, lines - 1)))
        case .pageUp, .ctrl("u"): mode = .log(action: action, scroll: max(0, top - page))
        case .char("g"), .home: mode = .log(action: action, scroll: 0)
        case .char("G"), .end: mode = .log(action: action, scroll: nil)
        default: break
        }
        return []
    }
}

extension AppState {
    /// Whether the log view is open.
    var isLogMode: Bool { if case .log = mode { true } else { false } }
}

extension RunState {
    /// One line about the run for the status bar.
    func summary(_ g: Glyphs) -> String {
        let n = actions.count
        let done = count(.done), failed = count(.failed), running = count(.running)
        let time = seconds.map { " in " + Self.seconds($0) } ?? ""
        if let id = invocationID { return "invocation \(id): " + remoteSummary(g, done: done, failed: failed, running: running) }
        switch phase {
        case .starting: return "run: starting faasr local…"
        case .running: return "run: \(done)/\(n) done · \(running) running\(failed > 0 ? " · \(failed) failed" : "") · Esc cancels"
        case .cancelling: return "run: cancelling…"
        case .cancelled: return "run cancelled (\(done)/\(n) done)"
        case .finished(true): return "\(g.check) run finished: \(done)/\(n) done\(time)"
        case .finished(false): return "\(g.cross) run failed: \(failed) failed, \(done)/\(n) done\(time) · L shows a log"
        case .failed(let why): return "\(g.cross) run could not finish: \(why)"
        }
    }

    /// `1.23s`.
    static func seconds(_ s: Double) -> String {
        let cs = Int((s * 100).rounded())
        return "\(cs / 100).\(cs % 100 < 10 ? "0" : "")\(cs % 100)s"
    }
}
