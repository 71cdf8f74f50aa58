import TUIKit

/// ANSI colour for canvases printed to a terminal (`faasr graph` on a tty).
///
/// Every role maps to one SGR sequence; lines end with a reset, so the output can be cut
/// at any line. Colour never carries meaning alone: the drawing says the same in plain text.
public struct ANSIStyle: Sendable {
    /// SGR parameters per role ("" = default look).
    public var parameters: [StyleRole: String]

    /// Creates a style from explicit parameters.
    public init(parameters: [StyleRole: String]) { self.parameters = parameters }

    /// The default palette: green True, red False, magenta ranks, bold red errors, dim lines.
    public static let standard = ANSIStyle(parameters: [
        .dim: "2", .title: "1", .focusBorder: "1", .selected: "7",
        .node: "36", .entryNode: "1;36", .edge: "34",
        .trueEdge: "32", .falseEdge: "31", .rankBadge: "35",
        .error: "1;31", .warning: "33", .ok: "32", .key: "1", .accent: "1;34",
    ])
}

extension Canvas {
    /// The canvas as text with ANSI SGR colour sequences; trailing blanks trimmed per line.
    public func ansiText(style: ANSIStyle = .standard) -> String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var end = width
            while end > 0, self[x: end - 1, y: y].grapheme == " " { end -= 1 }
            var line = ""
            var current = ""
            for x in 0..<end {
                let c = self[x: x, y: y]
                if c.isContinuation { continue }
                let sgr = style.parameters[c.role] ?? ""
                if sgr != current {
                    line += "\u{1B}[0m"
                    if !sgr.isEmpty { line += "\u{1B}[\(sgr)m" }
                    current = sgr
                }
                line += c.grapheme
            }
            if !current.isEmpty { line += "\u{1B}[0m" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
