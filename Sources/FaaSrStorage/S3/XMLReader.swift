/// A reader of the XML that S3 answers with, written here so the runtime needs no libxml2
/// (Foundation's `XMLParser` links it, and through it ICU: about 40 MB of every action image).
/// It reads what S3 servers send: an optional `<?xml …?>` declaration, elements with
/// attributes (read and ignored; names kept as written, prefix included), text with the five
/// predefined entities and character references (`&#N;`, `&#xN;`), comments, processing
/// instructions and CDATA sections. A document type declaration is refused (S3 never sends
/// one, and refusing it rules out entity expansion), as is anything not well-formed:
/// mismatched or unclosed tags, an unknown entity, text outside the root, invalid UTF-8.
struct XMLReader {
    private let bytes: [UInt8]
    private var at = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The element tree of `bytes`, or nil when they are not a well-formed document.
    static func parse(_ bytes: [UInt8]) -> XMLElementNode? {
        var reader = XMLReader(bytes)
        return reader.document()
    }

    private mutating func document() -> XMLElementNode? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { at = 3 }
        var root: XMLElementNode?
        var stack: [XMLElementNode] = []
        while at < bytes.count {
            if bytes[at] != UInt8(ascii: "<") {
                guard let text = text() else { return nil }
                if let open = stack.last { open.text += text }
                else if !text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) { return nil }
                continue
            }
            if skip("<?") {
                guard skipPast("?>") else { return nil }
            } else if skip("<!--") {
                guard skipPast("-->") else { return nil }
            } else if skip("<![CDATA[") {
                guard let open = stack.last, let end = find("]]>"),
                      let text = String(validating: bytes[at..<end], as: UTF8.self) else { return nil }
                open.text += text
                at = end + 3
            } else if skip("</") {
                guard let name = name(), let open = stack.popLast(), open.name == name else { return nil }
                skipSpace()
                guard skip(">") else { return nil }
            } else if skip("<!") {
                return nil
            } else if skip("<") {
                guard stack.isEmpty ? root == nil : true, let name = name() else { return nil }
                let node = XMLElementNode(name: name)
                if let parent = stack.last { parent.children.append(node) } else { root = node }
                guard let empty = attributes() else { return nil }
                if !empty { stack.append(node) }
            } else {
                return nil
            }
        }
        return stack.isEmpty ? root : nil
    }

    /// Skips the attributes up to `>` or `/>`; true for an empty element, nil when malformed.
    private mutating func attributes() -> Bool? {
        while true {
            let spaced = skipSpace()
            if skip("/>") { return true }
            if skip(">") { return false }
            guard spaced, name() != nil else { return nil }
            skipSpace()
            guard skip("=") else { return nil }
            skipSpace()
            guard at < bytes.count else { return nil }
            let quote = bytes[at]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
            at += 1
            guard let end = bytes[at...].firstIndex(of: quote), !bytes[at..<end].contains(UInt8(ascii: "<")) else { return nil }
            at = end + 1
        }
    }

    /// Text up to the next `<`, entities resolved.
    private mutating func text() -> String? {
        var out: [UInt8] = []
        while at < bytes.count, bytes[at] != UInt8(ascii: "<") {
            if bytes[at] == UInt8(ascii: "&") {
                guard let scalar = entity() else { return nil }
                out.append(contentsOf: String(Character(scalar)).utf8)
            } else {
                out.append(bytes[at])
                at += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// An entity or character reference at `&`.
    private mutating func entity() -> Unicode.Scalar? {
        guard let semicolon = bytes[at...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { return nil }
        let body = String(decoding: bytes[(at + 1)..<semicolon], as: UTF8.self)
        at = semicolon + 1
        switch body {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard body.hasPrefix("#") else { return nil }
            let digits = body.dropFirst()
            let code = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let code, code != 0, !digits.contains("+"), !digits.contains("-") else { return nil }
            return Unicode.Scalar(code)
        }
    }

    /// An element or attribute name: up to space, `/`, `>` or `=`.
    private mutating func name() -> String? {
        let start = at
        while at < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"),
                                   UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "<")].contains(bytes[at]) {
            at += 1
        }
        guard at > start else { return nil }
        return String(validating: bytes[start..<at], as: UTF8.self)
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = at
        while at < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[at]) { at += 1 }
        return at > start
    }

    private mutating func skip(_ literal: String) -> Bool {
        let lit = Array(literal.utf8)
        guard at + lit.count <= bytes.count, bytes[at..<(at + lit.count)].elementsEqual(lit) else { return false }
        at += lit.count
        return true
    }

    /// The index where `literal` next starts, from `at`.
    private func find(_ literal: String) -> Int? {
        let lit = Array(literal.utf8)
        var i = at
        while i + lit.count <= bytes.count {
            if bytes[i..<(i + lit.count)].elementsEqual(lit) { return i }
            i += 1
        }
        return nil
    }

    private mutating func skipPast(_ literal: String) -> Bool {
        guard let end = find(literal) else { return false }
        at = end + literal.utf8.count
        return true
    }
}
