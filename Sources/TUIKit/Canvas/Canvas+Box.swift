/// The characters used for boxes, lines and a few status symbols.
///
/// ``unicode`` uses box-drawing characters; ``ascii`` is the fallback when the locale is not
/// UTF-8 (`+ - |`).
public struct Glyphs: Equatable, Sendable {
    /// Corners: top-left, top-right, bottom-left, bottom-right.
    public var topLeft, topRight, bottomLeft, bottomRight: String
    /// Straight lines.
    public var horizontal, vertical: String
    /// Heavier lines for the focused pane.
    public var heavyHorizontal, heavyVertical: String
    /// Heavy corners for the focused pane.
    public var heavyTopLeft, heavyTopRight, heavyBottomLeft, heavyBottomRight: String
    /// Status symbols.
    public var check, cross, bullet, warning, arrowRight, arrowDown, entry, ellipsis, dirty: String
    /// Whether this is the ASCII-only set.
    public var isASCII: Bool

    /// Box-drawing glyphs for UTF-8 terminals.
    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        heavyHorizontal: "━", heavyVertical: "┃",
        heavyTopLeft: "┏", heavyTopRight: "┓", heavyBottomLeft: "┗", heavyBottomRight: "┛",
        check: "✓", cross: "✗", bullet: "●", warning: "!", arrowRight: "→", arrowDown: "▼", entry: "▶",
        ellipsis: "…", dirty: "●", isASCII: false)

    /// Plain ASCII glyphs for terminals without UTF-8.
    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        heavyHorizontal: "=", heavyVertical: "#",
        heavyTopLeft: "#", heavyTopRight: "#", heavyBottomLeft: "#", heavyBottomRight: "#",
        check: "ok", cross: "x", bullet: "*", warning: "!", arrowRight: "->", arrowDown: "v", entry: ">",
        ellipsis: "~", dirty: "*", isASCII: true)
}

extension Canvas {
    /// Draws a box border around `rect`, with an optional title on its top edge.
    ///
    /// A `heavy` box (the focused pane) uses heavy lines; in ASCII the corners become `#`.
    public mutating func box(
        _ rect: Rect, role: StyleRole = .border, title: String? = nil, titleRole: StyleRole = .title,
        heavy: Bool = false, glyphs: Glyphs = .unicode
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let h = heavy ? glyphs.heavyHorizontal : glyphs.horizontal
        let v = heavy ? glyphs.heavyVertical : glyphs.vertical
        let (tl, tr, bl, br) = heavy
            ? (glyphs.heavyTopLeft, glyphs.heavyTopRight, glyphs.heavyBottomLeft, glyphs.heavyBottomRight)
            : (glyphs.topLeft, glyphs.topRight, glyphs.bottomLeft, glyphs.bottomRight)
        for x in rect.x + 1..<rect.maxX - 1 {
            put(h, x: x, y: rect.y, role: role)
            put(h, x: x, y: rect.maxY - 1, role: role)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            put(v, x: rect.x, y: y, role: role)
            put(v, x: rect.maxX - 1, y: y, role: role)
        }
        put(tl, x: rect.x, y: rect.y, role: role)
        put(tr, x: rect.maxX - 1, y: rect.y, role: role)
        put(bl, x: rect.x, y: rect.maxY - 1, role: role)
        put(br, x: rect.maxX - 1, y: rect.maxY - 1, role: role)
        if let title, rect.width > 4 {
            put(" " + title + " ", x: rect.x + 1, y: rect.y, role: titleRole, maxWidth: rect.width - 2)
        }
    }

    /// Draws a horizontal line of `length` cells.
    public mutating func hline(x: Int, y: Int, length: Int, role: StyleRole = .border, glyphs: Glyphs = .unicode) {
        for i in 0..<max(0, length) { put(glyphs.horizontal, x: x + i, y: y, role: role) }
    }

    /// Draws a vertical line of `length` cells.
    public mutating func vline(x: Int, y: Int, length: Int, role: StyleRole = .border, glyphs: Glyphs = .unicode) {
        for i in 0..<max(0, length) { put(glyphs.vertical, x: x, y: y + i, role: role) }
    }
}
