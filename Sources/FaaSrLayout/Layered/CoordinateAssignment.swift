/// Step 4 of the layered layout: positions along the order axis (columns when drawing top to
/// bottom), keeping the order of every layer and pulling ports into line with their neighbours.
///
/// Each layer in turn is placed optimally given the layer just fixed: every vertex wants its
/// port at the median port of its neighbours there, weighted so long edges (runs of dummies)
/// want straightness most (Gansner's weights 1, 2, 8). Minimising the weighted squared
/// distance under the order and spacing constraints is isotonic regression, solved exactly by
/// pool-adjacent-violators. Down and up sweeps alternate; a final sweep uses both sides.
struct CoordinateAssignment {
    /// Extent of each vertex along the order axis.
    let extent: [Int]
    /// Port offset of each vertex from its start.
    let portOffset: [Int]
    /// Minimum gap after each vertex (to the next one in its layer).
    let gap: (Int, Int) -> Int

    /// Start positions (along the order axis) of every vertex; the smallest is 0.
    func positions(for graph: LayeredGraph, sweeps: Int = 6) -> [Int] {
        var start = Array(repeating: 0, count: graph.layer.count)
        for l in graph.layers {
            var x = 0
            for (i, v) in l.enumerated() {
                start[v] = x
                x += extent[v] + (i + 1 < l.count ? gap(v, l[i + 1]) : 0)
            }
        }
        let count = graph.layers.count
        guard count > 1 else { return start }
        for s in 0..<(sweeps + 1) {
            let final = s == sweeps
            let downward = s % 2 == 0
            let order = downward ? Array(1..<count) : Array((0..<(count - 1)).reversed())
            for l in order {
                place(layer: graph.layers[l], graph: graph, start: &start, useUpper: downward || final, useLower: !downward || final)
            }
        }
        let minimum = start.min() ?? 0
        return start.map { $0 - minimum }
    }

    private func weight(_ a: Int, _ b: Int, _ graph: LayeredGraph) -> Double {
        switch (graph.isDummy(a), graph.isDummy(b)) {
        case (true, true): 8
        case (false, false): 1
        default: 2
        }
    }

    private func place(layer: [Int], graph: LayeredGraph, start: inout [Int], useUpper: Bool, useLower: Bool) {
        var desired: [Double] = []
        var weights: [Double] = []
        var offsets: [Int] = []
        var offset = 0
        for (i, v) in layer.enumerated() {
            var ports: [Int] = []
            var w = 0.0
            if useUpper {
                for u in graph.predecessors[v] {
                    ports.append(start[u] + portOffset[u])
                    w += weight(u, v, graph)
                }
            }
            if useLower {
                for u in graph.successors[v] {
                    ports.append(start[u] + portOffset[u])
                    w += weight(u, v, graph)
                }
            }
            offsets.append(offset)
            if ports.isEmpty {
                desired.append(Double(start[v] - offset))
                weights.append(0.001)
            } else {
                ports.sort()
                let m = ports.count / 2
                let median = ports.count % 2 == 1 ? Double(ports[m]) : Double(ports[m - 1] + ports[m]) / 2
                desired.append(median - Double(portOffset[v]) - Double(offset))
                weights.append(w)
            }
            if i + 1 < layer.count { offset += extent[v] + gap(v, layer[i + 1]) }
        }
        let fitted = CoordinateAssignment.isotonic(desired, weights)
        for (i, v) in layer.enumerated() { start[v] = Int(fitted[i].rounded(.down)) + offsets[i] }
    }

    /// Weighted least-squares nondecreasing fit (pool adjacent violators).
    static func isotonic(_ values: [Double], _ weights: [Double]) -> [Double] {
        var means: [Double] = []
        var sums: [Double] = []
        var counts: [Int] = []
        for (v, w) in zip(values, weights) {
            means.append(v)
            sums.append(w)
            counts.append(1)
            while means.count > 1 && means[means.count - 2] >= means[means.count - 1] {
                let m2 = means.removeLast(), w2 = sums.removeLast(), c2 = counts.removeLast()
                let m1 = means.removeLast(), w1 = sums.removeLast(), c1 = counts.removeLast()
                let w = w1 + w2
                means.append((m1 * w1 + m2 * w2) / w)
                sums.append(w)
                counts.append(c1 + c2)
            }
        }
        var result: [Double] = []
        result.reserveCapacity(values.count)
        for (m, c) in zip(means, counts) { result += Array(repeating: m, count: c) }
        return result
    }
}
