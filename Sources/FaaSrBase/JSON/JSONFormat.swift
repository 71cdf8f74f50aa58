/// How a JSON text is laid out: the part of a file's look that a printer can reproduce.
public struct JSONFormat: Hashable, Sendable {
    /// One level of indentation; nil prints everything on one line.
    public var indent: String?
    /// `"\n"` or `"\r\n"`.
    public var lineEnding: String
    /// Whether the text ends with a line ending.
    public var trailingNewline: Bool
    /// Whether a space follows each `:` (`"a": 1` rather than `"a":1`).
    public var spaceAfterColon: Bool

    public init(indent: String? = "  ", lineEnding: String = "\n", trailingNewline: Bool = true,
                spaceAfterColon: Bool = true) {
        self.indent = indent
        self.lineEnding = lineEnding
        self.trailingNewline = trailingNewline
        self.spaceAfterColon = spaceAfterColon
    }

    /// The project's canonical style: two-space indent as the FaaSr web builder writes
    /// (`JSON.stringify(value, null, 2)`), `\n`, and a final newline.
    public static let canonical = JSONFormat()

    /// Reads the layout of an existing text: its first indented line gives the indent unit.
    public static func detect(in bytes: [UInt8]) -> JSONFormat {
        var format = JSONFormat.canonical
        guard let firstNewline = bytes.firstIndex(of: 0x0A) else {
            format.indent = nil
            format.trailingNewline = false
            format.spaceAfterColon = spaceAfterColon(in: bytes) ?? false
            return format
        }
        format.lineEnding = firstNewline > 0 && bytes[firstNewline - 1] == 0x0D ? "\r\n" : "\n"
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        format.trailingNewline = end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D)
        // The first line that starts with white space followed by something else.
        var i = firstNewline + 1
        while i < bytes.count {
            var j = i
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            if j > i, j < bytes.count, bytes[j] != 0x0A, bytes[j] != 0x0D {
                format.indent = String(decoding: bytes[i..<j], as: UTF8.self)
                break
            }
            guard let next = bytes[i...].firstIndex(of: 0x0A) else { break }
            i = next + 1
        }
        format.spaceAfterColon = spaceAfterColon(in: bytes) ?? true
        return format
    }

    /// Whether the first `":` outside a string is followed by a space.
    private static func spaceAfterColon(in bytes: [UInt8]) -> Bool? {
        var inString = false, escaped = false
        for (k, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
            } else if b == 0x3A {
                return k + 1 < bytes.count && (bytes[k + 1] == 0x20 || bytes[k + 1] == 0x09)
            }
        }
        return nil
    }
}
