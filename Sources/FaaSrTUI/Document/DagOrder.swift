/// A deterministic order of actions for the graph view: topological from the entry (ties in
/// file order), then actions on cycles or unreachable ones in file order.
public enum DagOrder {
    /// Actions in display order.
    public static func order(_ doc: DesignDocument) -> [String] {
        let names = doc.actionNames
        let set = Set(names)
        var indegree: [String: Int] = [:]
        for n in names { for e in doc.edges(of: n) where set.contains(e.target) && e.target != n { indegree[e.target, default: 0] += 1 } }
        var ready = names.filter { (indegree[$0] ?? 0) == 0 }
        if let entry = doc.entry, let i = ready.firstIndex(of: entry) { ready.remove(at: i); ready.insert(entry, at: 0) }
        var out: [String] = []
        var seen = Set<String>()
        while !ready.isEmpty {
            let n = ready.removeFirst()
            guard seen.insert(n).inserted else { continue }
            out.append(n)
            for e in doc.edges(of: n) where set.contains(e.target) && e.target != n {
                indegree[e.target, default: 0] -= 1
                if indegree[e.target] == 0 { ready.append(e.target) }
            }
        }
        return out + names.filter { !seen.contains($0) }
    }

    /// The layer of each action: the longest path from a source (cycles broken by file order).
    public static func layers(_ doc: DesignDocument) -> [String: Int] {
        let order = order(doc)
        let pos = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var layer: [String: Int] = [:]
        for n in order {
            let l = layer[n] ?? 0
            layer[n] = l
            for e in doc.edges(of: n) where (pos[e.target] ?? -1) > (pos[n] ?? 0) {
                layer[e.target] = max(layer[e.target] ?? 0, l + 1)
            }
        }
        return layer
    }
}
