/// A terminal colour: the terminal's default, or a palette index (0–15 base, 16–255 extended).
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own foreground/background.
    case `default`
    /// A palette index.
    case index(Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, a colour name (`red`, `bright-red`) or a palette index (`208`).
    public init?(name: String) {
        if name == "default" { self = .default; return }
        if let i = TerminalColor.names.firstIndex(of: name) { self = .index(i); return }
        if name.hasPrefix("bright-"), let i = TerminalColor.names.firstIndex(of: String(name.dropFirst(7))) {
            self = .index(i + 8); return
        }
        if let n = Int(name), (0...255).contains(n) { self = .index(n); return }
        return nil
    }
}

/// How one ``StyleRole`` looks.
public struct TerminalStyle: Hashable, Sendable {
    /// Foreground colour.
    public var foreground: TerminalColor = .default
    /// Background colour.
    public var background: TerminalColor = .default
    /// Attributes.
    public var bold = false, dim = false, reverse = false, underline = false
    /// Creates a style.
    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }
}

/// A mapping from every ``StyleRole`` to a ``TerminalStyle``, read from a theme file.
///
/// Theme files have one `role = words` line per role; words are up to two colours (foreground,
/// then background) and attributes (`bold`, `dim`, `reverse`, `underline`). `#` starts a
/// comment. Roles a file leaves out look like `normal`.
public struct Theme: Hashable, Sendable {
    /// The theme's name.
    public var name: String
    /// Styles by role.
    public var styles: [StyleRole: TerminalStyle]

    /// The style for `role`.
    public func style(for role: StyleRole) -> TerminalStyle { styles[role] ?? styles[.normal] ?? TerminalStyle() }

    /// An error in a theme file.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        /// 1-based line number.
        public var line: Int
        /// What is wrong.
        public var message: String
        /// Readable text.
        public var description: String { "theme line \(line): \(message)" }
    }

    /// Parses a theme file.
    public init(name: String, text: String) throws(ParseError) {
        self.name = name
        var styles: [StyleRole: TerminalStyle] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard parts.count == 2 else { throw ParseError(line: n + 1, message: "expected `role = style`") }
            guard let role = StyleRole(rawValue: parts[0]) else {
                throw ParseError(line: n + 1, message: "unknown role `\(parts[0])` (roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var style = TerminalStyle()
            var colours = 0
            for word in parts[1].split(separator: " ").map(String.init) {
                switch word {
                case "bold": style.bold = true
                case "dim": style.dim = true
                case "reverse": style.reverse = true
                case "underline": style.underline = true
                default:
                    guard let c = TerminalColor(name: word) else {
                        throw ParseError(line: n + 1, message: "unknown colour or attribute `\(word)`")
                    }
                    if colours == 0 { style.foreground = c } else if colours == 1 { style.background = c } else {
                        throw ParseError(line: n + 1, message: "more than two colours")
                    }
                    colours += 1
                }
            }
            styles[role] = style
        }
        self.styles = styles
    }

    /// The same theme with every colour removed (attributes kept): `NO_COLOR` and terminals
    /// without colours.
    public var withoutColors: Theme {
        var t = self
        for (role, var s) in styles {
            s.foreground = .default
            s.background = .default
            t.styles[role] = s
        }
        return t
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
