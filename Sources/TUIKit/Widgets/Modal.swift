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

    /// Draws a yes/no confirmation: the question, a list of consequences and `y/N` hints.
    /// The default is No.
    public static func drawConfirm(title: String, message: String, details: [String], into canvas: inout Canvas,
                                   glyphs: Glyphs) {
        let shown = Array(details.prefix(max(0, canvas.height - 10)))
        let width = min(canvas.width - 4, max(40, DisplayWidth.of(message) + 4,
                                              (shown.map { DisplayWidth.of($0) }.max() ?? 0) + 6))
        let inner = draw(title: title, width: width, height: 5 + shown.count + (shown.isEmpty ? 0 : 1),
                         into: &canvas, glyphs: glyphs)
        canvas.put(message, x: inner.x + 1, y: inner.y, role: .normal, maxWidth: inner.width - 2)
        for (i, d) in shown.enumerated() {
            canvas.put("\(glyphs.bullet) " + d, x: inner.x + 2, y: inner.y + 2 + i, role: .warning, maxWidth: inner.width - 3)
        }
        if details.count > shown.count {
            canvas.put("… and \(details.count - shown.count) more", x: inner.x + 2, y: inner.y + 2 + shown.count, role: .dim)
        }
        let hint = "y yes   n/Esc no (default)"
        canvas.put(hint, x: inner.x + 1, y: inner.maxY - 1, role: .key, maxWidth: inner.width - 2)
    }
}
