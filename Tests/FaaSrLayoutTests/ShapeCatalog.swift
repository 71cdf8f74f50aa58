@testable import FaaSrLayout

/// Small graphs of typical shapes, built from a compact text form:
/// `"a>b a>c:T a>d:F b>e:R3"` (T/F = True/False branch, R3 = rank 3, ? suffix = unknown target).
enum ShapeCatalog {
    static func graph(_ spec: String, entry: String? = nil, details: Bool = true) -> LayoutGraph {
        var g = LayoutGraph()
        func node(_ name: String) -> Int {
            if let i = g.index(of: name) { return i }
            g.nodes.append(LayoutNode(id: name, details: details ? ["\(name).py · Py · GH"] : []))
            return g.nodes.count - 1
        }
        for token in spec.split(separator: " ") {
            let parts = token.split(separator: ":")
            let ends = parts[0].split(separator: ">").map(String.init)
            if ends.count == 1 { _ = node(ends[0]); continue }
            let s = node(ends[0])
            var targetName = ends[1]
            let unknown = targetName.hasSuffix("?")
            if unknown { targetName.removeLast() }
            let t = node(targetName)
            if unknown {
                g.nodes[t].isPlaceholder = true
                g.nodes[t].details = []
            }
            var kind: LayoutEdgeKind = unknown ? .unknownTarget : .plain
            var rank = 1
            if parts.count > 1 {
                let flag = parts[1]
                if flag == "T" { kind = .trueBranch }
                if flag == "F" { kind = .falseBranch }
                if flag.hasPrefix("R") {
                    kind = .ranked
                    rank = Int(flag.dropFirst()) ?? 1
                    g.nodes[t].rank = rank
                }
            }
            g.edges.append(LayoutEdge(from: s, to: t, kind: kind, rank: rank))
        }
        let e = entry.flatMap { g.index(of: $0) } ?? 0
        if !g.nodes.isEmpty { g.nodes[e].isEntry = true }
        return g
    }

    /// The catalogue of shapes with golden renders.
    static let shapes: [(name: String, spec: String)] = [
        ("chain", "start>prep prep>train train>report"),
        ("fan-out", "start>fetchA start>fetchB start>fetchC"),
        ("fan-in", "a>merge b>merge c>merge"),
        ("diamond", "start>left start>right left>join right>join"),
        ("conditional", "start>preprocess preprocess>train:T preprocess>report:F train>report"),
        ("rank", "start>train:R3 train>report"),
        ("long-edge", "a>b b>c c>d a>d"),
        ("cycle", "a>b b>c c>a c>d"),
        ("self-loop", "a>b b>b"),
        ("unknown-target", "start>work work>missing?"),
        ("cjk", "開始>処理 処理>終了"),
    ]

    /// A fan-out of `n` actions from one entry.
    static func wideFanOut(_ n: Int) -> LayoutGraph {
        graph((1...n).map { "start>f\($0)" }.joined(separator: " "), details: false)
    }
}
