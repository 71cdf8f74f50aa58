extension Canvas {
    /// The canvas as plain text: one line per row, continuation cells skipped, trailing spaces
    /// trimmed. This is the form screen goldens are stored in.
    public func plainText() -> String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                if !c.isContinuation { line += c.grapheme }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Runs of cells with the same role on each row, as text: `row 3 col 6-18: error`.
    /// Runs of `.normal` are left out. Goldens keep these apart from the glyphs so a colour
    /// change does not rewrite every text golden.
    public func styleRuns() -> String {
        var out: [String] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                let role = cells[y * width + x].role
                var end = x
                while end + 1 < width && cells[y * width + end + 1].role == role { end += 1 }
                if role != .normal { out.append("row \(y) col \(x)-\(end): \(role.rawValue)") }
                x = end + 1
            }
        }
        return out.joined(separator: "\n")
    }

    /// The text of one row (continuation cells skipped, trailing spaces kept).
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var line = ""
        for x in 0..<width where !cells[y * width + x].isContinuation { line += cells[y * width + x].grapheme }
        return line
    }
}

extension Canvas {
    /// The canvas with every non-ASCII grapheme replaced by an ASCII look-alike (box lines,
    /// arrows, marks) or `?`, for terminals whose locale is not UTF-8. Wide graphemes become
    /// two cells.
    public func asciiFallback() -> Canvas {
        var out = self
        for i in out.cells.indices {
            let c = out.cells[i]
            if c.isContinuation { out.cells[i] = Cell("?", width: 1, role: c.role); continue }
            guard !c.grapheme.unicodeScalars.allSatisfy(\.isASCII) else { continue }
            out.cells[i] = Cell(Canvas.asciiMap[c.grapheme] ?? "?", width: 1, role: c.role)
        }
        return out
    }

    static let asciiMap: [String: String] = [
        "─": "-", "━": "=", "│": "|", "┃": "#", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
        "┬": "+", "┴": "+", "┼": "+", "┏": "#", "┓": "#", "┗": "#", "┛": "#", "╭": "+", "╮": "+", "╯": "+", "╰": "+",
        "→": ">", "←": "<", "↑": "^", "↓": "v", "▶": ">", "▸": ">", "▼": "v", "◉": "o", "●": "*", "•": "*",
        "✓": "v", "✗": "x", "×": "x", "…": "~", "·": ".", "−": "-", "—": "-", "–": "-",
    ]
}
