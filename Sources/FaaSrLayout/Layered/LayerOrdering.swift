/// Step 3 of the layered layout: the order of vertices within each layer, chosen to keep
/// edge crossings few.
///
/// The seed order comes from a depth-first search from the entry (successors in edge order, so
/// `True` comes before `False`). Then alternate down and up sweeps sort each layer by the
/// weighted median of its neighbours in the layer just fixed (ties keep the previous order),
/// each followed by adjacent transpositions while they reduce crossings. The best ordering
/// seen is kept; barycenter sweeps from the same seed are tried too and win only when strictly
/// better. Everything is deterministic.
struct LayerOrdering {
    let layerCount: Int
    let layer: [Int]
    let successors: [[Int]]
    let predecessors: [[Int]]
    let entries: [Int]

    /// The best layer orders found in `passes` down/up sweep pairs per heuristic.
    func minimiseCrossings(passes: Int) -> [[Int]] {
        let seed = seedOrder()
        var best = seed
        var bestCount = CrossingCount.total(layers: seed, successors: successors)
        if bestCount == 0 { return best }
        for heuristic in [Heuristic.median, .barycenter] {
            var current = seed
            var stale = 0
            for pass in 0..<passes {
                sweep(&current, downward: pass % 2 == 0, heuristic: heuristic)
                transpose(&current)
                let count = CrossingCount.total(layers: current, successors: successors)
                if count < bestCount {
                    bestCount = count
                    best = current
                    stale = 0
                    if count == 0 { return best }
                } else {
                    stale += 1
                    if stale >= 4 { break }
                }
            }
        }
        return best
    }

    enum Heuristic { case median, barycenter }

    /// Depth-first order from the entries, then from sources, then from anything unvisited.
    func seedOrder() -> [[Int]] {
        var layers = Array(repeating: [Int](), count: layerCount)
        var seen = Array(repeating: false, count: layer.count)
        var roots = entries
        roots += layer.indices.filter { predecessors[$0].isEmpty }
        roots += layer.indices
        for root in roots where !seen[root] {
            var stack = [root]
            while let v = stack.popLast() {
                if seen[v] { continue }
                seen[v] = true
                layers[layer[v]].append(v)
                // Parents are walked too (after the children), so a lower vertex reached first
                // does not strand its other parents at the far end of their layer.
                for w in predecessors[v].reversed() where !seen[w] { stack.append(w) }
                for w in successors[v].reversed() where !seen[w] { stack.append(w) }
            }
        }
        return layers
    }

    /// Sorts every layer (after the first in sweep direction) by its neighbours' positions.
    func sweep(_ layers: inout [[Int]], downward: Bool, heuristic: Heuristic) {
        var pos = Array(repeating: 0, count: layer.count)
        for l in layers { for (i, v) in l.enumerated() { pos[v] = i } }
        let range: [Int] = downward ? Array(1..<max(1, layerCount)) : Array((0..<max(0, layerCount - 1)).reversed())
        var buffer: [Int] = []
        for l in range {
            var keyed: [(key: Double, old: Int, v: Int)] = []
            keyed.reserveCapacity(layers[l].count)
            for (i, v) in layers[l].enumerated() {
                buffer.removeAll(keepingCapacity: true)
                for u in downward ? predecessors[v] : successors[v] { buffer.append(pos[u]) }
                let key: Double
                if buffer.isEmpty {
                    key = -1
                } else if heuristic == .barycenter {
                    key = Double(buffer.reduce(0, +)) / Double(buffer.count)
                } else {
                    buffer.sort()
                    key = LayerOrdering.weightedMedian(buffer)
                }
                keyed.append((key, i, v))
            }
            // Vertices without neighbours keep their slot; the others are sorted around them.
            let movable = keyed.filter { $0.key >= 0 }.sorted { ($0.key, $0.old) < ($1.key, $1.old) }
            var next = movable.makeIterator()
            var result: [Int] = []
            result.reserveCapacity(keyed.count)
            for item in keyed {
                if item.key < 0 { result.append(item.v) } else { result.append(next.next()!.v) }
            }
            layers[l] = result
            for (i, v) in result.enumerated() { pos[v] = i }
        }
    }

