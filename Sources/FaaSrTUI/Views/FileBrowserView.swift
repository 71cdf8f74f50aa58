import TUIKit

/// The `:e` file browser modal: folder, filter, listing.
enum FileBrowserView {
    static func draw(_ b: FileBrowser, s: AppState, into c: inout Canvas) -> (x: Int, y: Int)? {
        let shown = b.shown
        let inner = Modal.draw(title: "Open: " + b.directory, width: min(c.width - 4, 70),
                               height: min(c.height - 2, max(7, shown.count + 4)), into: &c, glyphs: s.glyphs)
        c.put("/", x: inner.x, y: inner.y, role: .key)
        let cursor = b.filter.draw(into: &c, at: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 1))
        let listRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        if let e = b.error {
            c.put(s.glyphs.cross + " " + e, x: inner.x + 1, y: listRect.y, role: .error, maxWidth: inner.width - 1)
        } else {
            let rows = shown.map { ListView.Row($0.isDirectory ? $0.name + "/" : $0.name, role: $0.isDirectory ? .accent : .normal) }
            ListView.draw(rows, selected: b.selected, focused: true, into: &c, at: listRect,
                          empty: b.isLoading ? "listing…" : "(no folders or .json files match)")
        }
        c.put("type to filter · ↑↓ move · Enter open · BSpace up · Esc cancel", x: inner.x + 1, y: inner.maxY - 1, role: .dim, maxWidth: inner.width - 1)
        return cursor
    }
}
