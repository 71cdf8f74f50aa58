import FaaSrCore
import FaaSrLayout
import TUIKit

/// The workflow graph: FaaSrLayout's layered drawing (boxes, routed edges, True/False and rank
/// labels), scrolled to keep the selected action in view, offending nodes in error style; or
/// (`o`) a lane list, one action per row in topological order with its outgoing edges.
enum DagPaneView {
    static func draw(_ s: AppState, into c: inout Canvas, at r: Rect) {
        var inner = PaneFrame.draw("Workflow " + (s.doc.string(WorkflowKey.workflowName) ?? "") + (s.showLanes ? " (lanes)" : ""),
                                   number: "5", focused: s.focus == .dag, s: s, into: &c, at: r)
        if let i = s.selectedEdgeIndex, let e = s.graphEdge, inner.height > 2 {
            inner.height -= 1
            drawEdgeBar(s, edge: e, index: i, into: &c, at: Rect(x: inner.x, y: inner.maxY, width: inner.width, height: 1))
        }
        if s.showLanes || s.doc.actionNames.isEmpty {
            drawLanes(s, into: &c, inner: inner)
        } else {
            drawGraph(s, into: &c, inner: inner)
        }
    }

    /// The selected edge, described on the pane's last row with the keys that edit it.
    static func drawEdgeBar(_ s: AppState, edge: EdgeSelection, index: Int, into c: inout Canvas, at r: Rect) {
        let list = s.doc.edges(of: edge.from)
        guard let e = list[safe: index] else { return }
        var x = r.x + 1
        x += c.put("edge \(index + 1)/\(list.count) ", x: x, y: r.y, role: .dim, maxWidth: r.maxX - x)
        x += c.put("\(edge.from) \(s.glyphs.arrowRight) \(e.text)", x: x, y: r.y, role: .selected, maxWidth: r.maxX - x)
        let role: StyleRole = e.condition == .onTrue ? .trueEdge : e.condition == .onFalse ? .falseEdge : .dim
        x += c.put(e.condition == .always ? " always" : " if \(e.condition.rawValue)", x: x, y: r.y, role: role, maxWidth: r.maxX - x)
        c.put("   t branch  # rank  J K move  x remove", x: x, y: r.y, role: .dim, maxWidth: r.maxX - x)
    }

    /// The index in `graph.edges` of the designer's edge `e` of `from`.
    static func layoutEdge(_ e: WorkflowEdge, from: String, in graph: LayoutGraph) -> Int? {
        guard let src = graph.index(of: from) else { return nil }
        return graph.edges.firstIndex { le in
            guard le.source == src, graph.nodes[le.target].id == e.target else { return false }
            switch le.kind {
            case .trueBranch: return e.condition == .onTrue
            case .falseBranch: return e.condition == .onFalse
            default: return e.condition == .always
            }
        }
    }

    static func drawGraph(_ s: AppState, into c: inout Canvas, inner: Rect) {
        let (graph, drawing) = s.layoutCache.layout(for: s.doc, problems: s.problems)
        let sel = s.selectedAction.flatMap { graph.index(of: $0) }
        let (x, y) = viewport(drawing, selected: sel, inner: inner)
        let picked = s.selectedEdgeIndex.flatMap { i in s.graphEdge.flatMap { e in s.doc.edges(of: e.from)[safe: i].flatMap { layoutEdge($0, from: e.from, in: graph) } } }
        let painter = DAGPainter(glyphs: s.glyphs.isASCII ? .ascii : .unicode, highlight: s.focus == .dag ? sel : nil,
                                 selectedEdge: s.focus == .dag || s.focus == .list ? picked : nil)
        let view = painter.paint(drawing, graph: graph, viewport: Rect(x: x, y: y, width: inner.width, height: inner.height))
        c.draw(view, x: inner.x, y: inner.y)
        if let run = s.run { paintRun(run, s, graph: graph, drawing: drawing, origin: (x, y), into: &c, inner: inner) }
        if let sel, drawing.boxes.indices.contains(sel) {
            let f = drawing.boxes[sel].frame
            c.clipped(to: inner) {
                $0.restyle(Rect(x: inner.x + f.x - x + 1, y: inner.y + f.y - y + 1, width: max(0, f.width - 2), height: 1),
                           role: s.focus == .dag ? .selected : .accent)
            }
        }
    }

    /// Colours each action's box by its state in `run` and writes the state and time on the
    /// box's bottom border.
    static func paintRun(_ run: RunState, _ s: AppState, graph: LayoutGraph, drawing: DAGDrawing, origin: (x: Int, y: Int),
                         into c: inout Canvas, inner: Rect) {
        c.clipped(to: inner) { c in
            for (i, b) in drawing.boxes.enumerated() where i < graph.nodes.count {
                guard let p = run.actions[graph.nodes[i].id] else { continue }
                let f = b.frame
                let bx = inner.x + f.x - origin.x, by = inner.y + f.y - origin.y
                let role = RunView.role(p.state)
                c.restyle(Rect(x: bx, y: by, width: f.width, height: f.height), role: role)
                // The tag goes on the bottom border; when the pane cuts that off (a graph one row
                // taller than the pane), on the box's last row shown, so every box in view says
                // its state.
                var tagY = by + f.height - 1
                if tagY >= inner.maxY {
                    tagY = inner.maxY - 1
                    guard tagY > by else { continue }
                    c.put(String(repeating: " ", count: max(0, f.width - 2)), x: bx + 1, y: tagY, role: role, maxWidth: max(0, f.width - 2))
                }
                c.put(RunView.tag(p, glyphs: s.glyphs), x: bx + 1, y: tagY, role: role, maxWidth: max(0, f.width - 2))
            }
        }
    }

