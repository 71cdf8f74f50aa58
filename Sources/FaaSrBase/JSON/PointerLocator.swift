/// Finds where the value (and member name) at a JSON pointer starts in a JSON text by scanning
/// only along the pointer's path, skipping everything else.
///
/// Validation of a file parses it without recording locations (about three times faster) and
/// asks this locator only for the few places that have findings. The answers equal
/// ``JSONDocument/location(of:)`` and ``JSONDocument/keyLocation(of:)``: the last member wins
/// when a key repeats, and a path that does not exist answers with its nearest ancestor.
/// The text must be valid JSON (it was parsed before).
public struct PointerLocator {
    private let bytes: [UInt8]
    /// Member name → (key offset, value offset) of each object scanned so far, by its offset.
    private var objects: [Int: [String: (Int, Int)]] = [:]
    /// Element offsets of each array scanned so far, by its offset.
    private var arrays: [Int: [Int]] = [:]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The byte offset where the value at `pointer` starts (or its nearest existing ancestor's);
    /// with `key`, where its member name starts when it is an object member.
    public mutating func offset(of pointer: JSONPointer, key: Bool = false) -> Int? {
        let (value, keyOffset) = offsets(of: pointer)
        return key ? keyOffset ?? value : value
    }

    /// Line and column of each offset, in one pass over the text (so many findings on one
    /// long line, as in a minified file, cost no more than a few). Lines end at `\n`, `\r\n`
    /// or a lone `\r`; columns count Unicode scalars from 1, as ``LineTable`` does.
    public func locations(ofOffsets offsets: [Int]) -> [SourceLocation] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = Array(repeating: SourceLocation(line: 1, column: 1, offset: 0), count: offsets.count)
        var line = 1, column = 1, i = 0
        for k in order {
            let target = max(0, min(offsets[k], bytes.count))
            while i < target {
                let b = bytes[i]
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b == 0x0D {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            result[k] = SourceLocation(line: line, column: column, offset: target)
        }
        return result
    }

    /// Where the value at `pointer` starts, or its nearest existing ancestor's.
    mutating func location(of pointer: JSONPointer) -> SourceLocation? {
        offset(of: pointer).map { locations(ofOffsets: [$0])[0] }
    }

    /// Where the member name at `pointer` starts, else where its value (or ancestor) starts.
    mutating func keyLocation(of pointer: JSONPointer) -> SourceLocation? {
        offset(of: pointer, key: true).map { locations(ofOffsets: [$0])[0] }
    }

    /// The value offset of the deepest existing prefix of `pointer`, and the key offset when the
    /// whole pointer exists and ends at an object member.
    private mutating func offsets(of pointer: JSONPointer) -> (value: Int?, key: Int?) {
        var pos = skipWhitespace(0)
        guard pos < bytes.count else { return (nil, nil) }
        var key: Int? = nil
        for token in pointer.tokens {
            key = nil
            switch bytes[pos] {
            case UInt8(ascii: "{"):
                guard let (k, v) = member(token, inObjectAt: pos) else { return (pos, nil) }
                key = k
                pos = v
            case UInt8(ascii: "["):
                guard let index = Int(token), index >= 0, let v = element(index, inArrayAt: pos) else { return (pos, nil) }
                pos = v
            default:
                return (pos, nil)
            }
        }
        return (pos, key)
    }

    /// The key and value offsets of the last member named `name` in the object at `start`.
    private mutating func member(_ name: String, inObjectAt start: Int) -> (Int, Int)? {
        if let index = objects[start] { return index[name] }
        var index: [String: (Int, Int)] = [:]
        var i = skipWhitespace(start + 1)
        if i < bytes.count, bytes[i] != UInt8(ascii: "}") {
            while i < bytes.count {
                let keyStart = i
                let afterKey = skipString(at: i)
                let key = decodeKey(from: keyStart, to: afterKey)
                i = skipWhitespace(afterKey)
                i = skipWhitespace(i + 1)  // the ':'
                index[key] = (keyStart, i)  // a later duplicate replaces an earlier one
                i = skipWhitespace(skipValue(at: i))
                guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { break }
                i = skipWhitespace(i + 1)
            }
        }
        objects[start] = index
        return index[name]
    }

    /// The offset of element `index` of the array at `start`.
    private mutating func element(_ index: Int, inArrayAt start: Int) -> Int? {
        if let elements = arrays[start] { return elements.indices.contains(index) ? elements[index] : nil }
        var elements: [Int] = []
        var i = skipWhitespace(start + 1)
        if i < bytes.count, bytes[i] != UInt8(ascii: "]") {
            while i < bytes.count {
                elements.append(i)
                i = skipWhitespace(skipValue(at: i))
                guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { break }
                i = skipWhitespace(i + 1)
            }
        }
        arrays[start] = elements
        return elements.indices.contains(index) ? elements[index] : nil
    }

    private func skipWhitespace(_ start: Int) -> Int {
        var i = start
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return i
            }
        }
        return i
    }

    /// The offset just after the value starting at `start`.
    private func skipValue(at start: Int) -> Int {
        guard start < bytes.count else { return start }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return skipString(at: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""): i = skipString(at: i); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            return i
        default:
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return i
                default: i += 1
                }
            }
            return i
        }
    }

    /// The offset just after the string starting at `start` (its opening quote).
    private func skipString(at start: Int) -> Int {
        var i = start + 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): return i + 1
            default: i += 1
            }
        }
        return i
    }

    /// The decoded text of the member name spanning `start..<end` (quotes included).
    private func decodeKey(from start: Int, to end: Int) -> String {
        let raw = bytes[(start + 1)..<max(start + 1, end - 1)]
        if !raw.contains(UInt8(ascii: "\\")) { return String(decoding: raw, as: UTF8.self) }
        // Rare: escapes in a key. Decode them with the real parser.
        if let value = try? JSONParser.parse(Array(bytes[start..<end])),
           case .string(let s) = value {
            return s
        }
        return String(decoding: raw, as: UTF8.self)
    }
}
