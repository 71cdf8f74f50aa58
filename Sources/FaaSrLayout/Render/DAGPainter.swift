import TUIKit

/// Paints a ``DAGDrawing`` onto a TUIKit ``Canvas``: boxes, edges (as line masks, so joins
/// and crossings come out right), arrowheads, labels, and a style role for every cell.
///
/// The canvas is then shown as plain text (goldens), ANSI (`faasr graph` on a terminal) or
/// through ncurses (the designer).
public struct DAGPainter: Sendable {
    /// The glyph set.
    public var glyphs: LineGlyphs
    /// A node to emphasise with its neighbours; everything else is dimmed.
    public var highlight: Int?
    /// An edge (index into the graph's edges) drawn in the selection style, with its label.
    public var selectedEdge: Int?

    /// Creates a painter.
    public init(glyphs: LineGlyphs = .unicode, highlight: Int? = nil, selectedEdge: Int? = nil) {
        self.glyphs = glyphs
        self.highlight = highlight
        self.selectedEdge = selectedEdge
    }

    /// Edge style bits kept per cell.
    private enum Ink {
        static let plain: UInt8 = 1
        static let trueBranch: UInt8 = 2
        static let falseBranch: UInt8 = 4
        static let ranked: UInt8 = 8
        static let error: UInt8 = 16
        static let lit: UInt8 = 32
        static let picked: UInt8 = 64
    }

