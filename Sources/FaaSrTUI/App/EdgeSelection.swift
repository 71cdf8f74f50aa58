import FaaSrCore

/// An outgoing edge picked out by its ends and branch (the core allows one edge per target and
/// branch), so a selection survives edits that move the edge within its action's list.
public struct EdgeSelection: Equatable, Sendable, Hashable {
    /// The invoking action.
    public var from: String
    /// The invoked action.
    public var target: String
    /// The branch the edge is on.
    public var condition: Branch

    /// Names an edge.
    public init(from: String, target: String, condition: Branch) {
        self.from = from
        self.target = target
        self.condition = condition
    }

    /// Names edge `edge` of `from`.
    public init(from: String, _ edge: WorkflowEdge) {
        self.init(from: from, target: edge.target, condition: edge.condition)
    }

    /// Where the edge is in `doc.edges(of: from)`, if it still exists.
    public func index(in doc: DesignDocument) -> Int? {
        doc.edges(of: from).firstIndex { $0.target == target && $0.condition == condition }
    }
}
