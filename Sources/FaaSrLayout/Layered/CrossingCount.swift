/// Counting edge crossings between adjacent layers (Barth, Jünger and Mutzel's accumulator
/// tree, O(E log V) per layer pair).
enum CrossingCount {
    /// Total crossings of a layered drawing in which edges only join adjacent layers.
    static func total(layers: [[Int]], successors: [[Int]]) -> Int {
        guard layers.count > 1 else { return 0 }
        var pos = Array(repeating: 0, count: successors.count)
        for l in layers { for (i, v) in l.enumerated() { pos[v] = i } }
        var total = 0
        var targets: [Int] = []
        for l in 0..<(layers.count - 1) {
            targets.removeAll(keepingCapacity: true)
            for v in layers[l] {
                let start = targets.count
                for w in successors[v] { targets.append(pos[w]) }
                targets[start...].sort()
            }
            total += between(targets, lowerCount: layers[l + 1].count)
        }
        return total
    }

    /// Crossings of edges given as lower-layer positions, listed in upper-layer order
    /// (edges of one upper vertex sorted by lower position).
    static func between(_ targets: [Int], lowerCount: Int) -> Int {
        guard lowerCount > 1, targets.count > 1 else { return 0 }
        var first = 1
        while first < lowerCount { first *= 2 }
        var tree = Array(repeating: 0, count: 2 * first - 1)
        first -= 1
        var crossings = 0
        for t in targets {
            var index = t + first
            tree[index] += 1
            while index > 0 {
                if index % 2 == 1 { crossings += tree[index + 1] }
                index = (index - 1) / 2
                tree[index] += 1
            }
        }
        return crossings
    }
}