    /// Paints `drawing` for `graph` (the graph it was laid out from) on a new canvas.
    ///
    /// With a `viewport`, only that part of the drawing is painted, on a canvas of the
    /// viewport's size (the designer redraws only what is on screen).
    public func paint(_ drawing: DAGDrawing, graph: LayoutGraph, viewport: Rect? = nil) -> Canvas {
        let view = viewport ?? Rect(x: 0, y: 0, width: drawing.width, height: drawing.height)
        var canvas = Canvas(width: view.width, height: view.height)
        let w = view.width, h = view.height, ox = view.x, oy = view.y
        func index(_ p: CellPoint) -> Int? {
            let x = p.x - ox, y = p.y - oy
            return x >= 0 && y >= 0 && x < w && y < h ? y * w + x : nil
        }
        var mask = Array(repeating: UInt8(0), count: w * h)
        var ink = mask
        var owner = Array(repeating: -1, count: mask.count)
        var dashed = Array(repeating: false, count: mask.count)
        var arrows: [(Int, String, UInt8)] = []
        let neighbours = highlight.map { h in
            Set(graph.edges.filter { $0.source == h || $0.target == h }.flatMap { [$0.source, $0.target] } + [h])
        }
        func link(_ a: CellPoint, _ b: CellPoint) {
            let (fa, fb): (UInt8, UInt8) =
                b.x > a.x ? (LineBit.right, LineBit.left) : b.x < a.x ? (LineBit.left, LineBit.right)
                : b.y > a.y ? (LineBit.down, LineBit.up) : (LineBit.up, LineBit.down)
            if let ia = index(a) { mask[ia] |= fa }
            if let ib = index(b) { mask[ib] |= fb }
        }
        /// The cells of each axis-parallel segment of `points` that lie in the viewport or
        /// one cell around it (so lines leaving the viewport still join its edge).
        func runs(_ points: [CellPoint]) -> [[CellPoint]] {
            let x0 = ox - 1, x1 = ox + w, y0 = oy - 1, y1 = oy + h
            var out: [[CellPoint]] = []
            for (p, q) in zip(points, points.dropFirst()) {
                if p.y == q.y {
                    guard p.y >= y0, p.y <= y1 else { continue }
                    let lo = max(min(p.x, q.x), x0), hi = min(max(p.x, q.x), x1)
                    guard lo <= hi else { continue }
                    var run = (lo...hi).map { CellPoint(x: $0, y: p.y) }
                    if q.x < p.x { run.reverse() }
                    out.append(run)
                } else if p.x == q.x {
                    guard p.x >= x0, p.x <= x1 else { continue }
                    let lo = max(min(p.y, q.y), y0), hi = min(max(p.y, q.y), y1)
                    guard lo <= hi else { continue }
                    var run = (lo...hi).map { CellPoint(x: p.x, y: $0) }
                    if q.y < p.y { run.reverse() }
                    out.append(run)
                } else {
                    out.append(EdgeRoute(points: [p, q], isBackEdge: false, isSelfLoop: false).cells)
                }
            }
            return out
        }
        func path(_ points: [CellPoint]) {
            let cells = EdgeRoute(points: points, isBackEdge: false, isSelfLoop: false).cells
            for (a, b) in zip(cells, cells.dropFirst()) { link(a, b) }
        }
        // Box frames and stacked shadows.
        for (i, box) in drawing.boxes.enumerated() where box.extent.intersects(view) {
            let f = box.frame
            let right = f.x + f.width - 1, bottom = f.y + f.height - 1
            path([.init(x: f.x, y: f.y), .init(x: right, y: f.y), .init(x: right, y: bottom), .init(x: f.x, y: bottom), .init(x: f.x, y: f.y)])
            for y in f.y...bottom {
                for x in f.x...right where y == f.y || y == bottom || x == f.x || x == right {
                    guard let k = index(CellPoint(x: x, y: y)) else { continue }
                    owner[k] = i
                    dashed[k] = graph.nodes[i].isPlaceholder
                }
            }
            if box.isStacked {
                let shadow: [CellPoint] = drawing.orientation == .topToBottom
                    ? [.init(x: right, y: f.y + 1), .init(x: right + 1, y: f.y + 1), .init(x: right + 1, y: bottom), .init(x: right, y: bottom)]
                    : [.init(x: f.x + 1, y: bottom), .init(x: f.x + 1, y: bottom + 1), .init(x: right, y: bottom + 1), .init(x: right, y: bottom)]
                let cells = EdgeRoute(points: shadow, isBackEdge: false, isSelfLoop: false).cells
                for (a, b) in zip(cells.dropFirst(), cells.dropFirst(2)) where b != cells.last { link(a, b) }
                // The shadow's ends bend toward the frame without joining it.
                let bend = drawing.orientation == .topToBottom ? LineBit.left : LineBit.up
                if let first = cells.dropFirst().first, let k = index(first) { mask[k] |= bend }
                if let last = cells.dropLast().last, let k = index(last) { mask[k] |= bend }
                for c in cells.dropFirst().dropLast() { if let k = index(c) { owner[k] = i } }
            }
        }
        // Edges.
        for (i, route) in drawing.edges.enumerated() where route.points.count >= 2 {
            if viewport != nil {
                let xs = route.points.map(\.x), ys = route.points.map(\.y)
                let bounds = Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()! + 1, height: ys.max()! - ys.min()! + 1)
                if !bounds.intersects(view) { continue }
            }
            let edge = graph.edges[i]
            var bits: UInt8
            switch edge.kind {
            case .plain: bits = Ink.plain
            case .trueBranch: bits = Ink.trueBranch
            case .falseBranch: bits = Ink.falseBranch
            case .ranked: bits = Ink.ranked
            case .unknownTarget: bits = Ink.error
            }
            if route.isBackEdge || route.isSelfLoop || edge.hasError { bits = Ink.error }
            if let h = highlight, edge.source == h || edge.target == h { bits |= Ink.lit }
            if i == selectedEdge { bits |= Ink.picked | Ink.lit }
            // Only the cells near the viewport are walked: a long edge of a large drawing
            // crosses thousands of cells that are not on screen.
            for run in runs(route.points) {
                for (a, b) in zip(run, run.dropFirst()) { link(a, b) }
                for c in run { if let k = index(c), owner[k] < 0 { ink[k] |= bits } }
            }
            let b = route.points[route.points.count - 1]
            var a = route.points[route.points.count - 2]
            if a == b { a = route.points.count > 2 ? route.points[route.points.count - 3] : a }
            a = CellPoint(x: b.x + (a.x > b.x ? 1 : a.x < b.x ? -1 : 0), y: b.y + (a.y > b.y ? 1 : a.y < b.y ? -1 : 0))
            let head = b.y > a.y ? glyphs.arrowDown : b.y < a.y ? glyphs.arrowUp : b.x > a.x ? glyphs.arrowRight : glyphs.arrowLeft
            if let k = index(b) { arrows.append((k, head, bits)) }
        }
        // Lines to glyphs.
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                let m = mask[i]
                if m == 0 { continue }
                var g = glyphs.byMask[Int(m)]
                if dashed[i] {
                    if m == LineBit.left | LineBit.right { g = glyphs.dashedHorizontal }
                    if m == LineBit.up | LineBit.down { g = glyphs.dashedVertical }
                }
                let role: StyleRole
                if owner[i] >= 0 {
                    role = nodeRole(owner[i], graph: graph, neighbours: neighbours)
                } else {
                    role = edgeRole(ink[i])
                }
                canvas.set(Cell(g, width: 1, role: role), x: x, y: y)
            }
        }
        // The selected edge's arrowhead wins a shared port.
        for (k, head, bits) in arrows.filter({ $0.2 & Ink.picked == 0 }) + arrows.filter({ $0.2 & Ink.picked != 0 }) {
            canvas.set(Cell(head, width: 1, role: edgeRole(bits | (ink[k] & Ink.lit))), x: k % w, y: k / w)
        }
        // Text inside boxes.
        for (i, box) in drawing.boxes.enumerated() where box.extent.intersects(view) {
            let f = box.frame
            let role = nodeRole(i, graph: graph, neighbours: neighbours)
            let inner = f.width - 4
            for (k, raw) in box.lines.enumerated() {
                let line = glyphs.text(raw)
                let lineWidth = DisplayWidth.of(line)
                let x = f.x + 2 + max(0, (inner - lineWidth) / 2)
                let textRole: StyleRole = k == 0 ? role : (role == .node || role == .entryNode ? .normal : role)
                canvas.put(line, x: x - ox, y: f.y + 1 + k - oy, role: textRole, maxWidth: inner)
                if k == 0, graph.nodes[i].rank > 1, role != .dim {
                    let badge = glyphs.text(" ×\(graph.nodes[i].rank)")
                    let bw = DisplayWidth.of(badge)
                    canvas.restyle(Rect(x: x - ox + lineWidth - bw + 1, y: f.y + 1 - oy, width: bw - 1, height: 1), role: .rankBadge)
                }
            }
        }
        // Labels.
        for label in drawing.labels {
            var role: StyleRole = graph.edges[label.edge].kind == .falseBranch ? .falseEdge : .trueEdge
            if let h = highlight, graph.edges[label.edge].source != h, graph.edges[label.edge].target != h { role = .dim }
            if label.edge == selectedEdge { role = .selected }
            canvas.put(label.text, x: label.origin.x - ox, y: label.origin.y - oy, role: role)
        }
        return canvas

        func edgeRole(_ bits: UInt8) -> StyleRole {
            if bits & Ink.picked != 0 { return .selected }
            if highlight != nil && bits & Ink.lit == 0 { return .dim }
            let b = bits & ~Ink.lit
            if b & Ink.error != 0 { return .error }
            switch b {
            case Ink.trueBranch: return .trueEdge
            case Ink.falseBranch: return .falseEdge
            case Ink.ranked: return .rankBadge
            default: return .edge
            }
        }
    }

    private func nodeRole(_ i: Int, graph: LayoutGraph, neighbours: Set<Int>?) -> StyleRole {
        let node = graph.nodes[i]
        if let h = highlight {
            if i == h { return .selected }
            if !(neighbours?.contains(i) ?? false) { return .dim }
        }
        if node.hasError || node.isPlaceholder { return .error }
        return node.isEntry ? .entryNode : .node
    }
}
