import TUIKit

/// The bottom line: file, dirty marker, validation summary, mode and key hints.
enum StatusBarView {
    static func draw(_ s: AppState, into c: inout Canvas, at r: Rect) {
        c.fill(r, role: .statusBar)
        let file = s.filePath.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "[new]"
        let errors = s.problems.filter { $0.severity == .error }.count
        let warnings = s.problems.count - errors
        let summary = errors == 0 && warnings == 0 ? "\(s.glyphs.check) valid"
            : errors == 0 ? "\(s.glyphs.check) \(warnings) warning(s)"
            : "\(s.glyphs.cross) \(errors) error(s) · \(warnings) warning(s)"
        let mode: String
        switch s.mode {
        case .normal: mode = s.inlineEdit == nil ? "NORMAL" : "EDIT"
        case .palette: mode = "COMMAND"
        case .filter: mode = "FILTER"
        case .help: mode = "HELP"
        case .preview: mode = "PREVIEW"
        case .browser: mode = "OPEN"
        case .log: mode = "LOG"
        default: mode = "DIALOG"
        }
        var x = r.x + 1
        x += c.put(mode + "  ", x: x, y: r.y, role: .statusBar)
        x += c.put(DisplayWidth.truncate(file, to: 28) + (s.isDirty ? " " + s.glyphs.dirty : ""), x: x, y: r.y, role: .statusBar)
        x += c.put("  " + summary, x: x, y: r.y, role: .statusBar)
        // A run in flight shows its progress in the hints' place, a toast after it.
        if let run = s.run, run.isActive, s.mode == .normal || s.isLogMode {
            let text = run.summary(s.glyphs) + (s.toast.map { "  │ " + $0 } ?? "")
            let room = max(0, r.maxX - x - 3)
            let shown = DisplayWidth.truncate(text, to: room)
            let hx = max(x + 2, r.maxX - DisplayWidth.of(shown) - 1)
            c.put(shown, x: hx, y: r.y, role: .statusBar, maxWidth: r.maxX - hx)
            return
        }
        // A toast takes the hints' place, right-aligned, so it never covers a pane's border.
        if let t = s.toast, s.mode == .normal {
            let room = r.maxX - x - 3
            let text = " " + DisplayWidth.truncate(t, to: max(0, room - 2)) + " "
            let tx = max(x + 2, r.maxX - DisplayWidth.of(text) - 1)
            c.put(text, x: tx, y: r.y, role: .toast, maxWidth: r.maxX - tx)
            return
        }
        let hints = s.inlineEdit != nil ? ["Enter apply", "Esc cancel"] : DesignerKeymap.keymap.hints(in: s.focus)
        let text = hints.joined(separator: "  ")
        let hx = max(x + 2, r.maxX - DisplayWidth.of(text) - 1)
        c.put(text, x: hx, y: r.y, role: .statusBar, maxWidth: r.maxX - hx)
    }
}
