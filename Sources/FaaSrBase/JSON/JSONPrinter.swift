/// Prints a ``JSONValue`` in a given ``JSONFormat``, in linear time.
///
/// Strings are escaped as `JSON.stringify` does (only `"`, `\`, and control characters;
/// everything else, non-ASCII included, is written as is), so a file the FaaSr web builder
/// wrote comes back byte for byte.
public enum JSONPrinter {
    /// The text of `value` in `format`.
    public static func print(_ value: JSONValue, format: JSONFormat = .canonical) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, format: format, level: 0, into: &out)
        if format.trailingNewline { out.append(contentsOf: Array(format.lineEnding.utf8)) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of `value` on one line (`{"a":1,"b":[2,3]}`), e.g. for payloads.
    public static func compact(_ value: JSONValue) -> String {
        print(value, format: JSONFormat(indent: nil, trailingNewline: false, spaceAfterColon: false))
    }

    private static func newline(_ format: JSONFormat, _ level: Int, _ out: inout [UInt8]) {
        guard let indent = format.indent else { return }
        out.append(contentsOf: format.lineEnding.utf8)
        for _ in 0..<level { out.append(contentsOf: indent.utf8) }
    }

    private static func write(_ value: JSONValue, format: JSONFormat, level: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            if a.isEmpty { out.append(UInt8(ascii: "]")); return }
            for (k, element) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                newline(format, level + 1, &out)
                write(element, format: format, level: level + 1, into: &out)
            }
            newline(format, level, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            if o.isEmpty { out.append(UInt8(ascii: "}")); return }
            for (k, member) in o.members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                newline(format, level + 1, &out)
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if format.spaceAfterColon { out.append(UInt8(ascii: " ")) }
                write(member.value, format: format, level: level + 1, into: &out)
            }
            newline(format, level, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `s` as a JSON string literal.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
