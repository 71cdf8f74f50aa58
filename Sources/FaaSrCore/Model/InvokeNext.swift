/// An action's `InvokeNext`, read into typed items, in order.
///
/// Accepts what FaaSr accepts: an array of strings and conditional objects, or (tolerated by
/// the runtime, rejected by the 2.x schema) a bare string. Anything else is kept as
/// ``Item/other(_:pointer:)`` so the validator can point at it.
public struct InvokeNext: Hashable, Sendable {
    /// One element of the list.
    public enum Item: Hashable, Sendable {
        /// A plain `"Name"` / `"Name(N)"` string.
        case successor(Successor)
        /// The `{"True": [...], "False": [...]}` object; a branch absent from the object is nil.
        case conditional(onTrue: [Successor]?, onFalse: [Successor]?, pointer: JSONPointer)
        /// A value of another shape (number, null, object with other keys...).
        case other(JSONValue, pointer: JSONPointer)
    }

    /// The items in list order.
    public var items: [Item]
    /// Whether `InvokeNext` was written as a bare string instead of an array.
    public var isBareString: Bool
    /// Whether the key is present at all.
    public var isPresent: Bool

    /// An absent `InvokeNext`.
    public static let absent = InvokeNext(items: [], isBareString: false, isPresent: false)

    public init(items: [Item], isBareString: Bool, isPresent: Bool) {
        self.items = items
        self.isBareString = isBareString
        self.isPresent = isPresent
    }

    /// Reads the value of `InvokeNext` found at `pointer`.
    public init(_ value: JSONValue?, at pointer: JSONPointer) {
        guard let value else { self = .absent; return }
        isPresent = true
        switch value {
        case .string(let s):
            isBareString = true
            items = [.successor(Successor(raw: s, pointer: pointer))]
        case .array(let elements):
            isBareString = false
            items = elements.enumerated().map { i, element in
                InvokeNext.item(element, at: pointer.appending(i))
            }
        default:
            isBareString = false
            items = [.other(value, pointer: pointer)]
        }
    }

    private static func item(_ value: JSONValue, at pointer: JSONPointer) -> Item {
        switch value {
        case .string(let s):
            return .successor(Successor(raw: s, pointer: pointer))
        case .object(let o) where !o.isEmpty && o.keys.allSatisfy({ $0 == "True" || $0 == "False" }):
            func branch(_ key: String, _ kind: Branch) -> [Successor]?? {
                guard let v = o[key] else { return .some(nil) }
                guard let list = v.arrayValue else { return nil }
                var out: [Successor] = []
                for (i, e) in list.enumerated() {
                    guard let s = e.stringValue else { return nil }
                    out.append(Successor(raw: s, branch: kind, pointer: pointer.appending(key).appending(i)))
                }
                return .some(out)
            }
            guard let t = branch("True", .onTrue), let f = branch("False", .onFalse) else {
                return .other(value, pointer: pointer)
            }
            return .conditional(onTrue: t, onFalse: f, pointer: pointer)
        default:
            return .other(value, pointer: pointer)
        }
    }

    /// Every successor, in list order; a conditional object contributes its `True` branch,
    /// then its `False` branch (the order FaaSr builds its graph in).
    public var successors: [Successor] {
        var out: [Successor] = []
        for item in items {
            switch item {
            case .successor(let s): out.append(s)
            case .conditional(let t, let f, _):
                out += t ?? []
                out += f ?? []
            case .other: break
            }
        }
        return out
    }

    /// Whether the list holds a conditional object.
    public var hasConditional: Bool {
        items.contains { if case .conditional = $0 { true } else { false } }
    }
}
