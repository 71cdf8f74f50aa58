/// A JSON value that loses nothing a person wrote: object members keep their order (and
/// duplicates), numbers keep their spelling. Source positions live beside the tree, in
/// ``JSONDocument``, so that edits never have to maintain them.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A short name of the value's JSON type, as used in messages ("object", "array", ...).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The string, if this is a string.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The boolean, if this is a boolean.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The number, if this is a number.
    public var numberValue: JSONNumber? { if case .number(let n) = self { n } else { nil } }
    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// The object, if this is an object.
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The member value for `key` when this is an object (the last one if the key repeats).
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
    }

    /// The element at `index` when this is an array and the index is in range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// The value at a JSON pointer, or nil when the path does not exist.
    public func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let o):
                guard let next = o[token] else { return nil }
                current = next
            case .array(let a):
                guard let i = Int(token), a.indices.contains(i) else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces (or, for objects, inserts at the end) the value at `pointer`.
    /// Returns false when a parent on the path does not exist or has the wrong type.
    @discardableResult
    public mutating func setValue(_ newValue: JSONValue, at pointer: JSONPointer) -> Bool {
        setValue(newValue, tokens: pointer.tokens[...])
    }

    private mutating func setValue(_ newValue: JSONValue, tokens: ArraySlice<String>) -> Bool {
        guard let first = tokens.first else { self = newValue; return true }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var o):
            var child = o[first] ?? (rest.isEmpty ? .null : .object(JSONObject()))
            guard child.setValue(newValue, tokens: rest) else { return false }
            self = .null  // release the old storage before writing back (no copy on write)
            o[first] = child
            self = .object(o)
            return true
        case .array(var a):
            let index = first == "-" ? a.count : Int(first) ?? -1
            if index == a.count, rest.isEmpty {
                self = .null
                a.append(newValue)
                self = .array(a)
                return true
            }
            guard a.indices.contains(index) else { return false }
            var child = a[index]
            guard child.setValue(newValue, tokens: rest) else { return false }
            self = .null
            a[index] = child
            self = .array(a)
            return true
        default:
            return false
        }
    }

    /// Removes the value at `pointer` (an object member, every member with that key, or an
    /// array element). Returns the removed value, or nil when nothing was there.
    @discardableResult
    public mutating func removeValue(at pointer: JSONPointer) -> JSONValue? {
        removeValue(tokens: pointer.tokens[...])
    }

    private mutating func removeValue(tokens: ArraySlice<String>) -> JSONValue? {
        guard let first = tokens.first else { return nil }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var o):
            self = .null
            defer { self = .object(o) }
            if rest.isEmpty { return o.removeValue(forKey: first) }
            guard var child = o[first] else { return nil }
            let removed = child.removeValue(tokens: rest)
            o[first] = child
            return removed
        case .array(var a):
            guard let i = Int(first), a.indices.contains(i) else { return nil }
            self = .null
            defer { self = .array(a) }
            if rest.isEmpty { return a.remove(at: i) }
            var child = a[i]
            let removed = child.removeValue(tokens: rest)
            a[i] = child
            return removed
        default:
            return nil
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object whose members keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}
