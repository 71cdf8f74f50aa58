import FaaSrCore
import TUIKit

/// The form of the selected item; returns the text cursor while a field is edited.
enum DetailsPaneView {
    static func draw(_ s: AppState, into c: inout Canvas, at r: Rect) -> (x: Int, y: Int)? {
        let title: String
        switch s.section {
        case .actions: title = "Action " + (s.selectedAction ?? "")
        case .servers: title = "Server " + (s.selectedName ?? "")
        case .stores: title = "Store " + (s.selectedName ?? "")
        case .settings: title = s.selectedName == SettingsForm.workflow ? "Workflow settings" : s.selectedName ?? ""
        }
        let inner = PaneFrame.draw(title, number: "", focused: s.focus == .details, s: s, into: &c, at: r)
        let rows = s.formRows
        guard !rows.isEmpty else {
            c.put("nothing selected", x: inner.x + 1, y: inner.y, role: .dim)
            return nil
        }
        let labelW = min(20, max(12, inner.width * 2 / 5))
        let top = max(0, min(s.fieldIndex - inner.height / 2, rows.count - inner.height))
        var cursor: (x: Int, y: Int)?
        for (i, row) in rows.enumerated().dropFirst(top).prefix(inner.height) {
            let y = inner.y + i - top
            let sel = i == s.fieldIndex && s.focus == .details
            c.put((row.required ? "*" : " ") + DisplayWidth.truncate(row.label, to: labelW - 1), x: inner.x, y: y, role: row.required ? .accent : .dim)
            let vx = inner.x + labelW + 1
            if sel, var field = s.inlineEdit {
                if case .value(_, .secret) = row.target {
                    // Credentials are drawn masked while typed.
                    let cur = field.cursor
                    field = TextField(String(repeating: "•", count: field.text.count))
                    field.cursor = cur
                }
                cursor = field.draw(into: &c, at: Rect(x: vx, y: y, width: inner.maxX - vx, height: 1))
            } else {
                c.put(DisplayWidth.truncate(row.value, to: inner.maxX - vx), x: vx, y: y, role: row.role)
                if sel { c.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selected) }
            }
        }
        return cursor
    }
}
