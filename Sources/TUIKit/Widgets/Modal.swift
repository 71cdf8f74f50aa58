/// Centred dialog boxes drawn over the screen.
public enum Modal {
    /// The rectangle of a `width` × `height` dialog centred in `bounds`.
    public static func frame(width: Int, height: Int, in bounds: Rect) -> Rect {
        let w = min(width, bounds.width), h = min(height, bounds.height)
        return Rect(x: bounds.x + (bounds.width - w) / 2, y: bounds.y + (bounds.height - h) / 2, width: w, height: h)
    }

    /// Draws an empty dialog (cleared, bordered, titled) and returns its inner rectangle.
    @discardableResult
    public static func draw(title: String, width: Int, height: Int, into canvas: inout Canvas, glyphs: Glyphs) -> Rect {
        let r = frame(width: width, height: height, in: canvas.bounds)
        canvas.fill(r)
        canvas.box(r, role: .focusBorder, title: title, heavy: false, glyphs: glyphs)
        return r.inset(by: 1)
    }

    /// Draws a yes/no confirmation: the question, a list of consequences and the key hint
    /// (by default `y` yes, `n`/`Esc` no, the default). Long lines wrap; nothing is cut.
    public static func drawConfirm(title: String, message: String, details: [String], into canvas: inout Canvas,
                                   glyphs: Glyphs, hint: String = "y yes   n/Esc no (default)") {
        let width = min(canvas.width - 4, max(40, DisplayWidth.of(message) + 4, DisplayWidth.of(hint) + 4,
                                              (details.map { DisplayWidth.of($0) }.max() ?? 0) + 6))
        let messageLines = DisplayWidth.wrap(message, to: width - 4)
        let detailLines = details.map { DisplayWidth.wrap($0, to: width - 7) }
        let room = max(0, canvas.height - 6 - messageLines.count)
        var shown: [[String]] = []
        var used = 0
        for d in detailLines where used + d.count <= room - (detailLines.count > shown.count + 1 ? 1 : 0) {
            shown.append(d)
            used += d.count
        }
        let hidden = details.count - shown.count
        let inner = draw(title: title, width: width,
                         height: 4 + messageLines.count + used + (shown.isEmpty ? 0 : 1) + (hidden > 0 ? 1 : 0),
                         into: &canvas, glyphs: glyphs)
        for (i, l) in messageLines.enumerated() { canvas.put(l, x: inner.x + 1, y: inner.y + i, role: .normal, maxWidth: inner.width - 2) }
        var y = inner.y + messageLines.count + 1
        for d in shown {
            for (i, l) in d.enumerated() {
                canvas.put((i == 0 ? glyphs.bullet + " " : "  ") + l, x: inner.x + 2, y: y, role: .warning, maxWidth: inner.width - 3)
                y += 1
            }
        }
        if hidden > 0 {
            canvas.put("\(glyphs.ellipsis) and \(hidden) more", x: inner.x + 2, y: y, role: .dim)
        }
        canvas.put(hint, x: inner.x + 1, y: inner.maxY - 1, role: .key, maxWidth: inner.width - 2)
    }
}
