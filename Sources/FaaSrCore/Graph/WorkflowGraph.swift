/// The directed graph of a workflow: one node per action (in `ActionList` order), one edge
/// per `InvokeNext` target (plain, ranked or conditional).
///
/// Built in O(actions + edges) and queried without recomputation, so the designer can rebuild
/// it on every keystroke. Edges to names that are not actions are kept (see
/// ``unknownTargets``) but take no part in the order, cycle and reachability queries.
public struct WorkflowGraph: Sendable {
    /// The action names, in `ActionList` order.
    public let nodes: [String]
    /// Every edge, in `ActionList` order then `InvokeNext` order.
    public let edges: [WorkflowEdge]
    /// `FunctionInvoke` as written (may name no action).
    public let functionInvoke: String?

    private let index: [String: Int]
    /// Edge indices leaving each node (by node index).
    private let outgoingEdges: [[Int]]
    /// Edge indices entering each node (by node index).
    private let incomingEdges: [[Int]]

    /// The graph of `workflow`.
    public init(_ workflow: Workflow) {
        var edges: [WorkflowEdge] = []
        let actions = workflow.actions
        for action in actions {
            for s in action.successors {
                edges.append(WorkflowEdge(from: action.name, to: s.name, branch: s.branch, rank: s.rank,
                                          raw: s.raw, pointer: s.pointer))
            }
        }
        self.init(nodes: actions.map(\.name), edges: edges, functionInvoke: workflow.functionInvoke)
    }

    /// A graph from explicit nodes and edges (duplicate node names are listed once).
    public init(nodes: [String], edges: [WorkflowEdge], functionInvoke: String? = nil) {
        var index: [String: Int] = [:]
        var unique: [String] = []
        for n in nodes where index[n] == nil {
            index[n] = unique.count
            unique.append(n)
        }
        var outgoing = Array(repeating: [Int](), count: unique.count)
        var incoming = Array(repeating: [Int](), count: unique.count)
        for (k, e) in edges.enumerated() {
            guard let f = index[e.from] else { continue }
            outgoing[f].append(k)
            if let t = index[e.to] { incoming[t].append(k) }
        }
        self.nodes = unique
        self.edges = edges
        self.functionInvoke = functionInvoke
        self.index = index
        self.outgoingEdges = outgoing
        self.incomingEdges = incoming
    }

    /// Whether `name` is an action.
    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The position of action `name` in `ActionList` order.
    public func position(of name: String) -> Int? { index[name] }

    /// `FunctionInvoke` when it names an action.
    public var entry: String? { functionInvoke.flatMap { index[$0] != nil ? $0 : nil } }

    /// Edges leaving `name`, in `InvokeNext` order.
    public func outgoing(from name: String) -> [WorkflowEdge] {
        guard let i = index[name] else { return [] }
        return outgoingEdges[i].map { edges[$0] }
    }

    /// Edges entering `name` from actions.
    public func incoming(to name: String) -> [WorkflowEdge] {
        guard let i = index[name] else { return [] }
        return incomingEdges[i].map { edges[$0] }
    }

    /// The distinct targets of `name`'s edges that are actions, in order.
    public func successors(of name: String) -> [String] {
        var seen = Set<String>()
        return outgoing(from: name).map(\.to).filter { index[$0] != nil && seen.insert($0).inserted }
    }

    /// The distinct actions with an edge to `name`, in order.
    public func predecessors(of name: String) -> [String] {
        var seen = Set<String>()
        return incoming(to: name).map(\.from).filter { seen.insert($0).inserted }
    }

    /// Edges whose target is not an action (FaaSr fails on them only when triggering).
    public var unknownTargets: [WorkflowEdge] { edges.filter { index[$0.to] == nil } }

    /// Actions no edge enters (self-loops count as entering), in order.
    public var roots: [String] { nodes.indices.filter { incomingEdges[$0].isEmpty }.map { nodes[$0] } }

    /// Actions no edge leaves towards an action, in order.
    public var leaves: [String] {
        nodes.indices.filter { i in outgoingEdges[i].allSatisfy { index[edges[$0].to] == nil } }.map { nodes[$0] }
    }

    /// The action FaaSr's DAG check starts from: the first action in `ActionList` order that
    /// no edge targets (spec/runtime.md §2.2 step 3); nil when every action is targeted.
    public var faasrStart: String? { roots.first }

    /// The rank count FaaSr gives `name`: `N` when an edge `name(N)` enters it (the last such
    /// edge in graph order), 1 for unranked incoming edges, nil when nothing enters it.
    public func rank(of name: String) -> Int? {
        let inc = incoming(to: name)
        guard let last = inc.last else { return nil }
        return last.rank ?? 1
    }
}
