/// The characters a DAG drawing is made of, chosen from line masks.
///
/// Lines are stored as bit masks (which of the four neighbours a cell connects to); a mask
/// maps to a glyph at the end, so joins, splits and crossings come out right whatever order
/// the lines were drawn in.
public struct LineGlyphs: Sendable, Equatable {
    /// Glyphs indexed by mask (bit 0 up, 1 down, 2 left, 3 right).
    var byMask: [String]
    /// Dashed horizontal and vertical lines (placeholder boxes).
    var dashedHorizontal: String
    var dashedVertical: String
    /// Arrowheads pointing down, up, right and left.
    var arrowDown, arrowUp, arrowRight, arrowLeft: String
    /// Whether the set is pure ASCII.
    public let isASCII: Bool

    /// Box-drawing characters (the default on UTF-8 terminals).
    public static let unicode = LineGlyphs(
        byMask: [" ", "│", "│", "│", "─", "┘", "┐", "┤", "─", "└", "┌", "├", "─", "┴", "┬", "┼"],
        dashedHorizontal: "╌", dashedVertical: "╎",
        arrowDown: "▼", arrowUp: "▲", arrowRight: "▶", arrowLeft: "◀", isASCII: false)

    /// ASCII only: `- | +` and `v ^ > <`.
    public static let ascii = LineGlyphs(
        byMask: [" ", "|", "|", "|", "-", "+", "+", "+", "-", "+", "+", "+", "-", "+", "+", "+"],
        dashedHorizontal: ".", dashedVertical: ":",
        arrowDown: "v", arrowUp: "^", arrowRight: ">", arrowLeft: "<", isASCII: true)

    /// The set for a locale: Unicode when `LC_ALL`, `LC_CTYPE` or `LANG` (the first one set)
    /// names UTF-8, ASCII otherwise.
    public static func forLocale(_ environment: [String: String]) -> LineGlyphs {
        for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                let v = value.lowercased()
                return v.contains("utf-8") || v.contains("utf8") ? .unicode : .ascii
            }
        }
        return .ascii
    }

    /// Text with the Unicode-only markers of node titles replaced for ASCII output.
    func text(_ s: String) -> String {
        guard isASCII else { return s }
        return String(s.map { c -> Character in
            switch c {
            case "▶": ">"
            case "×": "x"
            case "↻": "@"
            case "·": "-"
            default: c
            }
        })
    }
}

/// Direction bits of a line mask.
enum LineBit {
    static let up: UInt8 = 1
    static let down: UInt8 = 2
    static let left: UInt8 = 4
    static let right: UInt8 = 8
}
