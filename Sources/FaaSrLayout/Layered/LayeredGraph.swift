/// A "proper" layered graph: every edge joins adjacent layers, long edges run through dummy
/// vertices, and each layer has an order. Vertices `0..<realCount` are the input's nodes;
/// the rest are dummies.
struct LayeredGraph {
    /// Number of real (input) vertices; higher indices are dummies.
    var realCount: Int
    /// Layer of every vertex.
    var layer: [Int]
    /// Vertices of each layer, in drawing order.
    var layers: [[Int]]
    /// Successors in the next layer of every vertex (distinct, in edge order).
    var successors: [[Int]]
    /// Predecessors in the previous layer of every vertex (distinct, in edge order).
    var predecessors: [[Int]]
    /// For every input edge: the vertices it passes, from its upper to its lower end
    /// (empty for self loops). Reversed edges are listed upper-to-lower too.
    var chains: [[Int]]
    /// For every input edge: whether it was turned around to break a cycle.
    var isReversed: [Bool]
    /// For every input edge: whether it is a self loop.
    var isSelfLoop: [Bool]

    /// Whether vertex `v` is a dummy (a bend of a long edge).
    func isDummy(_ v: Int) -> Bool { v >= realCount }

    /// Position of every vertex within its layer.
    func positions() -> [Int] {
        var pos = Array(repeating: 0, count: layer.count)
        for l in layers { for (i, v) in l.enumerated() { pos[v] = i } }
        return pos
    }

    /// Builds the layered graph: break cycles, assign layers, insert dummies, order layers.
    init(_ graph: LayoutGraph, orderingPasses: Int = 8) {
        let n = graph.nodes.count
        let orientation = AcyclicOrientation(graph)
        realCount = n
        isReversed = orientation.isReversed
        isSelfLoop = orientation.isSelfLoop
        // Distinct upper→lower pairs, in edge order.
        var pairIndex: [Pair: Int] = [:]
        var pairs: [Pair] = []
        var edgePair = Array(repeating: -1, count: graph.edges.count)
        for (i, e) in graph.edges.enumerated() where !isSelfLoop[i] {
            let p = isReversed[i] ? Pair(upper: e.target, lower: e.source) : Pair(upper: e.source, lower: e.target)
            if let k = pairIndex[p] {
                edgePair[i] = k
            } else {
                pairIndex[p] = pairs.count
                edgePair[i] = pairs.count
                pairs.append(p)
            }
        }
        layer = LayeredGraph.assignLayers(nodeCount: n, pairs: pairs)
        let layerCount = (layer.max() ?? -1) + 1
        successors = Array(repeating: [], count: n)
        predecessors = Array(repeating: [], count: n)
        var pairChains: [[Int]] = []
        for p in pairs {
            var chain = [p.upper]
            var previous = p.upper
            for l in (layer[p.upper] + 1)..<layer[p.lower] {
                let dummy = layer.count
                layer.append(l)
                successors.append([])
                predecessors.append([])
                successors[previous].append(dummy)
                predecessors[dummy].append(previous)
                chain.append(dummy)
                previous = dummy
            }
            successors[previous].append(p.lower)
            predecessors[p.lower].append(previous)
            chain.append(p.lower)
            pairChains.append(chain)
        }
        chains = edgePair.map { $0 < 0 ? [] : pairChains[$0] }
        layers = Array(repeating: [], count: layerCount)
        let order = LayerOrdering(
            layerCount: layerCount, layer: layer, successors: successors,
            predecessors: predecessors, entries: graph.nodes.indices.filter { graph.nodes[$0].isEntry })
        layers = order.minimiseCrossings(passes: orderingPasses)
    }

    /// Longest path from the sources, then sources pulled down next to their first successor.
    static func assignLayers(nodeCount n: Int, pairs: [Pair]) -> [Int] {
        var out = Array(repeating: [Int](), count: n)
        var indegree = Array(repeating: 0, count: n)
        for p in pairs {
            out[p.upper].append(p.lower)
            indegree[p.lower] += 1
        }
        var topo: [Int] = []
        var remaining = indegree
        var queue = (0..<n).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            topo.append(v)
            for w in out[v] {
                remaining[w] -= 1
                if remaining[w] == 0 { queue.append(w) }
            }
        }
        var layer = Array(repeating: 0, count: n)
        for v in topo { for w in out[v] { layer[w] = max(layer[w], layer[v] + 1) } }
        // A source that only feeds deep nodes sits just above the nearest of them.
        for v in topo.reversed() where indegree[v] == 0 && !out[v].isEmpty {
            layer[v] = out[v].map { layer[$0] }.min()! - 1
        }
        return layer
    }

    /// An upper→lower vertex pair.
    struct Pair: Hashable {
        var upper: Int
        var lower: Int
    }
}
