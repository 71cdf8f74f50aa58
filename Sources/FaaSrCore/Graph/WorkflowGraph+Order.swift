extension WorkflowGraph {
    /// The actions in an order where every edge goes forward (Kahn's algorithm, ties broken by
    /// `ActionList` order); nil when the graph has a cycle (see ``cycle()``).
    public func topologicalOrder() -> [String]? {
        let n = nodes.count
        var indegree = Array(repeating: 0, count: n)
        var targets = Array(repeating: [Int](), count: n)
        for e in edges {
            guard let f = position(of: e.from), let t = position(of: e.to) else { continue }
            indegree[t] += 1
            targets[f].append(t)
        }
        var queue = (0..<n).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for t in targets[v] {
                indegree[t] -= 1
                if indegree[t] == 0 { queue.append(t) }
            }
        }
        return queue.count == n ? queue.map { nodes[$0] } : nil
    }

    /// A cycle as a path that starts and ends at the same action (`["A", "B", "A"]`; a
    /// self-loop is `["A", "A"]`), or nil when the graph is acyclic. Iterative, O(V + E).
    public func cycle() -> [String]? {
        let n = nodes.count
        var targets = Array(repeating: [Int](), count: n)
        for e in edges {
            guard let f = position(of: e.from), let t = position(of: e.to) else { continue }
            targets[f].append(t)
        }
        // 0 = unvisited, 1 = on the stack, 2 = done.
        var state = Array(repeating: 0, count: n)
        var parent = Array(repeating: -1, count: n)
        for start in 0..<n where state[start] == 0 {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                if top.next < targets[top.node].count {
                    stack[stack.count - 1].next += 1
                    let t = targets[top.node][top.next]
                    if state[t] == 1 {
                        var path = [nodes[t]]
                        var v = top.node
                        var back: [String] = []
                        while v != t {
                            back.append(nodes[v])
                            v = parent[v]
                        }
                        path += back.reversed()
                        path.append(nodes[t])
                        return path
                    }
                    if state[t] == 0 {
                        state[t] = 1
                        parent[t] = top.node
                        stack.append((t, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
        return nil
    }

    /// Whether the graph has a cycle.
    public var isAcyclic: Bool { topologicalOrder() != nil }

    /// The actions reachable from `start` (itself included) along edges.
    public func reachable(from start: String) -> Set<String> {
        guard contains(start) else { return [] }
        var seen: Set<String> = [start]
        var stack = [start]
        while let v = stack.popLast() {
            for t in successors(of: v) where seen.insert(t).inserted { stack.append(t) }
        }
        return seen
    }

    /// Whether `target` can be reached from `start` along one or more edges.
    public func canReach(from start: String, to target: String) -> Bool {
        successors(of: start).contains { reachable(from: $0).contains(target) }
    }

    /// Actions not reachable from `start` (the entry by default; FaaSr's start when there is
    /// no valid `FunctionInvoke`), in `ActionList` order.
    public func unreachable(from start: String? = nil) -> [String] {
        guard let s = start ?? entry ?? faasrStart else { return nodes }
        let seen = reachable(from: s)
        return nodes.filter { !seen.contains($0) }
    }

    /// The length of the longest edge path from a root to each action (0 for roots); nil
    /// when the graph has a cycle. Useful for layered drawing.
    public func depths() -> [String: Int]? {
        guard let order = topologicalOrder() else { return nil }
        var depth: [String: Int] = [:]
        for v in order {
            let d = depth[v] ?? 0
            depth[v] = d
            for t in successors(of: v) { depth[t] = max(depth[t] ?? 0, d + 1) }
        }
        return depth
    }
}
