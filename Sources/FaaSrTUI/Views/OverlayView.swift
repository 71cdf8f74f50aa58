import FaaSrCore
import TUIKit

/// Modals and overlays drawn over the panes (toasts go in the status bar).
enum OverlayView {
    static func draw(_ s: AppState, into c: inout Canvas) -> (x: Int, y: Int)? {
        switch s.mode {
        case .normal: return nil
        case .help(let scroll):
            let width = min(c.width - 2, 110)
            let columns = width >= 90 ? 2 : 1
            let colW = (width - 2) / columns
            let lines = DesignerKeymap.keymap.helpLines(in: s.focus, width: colW - 2, ascii: s.glyphs.isASCII)
            let maxRows = max(1, c.height - 3)
            let rowsPerColumn = min(maxRows, (lines.count + columns - 1) / columns)
            let pageLines = rowsPerColumn * columns
            let top = min(scroll, max(0, lines.count - pageLines))
            let more = lines.count > pageLines ? " (j/k scroll, \(top + 1)-\(min(lines.count, top + pageLines))/\(lines.count))" : ""
            let inner = Modal.draw(title: "Keys (\(paneName(s.focus))) \(s.glyphs.isASCII ? "-" : "—") any key closes" + more, width: width,
                                   height: rowsPerColumn + 2, into: &c, glyphs: s.glyphs)
            for (i, l) in lines.dropFirst(top).prefix(pageLines).enumerated() {
                let col = i / rowsPerColumn, row = i % rowsPerColumn
                c.put(l, x: inner.x + 1 + col * colW, y: inner.y + row, role: l.hasPrefix("palette") ? .title : .normal, maxWidth: colW - 1)
            }
            return nil
        case .palette(let field, let sel):
            let list = AppState.paletteSuggestions(field.text)
            let width = min(c.width - 4, 76)
            let inner = Modal.draw(title: "Command (\(list.count); \(s.glyphs.isASCII ? "Up/Down" : "↑/↓") choose, Enter runs, Esc closes)", width: width,
                                   height: min(c.height - 4, 14), into: &c, glyphs: s.glyphs)
            c.put(":", x: inner.x, y: inner.y, role: .key)
            let cur = field.draw(into: &c, at: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: 1))
            let nameW = 20
            // The highlighted command's description in full, wrapped, under the list.
            let full = list[safe: sel].map { e in
                DisplayWidth.wrap(":" + e.name + (e.argument.map { " [\($0)]" } ?? "") + "  " + e.help, to: inner.width - 2)
            } ?? []
            let detail = Array(full.prefix(3))
            ListView.draw(count: list.count, row: { i in
                let e = list[i]
                let name = e.name + (e.argument.map { " [\($0)]" } ?? "")
                return ListView.Row(DisplayWidth.pad(name, to: nameW) + " " + e.help)
            }, selected: sel, focused: true, into: &c,
                          at: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2 - detail.count),
                          empty: "(no command matches: Enter shows why)")
            for (i, l) in detail.enumerated() {
                c.put(l, x: inner.x + 1, y: inner.maxY - detail.count + i, role: .dim, maxWidth: inner.width - 2)
            }
            return cur
        case .filter(let field):
            let r = Rect(x: 0, y: c.height - 1, width: c.width, height: 1)
            c.fill(r, role: .input)
            c.put("/", x: 0, y: r.y, role: .key)
            return field.draw(into: &c, at: Rect(x: 1, y: r.y, width: c.width - 1, height: 1))
        case .prompt(let title, var field, let purpose):
            let inner = Modal.draw(title: title, width: purpose == .timerCron ? 72 : 56, height: 4, into: &c, glyphs: s.glyphs)
            if purpose == .timerCron {
                // The schedule in words while it is typed, or what is wrong with it.
                switch CronText.describe(field.text) {
                case .success(let words): c.put("runs \(words) · Enter sets", x: inner.x + 1, y: inner.y + 1, role: .ok, maxWidth: inner.width - 2)
                case .failure(let p): c.put(p.description, x: inner.x + 1, y: inner.y + 1, role: .error, maxWidth: inner.width - 2)
                }
            } else {
                c.put("Enter ok   Esc cancel", x: inner.x + 1, y: inner.y + 1, role: .dim)
            }
            // A secret typed for `:secrets set` is drawn as dots only.
            if case .secretValue = purpose {
                let cursor = field.cursor
                field = TextField(String(repeating: "•", count: field.text.count))
                field.cursor = cursor
            }
            // `Token=…` typed into a server's "+ field" is a credential: mask what follows `=`.
            if case .addField(let parent) = purpose, let eq = field.text.firstIndex(of: "="),
               SecretMask.isCredential(parent.appending(String(field.text[..<eq]).trimmingCharacters(in: " "))) {
                let cursor = field.cursor
                let head = field.text[...eq]
                field = TextField(head + String(repeating: "•", count: field.text.distance(from: eq, to: field.text.endIndex) - 1))
                field.cursor = cursor
            }
            return field.draw(into: &c, at: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 1))
        case .picker(let title, let options, let sel, let query, let purpose):
            let shown = FuzzyMatch.rank(query.text, options)
            // Invocation lines (id, time, where from) are drawn whole when they fit.
            let width = purpose == .pickInvocation ? min(c.width - 4, max(48, (options.map(\.count).max() ?? 0) + 6)) : 48
            let inner = Modal.draw(title: title, width: width, height: min(c.height - 4, max(4, shown.count + 3)), into: &c, glyphs: s.glyphs)
            let cur = query.draw(into: &c, at: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 1))
            ListView.draw(shown.map { ListView.Row($0) }, selected: sel, focused: true, into: &c,
                          at: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1), empty: "(no match)")
            return cur
        case .confirm(let title, let message, let details, let purpose):
            let hint: String
            switch purpose {
            case .recover: hint = "y restore   n delete the recovery file   Esc keep it for later"
            case .export(let plan): hint = AppState.exportHint(plan)
            default: hint = "y yes   n/Esc no (default)"
            }
            Modal.drawConfirm(title: title, message: message, details: details, into: &c, glyphs: s.glyphs, hint: hint)
            return nil
        case .preview(let scroll):
            let lines = s.previewLines
            let inner = Modal.draw(title: "Pending save: \(s.filePath ?? "[new]") (+ added, - removed; j k scroll, n next change, Esc closes)", width: c.width - 4, height: c.height - 2, into: &c, glyphs: s.glyphs)
            for (i, l) in lines.dropFirst(min(scroll, max(0, lines.count - 1))).prefix(inner.height).enumerated() {
                let role: StyleRole = l.hasPrefix("+") ? .ok : l.hasPrefix("-") ? .error : .normal
                c.put(l, x: inner.x, y: inner.y + i, role: role, maxWidth: inner.width)
            }
            return nil
        case .browser(let b):
            return FileBrowserView.draw(b, s: s, into: &c)
        case .log(let action, let scroll):
            RunView.drawLog(s, action: action, scroll: scroll, into: &c)
            return nil
        case .messages(let scroll):
            RunView.drawMessages(s, scroll: scroll, into: &c)
            return nil
        }
    }

    static func paneName(_ p: Pane) -> String {
        switch p {
        case .list: "list"
        case .dag: "graph"
        case .details: "form"
        case .problems: "problems"
        }
    }
}