    /// The top-left cell of the drawing shown: the selected action centred where it can be.
    static func viewport(_ drawing: DAGDrawing, selected sel: Int?, inner: Rect) -> (x: Int, y: Int) {
        guard let sel, drawing.boxes.indices.contains(sel) else { return (0, 0) }
        let f = drawing.boxes[sel].frame
        return (max(0, min(f.x + f.width / 2 - inner.width / 2, drawing.width - inner.width)),
                max(0, min(f.y + f.height / 2 - inner.height / 2, drawing.height - inner.height)))
    }

    /// The first lane-list row shown: the selected action centred where it can be.
    static func laneTop(_ s: AppState, rows: Int) -> Int {
        let order = s.graphIndex.order
        let selIndex = s.selectedAction.flatMap { s.graphIndex.position[$0] } ?? 0
        return max(0, min(selIndex - rows / 2, order.count - rows))
    }

    /// The action drawn at screen cell (`px`, `py`) when the graph pane is at `pane`, if any
    /// (a click there selects it).
    static func action(atX px: Int, y py: Int, _ s: AppState, pane: Rect) -> String? {
        var inner = pane.inset(by: 1)
        if s.selectedEdgeIndex != nil, inner.height > 2 { inner.height -= 1 }
        guard inner.contains(x: px, y: py) else { return nil }
        if s.showLanes || s.doc.actionNames.isEmpty {
            return s.graphIndex.order[safe: laneTop(s, rows: inner.height) + py - inner.y]
        }
        let (graph, drawing) = s.layoutCache.layout(for: s.doc, problems: s.problems)
        let (vx, vy) = viewport(drawing, selected: s.selectedAction.flatMap { graph.index(of: $0) }, inner: inner)
        let cx = px - inner.x + vx, cy = py - inner.y + vy
        for (i, b) in drawing.boxes.enumerated() where i < graph.nodes.count && !graph.nodes[i].isPlaceholder {
            let f = b.frame
            if cx >= f.x && cx < f.x + f.width && cy >= f.y && cy < f.y + f.height { return graph.nodes[i].id }
        }
        return nil
    }

    static func drawLanes(_ s: AppState, into c: inout Canvas, inner: Rect) {
        let index = s.graphIndex
        let order = index.order
        guard !order.isEmpty else {
            c.put("empty workflow: press a to add the first action", x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 1)
            return
        }
        let badNodes = Set(s.problems.filter { $0.severity == .error }.compactMap(\.action))
        let badEdges = Set(s.problems.compactMap(\.edge))
        let layers = index.layer
        let sel = s.selectedAction
        let top = laneTop(s, rows: inner.height)
        let ranks = index.rank
        for (row, name) in order.dropFirst(top).prefix(inner.height).enumerated() {
            let y = inner.y + row
            var x = inner.x + 1 + min(8, layers[name] ?? 0) * 2
            let isEntry = s.doc.entry == name
            let role: StyleRole = badNodes.contains(name) ? .error : isEntry ? .entryNode : .node
            let label = (isEntry ? s.glyphs.entry : (s.glyphs.isASCII ? "o" : "◉")) + " " + name
            x += c.put(label, x: x, y: y, role: role, maxWidth: inner.maxX - x)
            if let k = ranks[name] { x += c.put(" ×\(k)", x: x, y: y, role: .rankBadge, maxWidth: inner.maxX - x) }
            if badNodes.contains(name) { x += c.put(" " + s.glyphs.warning, x: x, y: y, role: .error, maxWidth: inner.maxX - x) }
            if let p = s.run?.actions[name] { x += c.put(" " + RunView.tag(p, glyphs: s.glyphs), x: x, y: y, role: RunView.role(p.state), maxWidth: inner.maxX - x) }
            if name == sel { c.restyle(Rect(x: inner.x + 1 + min(8, layers[name] ?? 0) * 2, y: y, width: DisplayWidth.of(label), height: 1), role: s.focus == .dag ? .selected : .accent) }
            let edges = index.edges[name] ?? []
            if !edges.isEmpty {
                x += c.put("  " + s.glyphs.arrowRight, x: x, y: y, role: .edge, maxWidth: inner.maxX - x)
                let picked = name == sel ? s.selectedEdgeIndex : nil
                for (k, e) in edges.enumerated() {
                    let bad = badEdges.contains(.init(from: name, to: e.target))
                    let cond = e.condition == .always ? "" : e.condition.rawValue + ":"
                    var erole: StyleRole = bad ? .error : e.condition == .onTrue ? .trueEdge : e.condition == .onFalse ? .falseEdge : .edge
                    if k == picked, s.focus == .dag || s.focus == .list { erole = .selected }
                    x += 1
                    x += c.put(cond + e.text, x: x, y: y, role: erole, maxWidth: inner.maxX - x)
                }
            }
        }
    }
}
