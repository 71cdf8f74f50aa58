/// A scrolling list with one selected row.
public struct ListView: Equatable, Sendable {
    /// One row: its text, an optional right-aligned detail and a role.
    public struct Row: Equatable, Sendable {
        /// Main text.
        public var text: String
        /// Right-aligned detail (dimmed).
        public var detail: String
        /// Role of the main text.
        public var role: StyleRole
        /// Creates a row.
        public init(_ text: String, detail: String = "", role: StyleRole = .normal) {
            self.text = text
            self.detail = detail
            self.role = role
        }
    }

    /// Draws `rows` into `rect` with `selected` highlighted (when `focused`, in the selection
    /// role; otherwise underlined by the dim role), scrolled so the selection is visible.
    public static func draw(_ rows: [Row], selected: Int?, focused: Bool, into canvas: inout Canvas, at rect: Rect,
                            empty: String = "(empty)") {
        draw(count: rows.count, row: { rows[$0] }, selected: selected, focused: focused, into: &canvas, at: rect, empty: empty)
    }

    /// Draws a list of `count` rows like ``draw(_:selected:focused:into:at:empty:)``, making
    /// only the rows that are visible with `row` (long lists cost what the screen shows).
    public static func draw(count: Int, row makeRow: (Int) -> Row, selected: Int?, focused: Bool, into canvas: inout Canvas,
                            at rect: Rect, empty: String = "(empty)") {
        guard !rect.isEmpty else { return }
        if count == 0 {
            canvas.put(empty, x: rect.x + 1, y: rect.y, role: .dim, maxWidth: rect.width - 1)
            return
        }
        let sel = selected.map { min(max(0, $0), count - 1) }
        let top = sel.map { max(0, min($0 - rect.height / 2, count - rect.height)) } ?? 0
        for i in 0..<min(rect.height, count - top) {
            let row = makeRow(top + i)
            let y = rect.y + i
            let isSel = sel == top + i
            let detailWidth = min(DisplayWidth.of(row.detail), max(0, rect.width / 2))
            let textWidth = rect.width - 1 - (detailWidth > 0 ? detailWidth + 1 : 0)
            canvas.put(DisplayWidth.truncate(row.text, to: textWidth), x: rect.x + 1, y: y, role: row.role)
            if detailWidth > 0 {
                canvas.put(DisplayWidth.truncate(row.detail, to: detailWidth), x: rect.maxX - detailWidth, y: y, role: .dim)
            }
            if isSel {
                canvas.put(focused ? "▸" : " ", x: rect.x, y: y, role: .accent)
                if focused { canvas.restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selected) }
            }
        }
        if top > 0 { canvas.put("↑", x: rect.maxX - 1, y: rect.y, role: .dim) }
        if top + rect.height < count { canvas.put("↓", x: rect.maxX - 1, y: rect.maxY - 1, role: .dim) }
    }
}
