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
        var fx = s.removingRecovery(AppState.recoveryPath(for: path), wasNew ? oldRecovery : nil)
        if s.isQuitting { fx.append(.quit) }
        return fx
    case .exportChecked(let plan, let existing):
        return s.exportChecked(plan, existing: existing)
    case .exported(let paths, let error):
        s.toast = error.map { "\(s.glyphs.cross) export failed: \($0)" } ?? "\(s.glyphs.check) exported \(paths.joined(separator: ", "))"
        return []
    case .opened(let path, let text, let error):
        guard let text, error == nil else {
            s.toast = "\(s.glyphs.cross) cannot open \(path): \(error ?? "unreadable")"
            return []
        }
        // Opening over unsaved edits was confirmed (see `openFile`): their recovery file goes.
        let dropped = s.isDirty && s.recoveryPath != s.keptRecovery ? s.recoveryPath : nil
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
        return s.removingRecovery(dropped) + check
    case .recovery(let path, let text):
        let asked = s.toast == AppState.lookingForRecovery(path)
        if let text { s.offerRecovery(text: text, path: path) }
        if asked, s.mode == .normal {
            s.toast = text == nil ? "no recovery file at \(path)" : "the recovery file holds the workflow as it is: nothing to restore"
        }
        return []
    case .run(let e):
        return s.runEvent(e)
    case .control(let step, let outcome):
        return s.controlEnded(step, outcome)
    case .monitor(let e):
        return s.monitorEvent(e)
    case .logText(let action, let text):
        if case .log(action, _) = s.mode { s.logText = text }
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
        case .help(let scroll):
            switch key {
            case .char("j"), .down: mode = .help(scroll: scroll + 1)
            case .char("k"), .up: mode = .help(scroll: max(0, scroll - 1))
            case .pageDown, .char(" "): mode = .help(scroll: scroll + size.height / 2)
            case .pageUp: mode = .help(scroll: max(0, scroll - size.height / 2))
            default: mode = .normal
            }
            return []
        case .preview(let scroll):
            handlePreviewKey(key, scroll: scroll)
            return []
        case .palette, .filter, .prompt, .picker, .confirm:
            return handleModalKey(key)
        case .browser(let b):
            return handleBrowserKey(key, b)
        case .log(let action, let scroll):
            return handleLogKey(key, action: action, scroll: scroll)
        case .messages(let scroll):
            return handleMessagesKey(key, scroll: scroll)
        }
        if controlInFlight != nil, key == .escape || key == .ctrl("c") { return cancelControl() }
        if run?.isActive == true, key == .escape || key == .ctrl("c") { return cancelRun() }
        guard let command = DesignerKeymap.keymap.command(for: key, in: focus) else { return [] }
        return run(command)
    }
}
