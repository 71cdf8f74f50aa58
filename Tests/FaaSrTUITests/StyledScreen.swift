/// A `tmux capture-pane -e` screen: every character with the SGR state it was drawn in, so a
/// journey can check colours, not only text.
struct StyledScreen {
    /// The SGR state of a cell: colours as their SGR parameters (`31`, `38;5;208`), attributes.
    struct Style: Equatable {
        var foreground: String?
        var background: String?
        var bold = false
        var underline = false
        var reverse = false

        /// Applies one SGR parameter list (`1;31`, `38;5;208`, `0`).
        mutating func apply(_ params: String) {
            var codes = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            if codes.isEmpty { codes = [0] }
            var k = 0
            while k < codes.count {
                let c = codes[k]
                switch c {
                case 0: self = Style()
                case 1: bold = true
                case 22: bold = false
                case 4: underline = true
                case 24: underline = false
                case 7: reverse = true
                case 27: reverse = false
                case 30...37, 90...97: foreground = "\(c)"
                case 39: foreground = nil
                case 40...47, 100...107: background = "\(c)"
                case 49: background = nil
                case 38, 48:
                    // 38;5;n or 38;2;r;g;b
                    let n = k + 1 < codes.count && codes[k + 1] == 2 ? 4 : 2
                    let value = "\(c);" + codes[(k + 1)..<min(codes.count, k + 1 + n)].map(String.init).joined(separator: ";")
                    if c == 38 { foreground = value } else { background = value }
                    k += n
                default: break
                }
                k += 1
            }
        }

        /// Whether a colour (foreground or background) is set.
        var hasColour: Bool { foreground != nil || background != nil }
    }

    /// Rows of characters with their styles.
    var rows: [[(character: Character, style: Style)]] = []

    /// Parses `capture-pane -e -p` output (the SGR state carries across lines, as tmux writes it).
    init(_ text: String) {
        var style = Style()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var row: [(character: Character, style: Style)] = []
            var i = line.startIndex
            while i < line.endIndex {
                let next = line.index(after: i)
                if line[i] == "\u{1B}", next < line.endIndex, line[next] == "[" {
                    var j = line.index(after: next)
                    while j < line.endIndex, !line[j].isLetter { j = line.index(after: j) }
                    guard j < line.endIndex else { break }
                    if line[j] == "m" { style.apply(String(line[line.index(after: next)..<j])) }
                    i = line.index(after: j)
                } else {
                    row.append((line[i], style))
                    i = next
                }
            }
            rows.append(row)
        }
    }

    /// The plain text of row `y`.
    func text(_ y: Int) -> String { String(rows[y].map(\.character)) }

    /// The style of the first character of the first occurrence of `text` at or right of
    /// column `minX` (in characters) in rows `0..<maxY`.
    func style(of text: String, minX: Int = 0, maxY: Int = Int.max) -> Style? {
        let needle = Array(text)
        for row in rows.prefix(maxY) {
            let chars = row.map(\.character)
            guard chars.count >= needle.count else { continue }
            for x in stride(from: minX, through: chars.count - needle.count, by: 1) where Array(chars[x..<(x + needle.count)]) == needle {
                return row[x].style
            }
        }
        return nil
    }

    /// Whether any cell has a colour.
    var hasColour: Bool { rows.contains { $0.contains { $0.style.hasColour } } }
}
