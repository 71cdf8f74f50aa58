/// A width × height grid of ``Cell``s that views draw into and backends present.
///
/// Drawing clips to the canvas (and to an optional clip rectangle); wide graphemes take a lead
/// cell plus a continuation cell, and overwriting either half of a wide grapheme blanks the
/// other half, so the grid never holds half a character.
///
/// ```swift
/// var c = Canvas(width: 10, height: 1)
/// c.put("中a", x: 0, y: 0)
/// c.plainText()   // "中a"
/// ```
public struct Canvas: Equatable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells in row-major order (`y * width + x`).
    public internal(set) var cells: [Cell]
    /// Drawing outside this rectangle is ignored; defaults to the whole canvas.
    public var clip: Rect

    /// A canvas filled with blank cells of the given role.
    public init(width: Int, height: Int, role: StyleRole = .normal) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(role), count: self.width * self.height)
        self.clip = Rect(x: 0, y: 0, width: self.width, height: self.height)
    }

    /// A canvas of the given size.
    public init(size: Size, role: StyleRole = .normal) {
        self.init(width: size.width, height: size.height, role: role)
    }

    /// The canvas size.
    public var size: Size { Size(width: width, height: height) }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y` (a blank cell outside the canvas).
    public subscript(x x: Int, y y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank() }
        return cells[y * width + x]
    }

    private func writable(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height && clip.contains(x: x, y: y)
    }

    /// Replaces the cell at (`x`, `y`), repairing any wide grapheme it cuts in half.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard writable(x, y) else { return }
        breakWide(x: x, y: y)
        cells[y * width + x] = cell
    }

    /// Blanks the other half of a wide grapheme that covers (`x`, `y`).
    private mutating func breakWide(x: Int, y: Int) {
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, x > 0 {
            cells[i - 1] = .blank(cells[i - 1].role)
        } else if old.width == 2, x + 1 < width {
            cells[i + 1] = .blank(cells[i + 1].role)
        }
    }

    /// Writes `text` starting at (`x`, `y`) on one row, clipped to `maxWidth` columns and to the
    /// canvas; returns the columns the text advanced (at most `maxWidth`).
    ///
    /// Control characters become spaces; a wide grapheme that would straddle the clip edge is
    /// replaced by a space; a combining mark with nothing before it is dropped.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth.map { x + max(0, $0) } ?? Int.max
        var col = x
        for ch in text {
            var g = String(ch)
            var w = DisplayWidth.of(ch)
            if w == 0 {
                if ch.unicodeScalars.first.map({ $0.value < 0x20 || $0.value == 0x7F }) == true {
                    g = " "; w = 1
                } else {
                    // A stray combining mark: attach to the previous cell written by this call.
                    if col > x, writable(col - 1, y) {
                        var lead = col - 1
                        if self[x: lead, y: y].isContinuation { lead -= 1 }
                        if lead >= x { cells[y * width + lead].grapheme += g }
                    }
                    continue
                }
            }
            if col + w > limit { break }
            if w == 2 {
                if writable(col, y) && !writable(col + 1, y) {
                    set(.blank(role), x: col, y: y)
                } else if writable(col, y) {
                    set(Cell(g, width: 2, role: role), x: col, y: y)
                    breakWide(x: col + 1, y: y)
                    cells[y * width + col + 1] = .continuation(role)
                } else if writable(col + 1, y) {
                    set(.blank(role), x: col + 1, y: y)
                }
            } else {
                set(Cell(g, width: 1, role: role), x: col, y: y)
            }
            col += w
            if col >= limit { break }
        }
        return col - x
    }

    /// Fills `rect` with `character` in `role`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", role: StyleRole = .normal) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let s = String(character)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { set(Cell(s, width: 1, role: role), x: x, y: y) }
        }
    }

    /// Changes the role of every cell in `rect`, keeping the text (used for selection bars).
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        let r = rect.intersection(bounds).intersection(clip)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].role = role }
        }
    }

    /// Copies `other` onto this canvas with its top-left corner at (`x`, `y`).
    public mutating func draw(_ other: Canvas, x: Int, y: Int) {
        for oy in 0..<other.height {
            for ox in 0..<other.width {
                let c = other[x: ox, y: oy]
                let tx = x + ox, ty = y + oy
                if c.isContinuation {
                    if writable(tx, ty), tx > 0, self[x: tx - 1, y: ty].width == 2 { cells[ty * width + tx] = c }
                    continue
                }
                if c.width == 2 && !writable(tx + 1, ty) {
                    set(.blank(c.role), x: tx, y: ty)
                } else {
                    set(c, x: tx, y: ty)
                    if c.width == 2, writable(tx + 1, ty) {
                        breakWide(x: tx + 1, y: ty)
                        cells[ty * width + tx + 1] = .continuation(c.role)
                    }
                }
            }
        }
    }

    /// Runs `body` with drawing clipped to `rect` (intersected with the current clip).
    public mutating func clipped(to rect: Rect, _ body: (inout Canvas) -> Void) {
        let saved = clip
        clip = clip.intersection(rect)
        body(&self)
        clip = saved
    }
}
