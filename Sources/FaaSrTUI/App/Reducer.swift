import FaaSrCore
import TUIKit

/// The designer's only state transition: pure, no I/O, no clock. Returns the effects to run.
public func reduce(_ s: inout AppState, _ event: AppEvent) -> [Effect] {
    switch event {
    case .resize(let size):
        s.size = size
        return []
    case .mouse(let m):
        return s.handleMouse(m)
    case .saved(let path, let error):
        if let error {
            s.toast = "\(s.glyphs.cross) save failed: \(error) (nothing was lost)"
            return []
        }
        let wasNew = s.filePath != path
        let oldRecovery = s.recoveryPath
        s.filePath = path
        s.savedDoc = s.doc
        s.toast = "\(s.glyphs.check) saved \(path)"
        var fx: [Effect] = [.removeRecovery(path: AppState.recoveryPath(for: path))]
        if wasNew, let oldRecovery { fx.append(.removeRecovery(path: oldRecovery)) }
        if s.isQuitting { fx.append(.quit) }
        return fx
    case .exported(let paths, let error):
        s.toast = error.map { "\(s.glyphs.cross) export failed: \($0)" } ?? "\(s.glyphs.check) exported \(paths.joined(separator: ", "))"
        return []
    case .opened(let path, let text, let error):
        guard let text, error == nil else {
            s.toast = "\(s.glyphs.cross) cannot open \(path): \(error ?? "unreadable")"
            return []
        }
        // Opening over unsaved edits was confirmed (see `openFile`): their recovery file goes.
        let dropped = s.isDirty ? s.recoveryPath : nil
        do {
            s = try DesignerFiles.state(text: text, path: path, size: s.size, glyphs: s.glyphs)
            if s.toast == nil { s.toast = "opened \(path)" }
        } catch {
            s.toast = "\(s.glyphs.cross) \(path): \(error)"
            return []
        }
        // Unsaved edits of an earlier session on this file are offered as at start-up.
        let check: [Effect] = s.recoveryPath.map { [.readRecovery(path: $0)] } ?? []
        // (Effects run in order: reopening the same file removes its discarded edits first.)
        return (dropped.map { [.removeRecovery(path: $0)] } ?? []) + check
    case .recovery(let path, let text):
        if let text, path == s.recoveryPath, text != s.doc.text, s.mode == .normal {
            s.mode = .confirm(title: "Recover", message: "Unsaved edits from a session that did not end cleanly were found.",
                              details: ["recovery file: \(path)", "y restores them (then save with C-s); n discards them"],
                              purpose: .recover(text: text, recoveryPath: path))
        }
        return []
    case .listed(let path, let entries, let error):
        s.listed(path: path, entries: entries, error: error)
        return []
    case .key(let key):
        s.toast = nil
        return s.handleKey(key)
    }
}

extension AppState {
    mutating func handleKey(_ key: Key) -> [Effect] {
        if inlineEdit != nil { return handleInlineEdit(key) }
        switch mode {
        case .normal: break
        case .help:
            mode = .normal
            return []
        case .preview(let scroll):
            handlePreviewKey(key, scroll: scroll)
            return []
        case .palette, .filter, .prompt, .picker, .confirm:
            return handleModalKey(key)
        case .browser(let b):
            return handleBrowserKey(key, b)
        }
        guard let command = DesignerKeymap.keymap.command(for: key, in: focus) else { return [] }
        return run(command)
    }

    /// Records the state before an edit, applies it, and re-validates; one undo step.
    mutating func edit(_ label: String, _ body: (inout DesignDocument) throws -> Void) -> [Effect] {
        var next = doc
        do {
            try body(&next)
        } catch {
            toast = "\(glyphs.cross) \(error)"
            return []
        }
        guard next != doc else { return [] }
        history.past.append(.init(doc: doc, label: label))
        if history.past.count > history.limit { history.past.removeFirst() }
        history.future.removeAll()
        doc = next
        revalidate()
        toast = label
        return autosave()
    }

    mutating func revalidate() {
        // Undo and redo can change an edge's branch: keep the graph's edge to the same target.
        if let e = graphEdge, e.index(in: doc) == nil {
            graphEdge = doc.edges(of: e.from).first { $0.target == e.target }.map { EdgeSelection(from: e.from, $0) }
        }
        problems = WorkflowCheck.problems(in: doc) + migrationTodos
        problemIndex = min(problemIndex, max(0, problems.count - 1))
        let rows = formRows.count
        fieldIndex = min(fieldIndex, max(0, rows - 1))
        for sec in Section.allCases {
            let n = names(in: sec).count
            selection[sec] = min(selection[sec] ?? 0, max(0, n - 1))
        }
    }

    func autosave() -> [Effect] {
        guard let r = recoveryPath else { return [] }
        return isDirty ? [.writeRecovery(path: r, text: doc.text)] : [.removeRecovery(path: r)]
    }

    mutating func undo() -> [Effect] {
        guard let last = history.past.popLast() else { toast = "nothing to undo"; return [] }
        history.future.append(.init(doc: doc, label: last.label))
        doc = last.doc
        revalidate()
        toast = "undid: \(last.label)"
        return autosave()
    }

    mutating func redo() -> [Effect] {
        guard let next = history.future.popLast() else { toast = "nothing to redo"; return [] }
        history.past.append(.init(doc: doc, label: next.label))
        doc = next.doc
        revalidate()
        toast = "redid: \(next.label)"
        return autosave()
    }

    mutating func handleMouse(_ m: MouseEvent) -> [Effect] {
        guard mode == .normal, inlineEdit == nil else { return [] }
        let layout = ScreenLayout(size: size)
        if case .wheelUp = m.kind { return run(.up) }
        if case .wheelDown = m.kind { return run(.down) }
        if layout.list.contains(x: m.x, y: m.y) {
            focus = .list
            let row = m.y - layout.list.y - 2
            if row >= 0, row < names(in: section).count { selection[section] = row }
        } else if layout.dag.contains(x: m.x, y: m.y) {
            focus = .dag
        } else if layout.details.contains(x: m.x, y: m.y) {
            focus = .details
            let row = m.y - layout.details.y - 1
            if row >= 0, row < formRows.count { fieldIndex = row }
        } else if layout.problems.contains(x: m.x, y: m.y) {
            focus = .problems
            let row = m.y - layout.problems.y - 1
            if row >= 0, row < problems.count { problemIndex = row }
        }
        return []
    }
}
