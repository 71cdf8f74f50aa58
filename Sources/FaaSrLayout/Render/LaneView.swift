import TUIKit

/// The compact view of a workflow: one action per row in topological order, edges as lanes
/// that fork and merge beside the list (like `git log --graph`). It fits any width, so it is
/// the fallback for graphs too wide for the terminal and the designer's selectable list.
///
/// ```
/// ◉   ▶ start  → preprocess
/// ◉   preprocess  → True train ×3 · False report
/// ├─◉ train ×3  → report
/// ├─┘
/// ◉   report
/// ```
public struct LaneView: Sendable {
    /// The glyph set.
    public var glyphs: LineGlyphs

    /// Creates a lane view.
    public init(glyphs: LineGlyphs = .unicode) { self.glyphs = glyphs }

    /// Rows of the view: which node (if any) each row shows.
    public struct Row: Sendable, Equatable {
        /// The node shown on this row, or nil for a fork/merge row.
        public var node: Int?
        /// Lane masks, two cells per lane.
        var masks: [UInt8]
        /// Column of the node's dot.
        var dotColumn: Int
    }

    /// The rows of `graph`, in drawing order.
    public func rows(_ graph: LayoutGraph) -> [Row] {
        let layered = LayeredGraph(graph, orderingPasses: 4)
        let order = layered.layers.flatMap { $0.filter { $0 < graph.nodes.count } }
        var position = Array(repeating: 0, count: graph.nodes.count)
        for (i, v) in order.enumerated() { position[v] = i }
        // Successors drawn as lanes (forward, distinct, not self loops), in edge order.
        var successors = Array(repeating: [Int](), count: graph.nodes.count)
        for e in graph.edges where position[e.target] > position[e.source] && !successors[e.source].contains(e.target) {
            successors[e.source].append(e.target)
        }
        // Each lane carries the targets still to reach, in order: one target for a plain edge,
        // several for a fan-out bus, whose targets branch off it (`├─◉`) as they come.
        var lanes: [[Int]] = []
        var rows: [Row] = []
        func blank() -> [UInt8] { Array(repeating: 0, count: max(1, lanes.count) * 2) }
        func link(_ m: inout [UInt8], _ a: Int, _ b: Int) {
            for x in min(a, b)..<max(a, b) {
                m[x] |= LineBit.right
                m[x + 1] |= LineBit.left
            }
        }
        func freeSlot(after: Int) -> Int {
            if let free = lanes.indices.first(where: { lanes[$0].isEmpty && $0 > after }) { return free }
            lanes.append([])
            return lanes.count - 1
        }
        for v in order {
            let ending = lanes.indices.filter { lanes[$0] == [v] }
            let taps = lanes.indices.filter { lanes[$0].count > 1 && lanes[$0].contains(v) }
            let column: Int
            if let first = ending.first {
                column = first
            } else if let bus = taps.first {
                column = freeSlot(after: bus)
            } else if let free = lanes.firstIndex(where: { $0.isEmpty }) {
                column = free
            } else {
                column = freeSlot(after: -1)
            }
            let others = ending.filter { $0 != column }
            let inlineTap = ending.isEmpty && taps.count == 1
            if !others.isEmpty || (!taps.isEmpty && !inlineTap) {
                // Merge row: lanes ending at v bend into its lane; buses branch into it.
                var m = blank()
                for (i, t) in lanes.enumerated() where !t.isEmpty && !others.contains(i) && i != column {
                    m[2 * i] |= LineBit.up | LineBit.down
                }
                for i in others {
                    m[2 * i] |= LineBit.up
                    link(&m, 2 * i, 2 * column)
                    lanes[i] = []
                }
                for i in taps { link(&m, 2 * i, 2 * column) }
                if ending.contains(column) { m[2 * column] |= LineBit.up }
                m[2 * column] |= LineBit.down
                rows.append(Row(node: nil, masks: m, dotColumn: -1))
            }
            for i in taps { lanes[i].removeAll { $0 == v } }
            lanes[column] = []
            var nodeRow = blank()
            for (i, t) in lanes.enumerated() where !t.isEmpty { nodeRow[2 * i] |= LineBit.up | LineBit.down }
            if inlineTap { link(&nodeRow, 2 * taps[0], 2 * column) }
            if ending.contains(column) || !inlineTap && !taps.isEmpty { nodeRow[2 * column] |= LineBit.up }
            rows.append(Row(node: v, masks: nodeRow, dotColumn: 2 * column))
            lanes[column] = successors[v]
        }
        // Give every row the final lane width.
        let width = rows.map(\.masks.count).max() ?? 0
        return rows.map { var r = $0; r.masks += Array(repeating: 0, count: width - r.masks.count); return r }
    }

