/// A deterministic order of actions for the graph view: topological from the entry (ties in
/// file order), then actions on cycles or unreachable ones in file order.
public enum DagOrder {
    /// Actions in display order.
    public static func order(_ doc: DesignDocument) -> [String] { GraphIndex(doc).order }

    /// The layer of each action: the longest path from a source (cycles broken by file order).
    public static func layers(_ doc: DesignDocument) -> [String: Int] { GraphIndex(doc).layer }
}

/// What the graph pane and graph navigation need from a document, computed in one pass over
/// its edges (each `InvokeNext` is read once): the display order, layers and rank badges.
/// ``GraphIndexCache`` keeps the last one, so frames and cursor moves that do not change the
/// workflow reuse it.
public struct GraphIndex: Sendable {
    /// Action names in file order.
    public let names: [String]
    /// Outgoing edges per action.
    public let edges: [String: [Edge]]
    /// Actions in display order (see ``DagOrder``).
    public let order: [String]
    /// Position of each action in ``order``.
    public let position: [String: Int]
    /// Layer of each action: the longest path from a source.
    public let layer: [String: Int]
    /// The rank badge of each ranked target.
    public let rank: [String: Int]

    /// Indexes `doc`.
    public init(_ doc: DesignDocument) {
        let names = doc.actionNames
        var edges: [String: [Edge]] = [:]
        edges.reserveCapacity(names.count)
        for n in names where edges[n] == nil { edges[n] = doc.edges(of: n) }
        let set = Set(names)
        var indegree: [String: Int] = [:]
        for n in names { for e in edges[n] ?? [] where set.contains(e.target) && e.target != n { indegree[e.target, default: 0] += 1 } }
        var ready = names.filter { (indegree[$0] ?? 0) == 0 }
        if let entry = doc.entry, let i = ready.firstIndex(of: entry) { ready.remove(at: i); ready.insert(entry, at: 0) }
        var order: [String] = []
        var seen = Set<String>()
        var head = 0
        while head < ready.count {
            let n = ready[head]
            head += 1
            guard seen.insert(n).inserted else { continue }
            order.append(n)
            for e in edges[n] ?? [] where set.contains(e.target) && e.target != n {
                indegree[e.target, default: 0] -= 1
                if indegree[e.target] == 0 { ready.append(e.target) }
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
            for e in edges[n] ?? [] {
                if let k = e.rank { rank[e.target] = k }
                if (position[e.target] ?? -1) > (position[n] ?? 0) { layer[e.target] = max(layer[e.target] ?? 0, l + 1) }
            }
        }
        self.names = names
        self.edges = edges
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

import FaaSrCore
