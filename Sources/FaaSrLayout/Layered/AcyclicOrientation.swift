/// Step 0 of the layered layout: which edges to turn around so the graph has no cycle.
///
/// A depth-first search with three colours, started from the entry nodes, then from nodes
/// without predecessors, then from anything left, all in declaration order. Every edge that
/// closes a cycle (points at a node still on the stack) is a back edge; reversing exactly the
/// back edges leaves a DAG. Self loops are reported separately and take no part in layering.
struct AcyclicOrientation {
    /// For every edge of the input: whether it is reversed for layering.
    var isReversed: [Bool]
    /// For every edge of the input: whether it is a self loop (source == target).
    var isSelfLoop: [Bool]

    init(_ graph: LayoutGraph) {
        let n = graph.nodes.count
        var out = Array(repeating: [Int](), count: n)
        var indegree = Array(repeating: 0, count: n)
        for (i, e) in graph.edges.enumerated() where e.source != e.target {
            out[e.source].append(i)
            indegree[e.target] += 1
        }
        isSelfLoop = graph.edges.map { $0.source == $0.target }
        isReversed = Array(repeating: false, count: graph.edges.count)
        // 0 = unvisited, 1 = on stack, 2 = done
        var colour = Array(repeating: 0, count: n)
        var roots = graph.nodes.indices.filter { graph.nodes[$0].isEntry }
        roots += graph.nodes.indices.filter { indegree[$0] == 0 }
        roots += graph.nodes.indices
        for root in roots where colour[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            colour[root] = 1
            while let top = stack.last {
                if top.next < out[top.node].count {
                    stack[stack.count - 1].next += 1
                    let edge = out[top.node][top.next]
                    let target = graph.edges[edge].target
                    switch colour[target] {
                    case 0:
                        colour[target] = 1
                        stack.append((target, 0))
                    case 1:
                        isReversed[edge] = true
                    default:
                        break
                    }
                } else {
                    colour[top.node] = 2
                    stack.removeLast()
                }
            }
        }
    }
}