    /// Draws the view on a canvas (one row per returned row).
    public func paint(_ graph: LayoutGraph, highlight: Int? = nil) -> Canvas {
        let rows = rows(graph)
        let laneWidth = rows.first?.masks.count ?? 0
        let texts = rows.map { r in r.node.map { describe($0, graph) } ?? [] }
        let textWidth = texts.map { $0.reduce(0) { $0 + DisplayWidth.of($1.0) } }.max() ?? 0
        var canvas = Canvas(width: laneWidth + textWidth, height: rows.count)
        let neighbours = highlight.map { h in
            Set(graph.edges.filter { $0.source == h || $0.target == h }.flatMap { [$0.source, $0.target] } + [h])
        }
        for (y, row) in rows.enumerated() {
            for (x, m) in row.masks.enumerated() where m != 0 {
                canvas.set(Cell(glyphs.byMask[Int(m)], width: 1, role: highlight == nil ? .edge : .dim), x: x, y: y)
            }
            guard let v = row.node else { continue }
            let node = graph.nodes[v]
            var role: StyleRole = node.hasError || node.isPlaceholder ? .error : node.isEntry ? .entryNode : .node
            if let h = highlight { role = v == h ? .selected : (neighbours!.contains(v) ? role : .dim) }
            canvas.set(Cell(glyphs.isASCII ? "o" : "◉", width: 1, role: role), x: row.dotColumn, y: y)
            var x = max(0, laneWidth - 1) + 1
            for (k, (text, partRole)) in texts[y].enumerated() {
                let r: StyleRole = k == 0 ? role : (highlight != nil && role == .dim ? .dim : partRole)
                x += canvas.put(glyphs.text(text), x: x, y: y, role: r)
            }
        }
        return canvas
    }

    /// The text of a node's row, as (text, role) parts: name with markers, then successors.
    private func describe(_ v: Int, _ graph: LayoutGraph) -> [(String, StyleRole)] {
        let node = graph.nodes[v]
        var title = node.title
        if node.isPlaceholder { title = "? " + title }
        if node.hasError { title = "! " + title }
        if node.isEntry { title = "▶ " + title }
        if node.rank > 1 { title += " ×\(node.rank)" }
        var parts: [(String, StyleRole)] = [(title, .node)]
        if let d = node.details.first { parts.append(("  " + d, .dim)) }
        let out = graph.edges.filter { $0.source == v }
        if !out.isEmpty { parts.append(("  →", .edge)) }
        // A long fan-out is summarised: the lanes already show where it goes.
        let shown = out.count > 6 ? Array(out.prefix(5)) : out
        for (k, e) in shown.enumerated() {
            let target = graph.nodes[e.target]
            var name = target.title
            if e.rank > 1 { name += " ×\(e.rank)" }
            if e.source == e.target { name = "↻ " + name }
            let role: StyleRole = switch e.kind {
            case .trueBranch: .trueEdge
            case .falseBranch: .falseEdge
            case .unknownTarget: .error
            case .ranked: .rankBadge
            case .plain: .normal
            }
            let label = e.label.map { $0 + " " } ?? ""
            parts.append(((k == 0 ? " " : " · ") + label + name, e.source == e.target ? .error : role))
        }
        if shown.count < out.count { parts.append((" · +\(out.count - shown.count) more", .dim)) }
        return parts
    }
}
