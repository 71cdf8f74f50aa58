/// A strict RFC 8259 parser over UTF-8 bytes that keeps key order, duplicate keys and number
/// spellings. Positions are not recorded while parsing: ``JSONDocument`` finds them afterwards,
/// only for the paths asked about (``PointerLocator``), which keeps loading fast.
///
/// Linear time, no recursion deeper than ``maxDepth`` (deeper input is an error, not a stack
/// overflow), and every malformed input is reported as a ``JSONParseError`` with the position
/// at which a reader would notice the problem (the same line:column Python's `json` reports).
public struct JSONParser {
    /// Nesting deeper than this is rejected.
    public static let maxDepth = 512

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses a whole text.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var p = JSONParser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw p.error("the file starts with a UTF-8 byte-order mark", at: 0,
                          hint: "save the file as UTF-8 without a BOM")
        }
        p.skipWhitespace()
        if p.i >= bytes.count {
            throw p.error("expected a JSON value, found the end of the file", at: p.i,
                          hint: bytes.isEmpty ? "the file is empty; a workflow is a JSON object `{ ... }`" : nil)
        }
        let value = try p.parseValue()
        p.skipWhitespace()
        if p.i < bytes.count {
            throw p.error("unexpected \(p.describe(p.i)) after the end of the JSON value", at: p.i,
                          hint: "a file holds one JSON value; remove what follows it or wrap both in an array")
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard i < bytes.count else {
            throw error("expected a value, found the end of the file", at: i,
                        hint: "the file is cut short; close every open '{' and '['")
        }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            let c = bytes[i]
            var hint: String? = nil
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                hint = "remove the trailing comma before '\(Character(Unicode.Scalar(c)))'"
            } else if c == UInt8(ascii: "'") {
                hint = "JSON strings use double quotes"
            } else if c == UInt8(ascii: "/") {
                hint = "JSON has no comments; remove them"
            }
            throw error("expected a value, found \(describe(i))", at: i, hint: hint)
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth {
            throw error("nesting deeper than \(Self.maxDepth) levels", at: i, hint: nil)
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        i += 1  // {
        var members: [JSONObject.Member] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(JSONObject())
        }
        while true {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                let trailing = i < bytes.count && bytes[i] == UInt8(ascii: "}") && !members.isEmpty
                throw error(
                    i < bytes.count ? "expected a member name in double quotes, found \(describe(i))"
                        : "expected a member name, found the end of the file", at: i,
                    hint: trailing ? "remove the trailing comma before '}'"
                        : (i < bytes.count && bytes[i] == UInt8(ascii: "'") ? "JSON names use double quotes" : nil))
            }
            let key = try parseString()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw error("expected ':' after the member name \"\(key)\", found \(describe(i))", at: i, hint: nil)
            }
            i += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard i < bytes.count else {
                throw error("expected ',' or '}', found the end of the file", at: i,
                            hint: "the object that starts earlier is never closed; add '}'")
            }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                depth -= 1
                return .object(JSONObject(members))
            }
            throw error("expected ',' or '}' after the value of \"\(key)\", found \(describe(i))", at: i,
                        hint: bytes[i] == UInt8(ascii: "\"") ? "add a comma between the members" : nil)
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        i += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array([])
        }
        while true {
            let value = try parseValue()
            elements.append(value)
            skipWhitespace()
            guard i < bytes.count else {
                throw error("expected ',' or ']', found the end of the file", at: i,
                            hint: "the array that starts earlier is never closed; add ']'")
            }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
                continue
            }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                depth -= 1
                return .array(elements)
            }
            throw error("expected ',' or ']' after an array element, found \(describe(i))", at: i,
                        hint: bytes[i] == UInt8(ascii: "\"") ? "add a comma between the elements" : nil)
        }
    }

    // MARK: - Scalars

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = i
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for b in w {
            guard i < bytes.count, bytes[i] == b else {
                throw error("expected a value, found \(describe(start))", at: start,
                            hint: "literals are lowercase: true, false, null")
            }
            i += 1
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else {
            throw error("expected a digit in a number, found \(describe(i))", at: i, hint: nil)
        }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) {
                throw error("a number cannot have a leading zero", at: start, hint: "write it without the leading 0, or as a string")
            }
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else {
                throw error("expected a digit after the decimal point, found \(describe(i))", at: i, hint: nil)
            }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else {
                throw error("expected a digit in the exponent, found \(describe(i))", at: i, hint: nil)
            }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return JSONNumber(text: asciiString(start..<i))
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let open = i
        i += 1  // opening quote
        let start = i
        var plain = true
        var high: UInt8 = 0
        // Fast path: scan to the closing quote; fall back when an escape appears.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") { plain = false; break }
            if b < 0x20 { throw controlCharacter(at: i) }
            high |= b
            i += 1
        }
        guard i < bytes.count else {
            throw error("unterminated string", at: open, hint: "add the closing '\"'")
        }
        if plain {
            let s = high < 0x80 ? asciiString(start..<i) : try decodeUTF8(start..<i)
            i += 1
            return s
        }
        var buffer = Array(bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return try decodeUTF8(buffer, offset: start)
            }
            if b < 0x20 { throw controlCharacter(at: i) }
            if b != UInt8(ascii: "\\") {
                buffer.append(b)
                i += 1
                continue
            }
            let escape = i
            i += 1
            guard i < bytes.count else { break }
            switch bytes[i] {
            case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: i + 1, escape: escape)
                i += 4
                if (0xD800..<0xDC00).contains(scalar), i + 2 < bytes.count,
                    bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u"),
                    let low = try? hex4(at: i + 3, escape: i + 1), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                // A lone surrogate has no Unicode scalar; it becomes U+FFFD (docs/decisions.md).
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                buffer.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw error("invalid escape '\\\(describe(i, quoted: false))' in a string", at: escape,
                            hint: "write a backslash as \\\\")
            }
            i += 1
        }
        throw error("unterminated string", at: open, hint: "add the closing '\"'")
    }

    private func hex4(at start: Int, escape: Int) throws(JSONParseError) -> UInt32 {
        guard start + 4 <= bytes.count else {
            throw error("incomplete \\u escape", at: escape, hint: "a \\u escape has four hex digits")
        }
        var v: UInt32 = 0
        for k in start..<start + 4 {
            let b = bytes[k]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape", at: escape, hint: "a \\u escape has four hex digits")
            }
            v = v << 4 | d
        }
        return v
    }

    /// Bytes known to be ASCII (so valid UTF-8), decoded through the contiguous fast path;
    /// the generic `String(validating:)` on a slice costs a metadata lookup per call.
    private func asciiString(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    private func decodeUTF8(_ range: Range<Int>) throws(JSONParseError) -> String {
        if let s = String(validating: bytes[range], as: UTF8.self) { return s }
        throw invalidUTF8(in: Array(bytes[range]), offset: range.lowerBound)
    }

    private func decodeUTF8(_ buffer: [UInt8], offset: Int) throws(JSONParseError) -> String {
        if let s = String(validating: buffer, as: UTF8.self) { return s }
        throw invalidUTF8(in: buffer, offset: offset)
    }

    private func invalidUTF8(in buffer: [UInt8], offset: Int) -> JSONParseError {
        error("the text is not valid UTF-8", at: offset, hint: "save the file as UTF-8")
    }

    private func controlCharacter(at offset: Int) -> JSONParseError {
        error("a raw control character (U+\(String(bytes[offset], radix: 16, uppercase: true))) inside a string",
              at: offset, hint: "write it as an escape such as \\n or \\t")
    }

    // MARK: - Plumbing

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private func describe(_ offset: Int, quoted: Bool = true) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        let b = bytes[offset]
        if b < 0x20 || b >= 0x7F { return "byte 0x\(String(b, radix: 16, uppercase: true))" }
        let c = String(Character(Unicode.Scalar(b)))
        return quoted ? "'\(c)'" : c
    }

    private func error(_ message: String, at offset: Int, hint: String?) -> JSONParseError {
        JSONParseError(message: message, location: LineTable(bytes: bytes).location(ofOffset: offset), hint: hint)
    }
}
