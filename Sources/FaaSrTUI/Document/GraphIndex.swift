import FaaSrCore

/// What the graph pane and graph navigation need from a document, derived from FaaSrCore's
/// ``WorkflowGraph`` (the designer parses no `InvokeNext` of its own): the display order
/// (topological from the entry, ties in file order, then actions on cycles or unreachable ones
/// in file order), layers and rank badges. ``GraphIndexCache`` keeps the last one, so frames
/// and cursor moves that do not change the workflow reuse it.
public struct GraphIndex: Sendable {
    /// The core graph the index was made from.
    public let graph: WorkflowGraph
    /// Action names in file order.
    public var names: [String] { graph.nodes }
    /// Outgoing edges per action, in `InvokeNext` order.
    public let edges: [String: [WorkflowEdge]]
    /// Actions in display order.
    public let order: [String]
    /// Position of each action in ``order``.
    public let position: [String: Int]
    /// Layer of each action: the longest path from a source (cycles broken by display order).
    public let layer: [String: Int]
    /// The rank badge of each ranked target.
    public let rank: [String: Int]

    /// Indexes `doc`.
    public init(_ doc: DesignDocument) {
        let graph = doc.workflow.graph
        let names = graph.nodes
        var indegree: [String: Int] = [:]
        for e in graph.edges where graph.contains(e.to) && e.to != e.from { indegree[e.to, default: 0] += 1 }
        var ready = names.filter { (indegree[$0] ?? 0) == 0 }
        if let entry = graph.entry, let i = ready.firstIndex(of: entry) { ready.remove(at: i); ready.insert(entry, at: 0) }
        var order: [String] = []
        var seen = Set<String>()
        var head = 0
        while head < ready.count {
            let n = ready[head]
            head += 1
            guard seen.insert(n).inserted else { continue }
            order.append(n)
            for e in graph.outgoing(from: n) where graph.contains(e.to) && e.to != n {
                indegree[e.to, default: 0] -= 1
                if indegree[e.to] == 0 { ready.append(e.to) }
            }
        }
        order += names.filter { !seen.contains($0) }
        var position: [String: Int] = [:]
        for (i, n) in order.enumerated() where position[n] == nil { position[n] = i }
        var layer: [String: Int] = [:]
        var rank: [String: Int] = [:]
        for n in order {
            let l = layer[n] ?? 0
            layer[n] = l
            for e in graph.outgoing(from: n) {
                if let k = e.rank { rank[e.to] = k }
                if (position[e.to] ?? -1) > (position[n] ?? 0) { layer[e.to] = max(layer[e.to] ?? 0, l + 1) }
            }
        }
        self.graph = graph
        self.edges = Dictionary(grouping: graph.edges, by: \.from)
        self.order = order
        self.position = position
        self.layer = layer
        self.rank = rank
    }

}

/// Keeps the ``GraphIndex`` of the last document it was asked about. Keyed by the workflow's
/// JSON, so the index is always the one a fresh computation would give: views stay pure
/// functions of the state. Used from the UI thread only.
public final class GraphIndexCache: @unchecked Sendable, Equatable {
    private var key: JSONValue?
    private var value: GraphIndex?

    /// An empty cache.
    public init() {}

    /// The index of `doc`.
    public func index(for doc: DesignDocument) -> GraphIndex {
        if let value, key == doc.root { return value }
        let v = GraphIndex(doc)
        key = doc.root
        value = v
        return v
    }

    /// Caches never make two states differ.
    public static func == (a: GraphIndexCache, b: GraphIndexCache) -> Bool { true }
}

extension Branch {
    /// The next branch in the cycle always → True → False → always (the `t` key).
    public var next: Branch {
        switch self {
        case .always: .onTrue
        case .onTrue: .onFalse
        case .onFalse: .always
        }
    }
}

extension WorkflowEdge {
    /// The invoked action (the designer's name for ``to``).
    public var target: String {
        get { to }
        set { to = newValue }
    }

    /// When the edge fires (the designer's name for ``branch``).
    public var condition: Branch {
        get { branch }
        set { branch = newValue }
    }

    /// The target as `InvokeNext` writes it for this edge: `B` or `B(3)`.
    public var text: String { SuccessorText.format(name: to, rank: rank) }
}
