import Testing
import TUIKit
@testable import FaaSrLayout

/// Invariants on many random graphs (seeded, so failures reproduce): cycles, self loops,
/// conditional and ranked edges, unknown targets, duplicates and isolated nodes.
@Suite("Random graphs")
struct RandomGraphTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
    }

    static func graph(seed: UInt64) -> LayoutGraph {
        var r = Generator(state: seed)
        let n = 1 + r.next(14)
        var g = LayoutGraph()
        for i in 0..<n {
            g.nodes.append(LayoutNode(id: "n\(i)", details: r.next(3) == 0 ? [] : ["fn_\(i) · Py · GH"], isEntry: i == 0))
        }
        for _ in 0..<r.next(2 * n + 2) {
            let s = r.next(n)
            var t = r.next(n)
            // Mostly forward edges, some back edges and self loops.
            if r.next(6) != 0 && t < s { t = s + r.next(max(1, n - s)) }
            if t >= n { t = n - 1 }
            let kinds: [LayoutEdgeKind] = [.plain, .plain, .trueBranch, .falseBranch, .ranked]
            let kind = kinds[r.next(kinds.count)]
            g.edges.append(LayoutEdge(from: s, to: t, kind: kind, rank: kind == .ranked ? 3 : 1))
            if kind == .ranked { g.nodes[t].rank = 3 }
        }
        if r.next(4) == 0 {
            g.nodes.append(LayoutNode(id: "missing", isPlaceholder: true))
            g.edges.append(LayoutEdge(from: r.next(n), to: n, kind: .unknownTarget))
        }
        return g
    }

    @Test("drawings of 300 random graphs keep every invariant, both ways", arguments: 0..<6)
    func invariants(_ batch: Int) {
        for seed in (batch * 50)..<((batch + 1) * 50) {
            let g = Self.graph(seed: UInt64(seed) &* 7919 &+ 17)
            for o in LayoutOrientation.allCases {
                let d = DAGLayout.draw(g, options: .init(orientation: o))
                let canvas = DAGPainter().paint(d, graph: g)
                let problems = DrawingInvariants.violations(d, graph: g, canvas: canvas)
                #expect(problems.isEmpty, "seed \(seed) \(o): \(problems.prefix(4))\n\(canvas.plainText())")
                #expect(DAGLayout.draw(g, options: .init(orientation: o)) == d)
            }
        }
    }
}
