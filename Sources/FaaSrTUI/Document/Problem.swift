import FaaSrCore

/// One validation finding shown in the problems pane.
public struct Problem: Equatable, Sendable, Hashable {
    /// How bad it is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }
    /// How bad it is.
    public var severity: Severity
    /// Where it is.
    public var pointer: JSONPointer
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String?
    /// The action it concerns (for the DAG's error style), if any.
    public var action: String?
    /// The edge it concerns (`from`, `to`), if any.
    public var edge: EdgeRef?
    /// The validator's rule code (`ref.inline-credential`, ...), nil for the designer's own notes.
    public var code: String?

    /// An edge named by its ends.
    public struct EdgeRef: Equatable, Sendable, Hashable {
        public var from: String
        public var to: String
    }

    /// Creates a problem.
    public init(_ severity: Severity, _ pointer: JSONPointer, _ message: String, hint: String? = nil,
                action: String? = nil, edge: EdgeRef? = nil, code: String? = nil) {
        self.severity = severity
        self.pointer = pointer
        self.message = message
        self.hint = hint
        self.action = action
        self.edge = edge
        self.code = code
    }
}
