import TUIKit
@testable import FaaSrLayout

/// Checks the promises of a drawing; returns one message per broken promise.
enum DrawingInvariants {
    static func violations(_ d: DAGDrawing, graph: LayoutGraph, canvas: Canvas) -> [String] {
        var problems: [String] = []
        func onBorder(_ p: CellPoint, _ r: Rect) -> Bool {
            r.contains(p) && (p.x == r.x || p.y == r.y || p.x == r.x + r.width - 1 || p.y == r.y + r.height - 1)
        }
        // No two boxes overlap.
        let order = d.boxes.indices.sorted { d.boxes[$0].extent.x < d.boxes[$1].extent.x }
        for (k, i) in order.enumerated() {
            for j in order[(k + 1)...] {
                if d.boxes[j].extent.x >= d.boxes[i].extent.x + d.boxes[i].extent.width { break }
                if d.boxes[i].extent.intersects(d.boxes[j].extent) {
                    problems.append("boxes \(graph.nodes[i].id) and \(graph.nodes[j].id) overlap")
                }
            }
        }
        // Box index by cell, for the edge and label checks.
        var boxAt: [CellPoint: Int] = [:]
        for (i, b) in d.boxes.enumerated() {
            for y in b.extent.y..<(b.extent.y + b.extent.height) {
                for x in b.extent.x..<(b.extent.x + b.extent.width) { boxAt[CellPoint(x: x, y: y)] = i }
            }
        }
        var edgeCells = Set<CellPoint>()
        // Lines of two edges may run along the same cells only when the edges share an end
        // (a fan-out or fan-in bus); otherwise the picture would join unrelated edges.
        // Per cell and axis, the first and the latest edge running there (flat arrays: the
        // corpus has drawings of a million cells).
        let area = d.width * d.height
        var first = [Int32](repeating: -1, count: 2 * area)
        var latest = [Int32](repeating: -1, count: 2 * area)
        var reported = Set<[Int]>()
        func ends(_ i: Int) -> (Int, Int) {
            let e = graph.edges[i]
            return d.edges[i].isBackEdge ? (e.target, e.source) : (e.source, e.target)
        }
        func compare(_ x: Int, _ y: Int, _ c: CellPoint) {
            let (aFrom, aTo) = ends(x), (bFrom, bTo) = ends(y)
            if aFrom != bFrom && aTo != bTo && reported.insert([min(x, y), max(x, y)]).inserted {
                let a = graph.edges[x], b = graph.edges[y]
                problems.append("edges \(graph.nodes[a.source].id)->\(graph.nodes[a.target].id) and \(graph.nodes[b.source].id)->\(graph.nodes[b.target].id) share a line at \(c.x),\(c.y)")
            }
        }
        for (i, route) in d.edges.enumerated() where !route.isSelfLoop {
            let cells = route.cells
            for (a, b) in zip(cells, cells.dropFirst()) {
                let axis = a.y == b.y ? 0 : 1
                for c in [a, b] {
                    let k = 2 * (c.y * d.width + c.x) + axis
                    if latest[k] == Int32(i) { continue }
                    if first[k] >= 0 {
                        compare(Int(first[k]), i, c)
                        if latest[k] != first[k] { compare(Int(latest[k]), i, c) }
                    } else {
                        first[k] = Int32(i)
                    }
                    latest[k] = Int32(i)
                }
            }
        }
        for (i, route) in d.edges.enumerated() {
            let e = graph.edges[i]
            let name = "\(graph.nodes[e.source].id)->\(graph.nodes[e.target].id)"
            guard route.points.count >= 2 else { problems.append("edge \(name) not drawn"); continue }
            for (a, b) in zip(route.points, route.points.dropFirst()) where a.x != b.x && a.y != b.y {
                problems.append("edge \(name) has a diagonal step")
            }
            let cells = route.cells
            if !onBorder(cells.first!, d.boxes[e.source].frame) { problems.append("edge \(name) does not start on its source") }
            if !onBorder(cells.last!, d.boxes[e.target].frame) { problems.append("edge \(name) does not end on its target") }
            for (k, c) in cells.enumerated() {
                if canvas[x: c.x, y: c.y].grapheme == " " { problems.append("edge \(name) has a gap at \(c.x),\(c.y)") }
                let inner = k > 0 && k < cells.count - 1
                if let owner = boxAt[c], (inner && !route.isSelfLoop) || (owner != e.source && owner != e.target) {
                    problems.append("edge \(name) passes through box \(graph.nodes[owner].id) at \(c.x),\(c.y)")
                }
                edgeCells.insert(c)
            }
        }
        for label in d.labels {
            let w = DisplayWidth.of(label.text)
            let row = canvas.row(label.origin.y)
            if !row.contains(label.text) { problems.append("label \(label.text) not visible on row \(label.origin.y)") }
            for x in label.origin.x..<(label.origin.x + w) {
                let c = CellPoint(x: x, y: label.origin.y)
                if boxAt[c] != nil { problems.append("label \(label.text) overwrites a box at \(x),\(c.y)") }
                if edgeCells.contains(c) { problems.append("label \(label.text) overwrites an edge at \(x),\(c.y)") }
            }
        }
        return problems
    }
}
