import FaaSrCore

/// One outgoing edge of an action, as the designer edits it: a target, a rank and a branch.
public struct Edge: Equatable, Sendable, Hashable {
    /// When the edge fires.
    public enum Condition: String, Sendable, Hashable, CaseIterable {
        /// Always (a plain `InvokeNext` string).
        case always
        /// When the action returns `True`.
        case onTrue = "True"
        /// When the action returns `False`.
        case onFalse = "False"

        /// The next condition in the cycle always → True → False → always.
        public var next: Condition {
            switch self {
            case .always: .onTrue
            case .onTrue: .onFalse
            case .onFalse: .always
            }
        }
    }
    /// The target action's name.
    public var target: String
    /// The rank count (`B(3)`), nil for none.
    public var rank: Int?
    /// When the edge fires.
    public var condition: Condition

    /// Creates an edge.
    public init(target: String, rank: Int? = nil, condition: Condition = .always) {
        self.target = target
        self.rank = rank
        self.condition = condition
    }

    /// The `InvokeNext` string: `B` or `B(3)`.
    public var text: String { rank.map { "\(target)(\($0))" } ?? target }

    /// Reads `B` / `B(3)`.
    public init(text: String, condition: Condition) {
        // Byte checks first: most targets have no rank, and Character scans are slow.
        if text.utf8.last == UInt8(ascii: ")"), let open = text.utf8.firstIndex(of: UInt8(ascii: "(")),
           let n = Int(text[text.index(after: open)..<text.index(before: text.endIndex)]) {
            self.init(target: String(text[..<open]), rank: n, condition: condition)
        } else {
            self.init(target: text, condition: condition)
        }
    }

    /// Reads an `InvokeNext` value (a string, or an array of strings and conditional objects),
    /// in list order; a conditional object contributes its `True` list, then its `False` list.
    public static func list(from value: JSONValue?) -> [Edge] {
        guard let value else { return [] }
        if let s = value.stringValue { return [Edge(text: s, condition: .always)] }
        var out: [Edge] = []
        for item in value.arrayValue ?? [] {
            if let s = item.stringValue {
                out.append(Edge(text: s, condition: .always))
            } else if let o = item.objectValue {
                for s in o["True"]?.arrayValue ?? [] { if let t = s.stringValue { out.append(Edge(text: t, condition: .onTrue)) } }
                for s in o["False"]?.arrayValue ?? [] { if let t = s.stringValue { out.append(Edge(text: t, condition: .onFalse)) } }
            }
        }
        return out
    }

    /// Writes edges as FaaSr 2.x `InvokeNext`: the conditional object first (only the branches
    /// that have targets), then the plain targets, in order.
    public static func invokeNext(_ edges: [Edge]) -> JSONValue {
        var items: [JSONValue] = []
        let t = edges.filter { $0.condition == .onTrue }.map { JSONValue.string($0.text) }
        let f = edges.filter { $0.condition == .onFalse }.map { JSONValue.string($0.text) }
        if !t.isEmpty || !f.isEmpty {
            var o = JSONObject()
            if !t.isEmpty { o["True"] = .array(t) }
            if !f.isEmpty { o["False"] = .array(f) }
            items.append(.object(o))
        }
        items += edges.filter { $0.condition == .always }.map { .string($0.text) }
        return .array(items)
    }
}
