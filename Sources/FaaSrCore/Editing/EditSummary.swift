/// One change an edit made to the JSON tree.
public struct WorkflowChange: Hashable, Sendable, CustomStringConvertible {
    /// What happened at ``pointer``.
    public enum Kind: Hashable, Sendable {
        /// A member or element was added.
        case added
        /// A member or element was removed.
        case removed
        /// A value was replaced.
        case modified
        /// A member key was renamed (``pointer`` is the old path).
        case renamed(to: String)
    }

    public var kind: Kind
    /// Where the change happened (before the change, for removals and renames).
    public var pointer: JSONPointer
    /// The value before the change (nil for additions).
    public var oldValue: JSONValue?
    /// The value after the change (nil for removals and renames).
    public var newValue: JSONValue?

    public init(kind: Kind, pointer: JSONPointer, oldValue: JSONValue? = nil, newValue: JSONValue? = nil) {
        self.kind = kind
        self.pointer = pointer
        self.oldValue = oldValue
        self.newValue = newValue
    }

    public var description: String {
        switch kind {
        case .added: "add \(pointer)"
        case .removed: "remove \(pointer)"
        case .modified: "change \(pointer)"
        case .renamed(let to): "rename \(pointer) to \(to)"
        }
    }
}

/// What an edit did: a title for an undo menu, every tree change, and plain-language notes
/// about consequences beyond the edited object (for confirm dialogs: "also removes the edge
/// from A").
public struct EditSummary: Hashable, Sendable, CustomStringConvertible {
    /// A short title ("Delete action X").
    public var title: String
    /// Every change to the tree, in the order made.
    public var changes: [WorkflowChange]
    /// Consequences outside the edited object, one sentence each.
    public var notes: [String]

    public init(title: String, changes: [WorkflowChange] = [], notes: [String] = []) {
        self.title = title
        self.changes = changes
        self.notes = notes
    }

    /// Whether the edit changed nothing.
    public var isEmpty: Bool { changes.isEmpty }

    public var description: String { ([title] + notes.map { "  " + $0 }).joined(separator: "\n") }
}

/// Why an edit was refused. The workflow is left unchanged.
public enum EditError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No action, server or store with that name (`kind` is "action", "compute server", "data store").
    case notFound(kind: String, name: String)
    /// The new name is already used.
    case nameTaken(kind: String, name: String)
    /// The name breaks the naming rule.
    case invalidName(kind: String, name: String, rule: String)
    /// No such edge.
    case edgeNotFound(from: String, to: String)
    /// The edge already exists in that branch.
    case edgeExists(from: String, to: String, branch: Branch)
    /// An index outside the list.
    case indexOutOfRange(Int, count: Int)
    /// A rank below 1.
    case invalidRank(Int)
    /// The path does not exist or a parent has the wrong type.
    case badPath(JSONPointer)
    /// The structure is not what the edit needs (e.g. `ActionList` is not an object).
    case wrongShape(JSONPointer, expected: String)

    public var description: String {
        switch self {
        case .notFound(let kind, let name): "no \(kind) named '\(name)'"
        case .nameTaken(let kind, let name): "a \(kind) named '\(name)' already exists; choose another name"
        case .invalidName(let kind, let name, let rule): "'\(name)' is not a valid \(kind) name: \(rule)"
        case .edgeNotFound(let f, let t): "'\(f)' has no successor '\(t)'"
        case .edgeExists(let f, let t, let b):
            "'\(f)' already invokes '\(t)'" + (b == .always ? "" : " when \(b.rawValue)")
        case .indexOutOfRange(let i, let count): "index \(i) is outside 0..<\(count)"
        case .invalidRank(let r): "rank \(r) is invalid: a rank count is 1 or more"
        case .badPath(let p): "cannot write \(p): a parent is missing or not an object or array"
        case .wrongShape(let p, let expected): "\(p) must be \(expected) for this edit"
        }
    }
}
