/// One line of a migration report.
public struct MigrationNote: Hashable, Sendable, CustomStringConvertible {
    /// Whether the converter did something, or the user must.
    public enum Kind: String, Hashable, Sendable {
        /// Something the converter changed.
        case changed
        /// Something the user must still fill in or check.
        case todo
    }

    public var kind: Kind
    /// What happened or what to do.
    public var message: String
    /// Where in the **original** file it applies (for `file:line:col`).
    public var pointer: JSONPointer

    public init(_ kind: Kind, _ message: String, at pointer: JSONPointer = .root) {
        self.kind = kind
        self.message = message
        self.pointer = pointer
    }

    public var description: String { "\(kind == .todo ? "todo" : "changed"): \(message)" }
}

/// Choices for ``Migrator/migrate(_:options:)``.
public struct MigrationOptions: Sendable {
    /// `WorkflowName` to set when the file has none (else derived from ``fileName``).
    public var workflowName: String?
    /// The file's name, used to derive a `WorkflowName` (`payload_aws.json` → `payload-aws`).
    public var fileName: String?
    /// `Type` given to actions that have none (1.x ran R functions).
    public var defaultType: ActionType

    public init(workflowName: String? = nil, fileName: String? = nil, defaultType: ActionType = .r) {
        self.workflowName = workflowName
        self.fileName = fileName
        self.defaultType = defaultType
    }
}

/// The outcome of a migration: the 2.x workflow and the report.
public struct MigrationResult: Sendable {
    /// The converted workflow (canonical layout unless changed).
    public var workflow: Workflow
    /// The format the input was in.
    public var sourceFormat: WorkflowFormat
    /// Every note, in the order made.
    public var notes: [MigrationNote]

    /// What the converter changed.
    public var changes: [MigrationNote] { notes.filter { $0.kind == .changed } }
    /// What the user must still do.
    public var todos: [MigrationNote] { notes.filter { $0.kind == .todo } }
    /// Whether the input needed no change.
    public var isUnchanged: Bool { changes.isEmpty }
}