    /// The median of sorted positions, interpolated for an even count (Gansner et al.).
    static func weightedMedian(_ p: [Int]) -> Double {
        let m = p.count / 2
        if p.count % 2 == 1 { return Double(p[m]) }
        if p.count == 2 { return Double(p[0] + p[1]) / 2 }
        let left = Double(p[m - 1] - p[0])
        let right = Double(p[p.count - 1] - p[m])
        if left + right == 0 { return Double(p[m - 1] + p[m]) / 2 }
        return (Double(p[m - 1]) * right + Double(p[m]) * left) / (left + right)
    }

    /// Swaps adjacent vertices while that strictly reduces crossings with both neighbour layers.
    func transpose(_ layers: inout [[Int]]) {
        var pos = Array(repeating: 0, count: layer.count)
        for l in layers { for (i, v) in l.enumerated() { pos[v] = i } }
        var dirty = Array(repeating: true, count: layerCount)
        var rounds = 0
        // Flat, reused buffers: sorted neighbour positions of the layer's vertices, by slot.
        var flat: [Int] = []
        var upRange: [Range<Int>] = []
        var downRange: [Range<Int>] = []
        while dirty.contains(true) && rounds < 4 {
            rounds += 1
            var next = Array(repeating: false, count: layerCount)
            for l in 0..<layerCount where dirty[l] && layers[l].count > 1 {
                // Neighbour positions in the adjacent layers do not change while this one is
                // transposed, so sort them once.
                flat.removeAll(keepingCapacity: true)
                upRange.removeAll(keepingCapacity: true)
                downRange.removeAll(keepingCapacity: true)
                for v in layers[l] {
                    var start = flat.count
                    for u in predecessors[v] { flat.append(pos[u]) }
                    flat[start...].sort()
                    upRange.append(start..<flat.count)
                    start = flat.count
                    for w in successors[v] { flat.append(pos[w]) }
                    flat[start...].sort()
                    downRange.append(start..<flat.count)
                }
                var changed = false
                for i in 0..<(layers[l].count - 1) {
                    let now = LayerOrdering.inversions(flat, upRange[i], upRange[i + 1])
                        + LayerOrdering.inversions(flat, downRange[i], downRange[i + 1])
                    let swapped = LayerOrdering.inversions(flat, upRange[i + 1], upRange[i])
                        + LayerOrdering.inversions(flat, downRange[i + 1], downRange[i])
                    if swapped < now {
                        layers[l].swapAt(i, i + 1)
                        upRange.swapAt(i, i + 1)
                        downRange.swapAt(i, i + 1)
                        pos[layers[l][i]] = i
                        pos[layers[l][i + 1]] = i + 1
                        changed = true
                    }
                }
                if changed {
                    next[l] = true
                    if l > 0 { next[l - 1] = true }
                    if l + 1 < layerCount { next[l + 1] = true }
                }
            }
            dirty = next
        }
    }

    /// Pairs (a in `left`, b in `right`) with a > b, for two sorted ranges of `values`.
    static func inversions(_ values: [Int], _ left: Range<Int>, _ right: Range<Int>) -> Int {
        if left.isEmpty || right.isEmpty { return 0 }
        var count = 0
        var j = right.lowerBound
        for i in left {
            let a = values[i]
            while j < right.upperBound && values[j] < a { j += 1 }
            count += j - right.lowerBound
        }
        return count
    }

    /// Number of pairs (a from `left`, b from `right`) with a > b; both sorted.
    static func inversions(_ left: [Int], _ right: [Int]) -> Int {
        if left.isEmpty || right.isEmpty { return 0 }
        var count = 0
        var j = 0
        for a in left {
            while j < right.count && right[j] < a { j += 1 }
            count += j
        }
        return count
    }
}
