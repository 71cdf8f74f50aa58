/// One `InvokeNext` edge of the workflow graph.
public struct WorkflowEdge: Hashable, Sendable {
    /// The action whose `InvokeNext` holds the edge.
    public var from: String
    /// The target name (`Name` of `Name(N)`); may name no action (see ``WorkflowGraph/unknownTargets``).
    public var to: String
    /// When the edge fires.
    public var branch: Branch
    /// The rank count `N` of `Name(N)`, nil when not written.
    public var rank: Int?
    /// The target text as written.
    public var raw: String
    /// Where the target string stands in the document.
    public var pointer: JSONPointer

    public init(from: String, to: String, branch: Branch = .always, rank: Int? = nil, raw: String? = nil,
                pointer: JSONPointer = .root) {
        self.from = from
        self.to = to
        self.branch = branch
        self.rank = rank
        self.raw = raw ?? SuccessorText.format(name: to, rank: rank)
        self.pointer = pointer
    }

    /// How many copies of the target the edge starts.
    public var copies: Int { rank ?? 1 }
}
