import FaaSrCore
import TUIKit

/// The workflow graph as a lane list: one action per row in topological order, with its
/// outgoing edges; the entry is marked, the selection highlighted, errors in error style.
enum DagPaneView {
    static func draw(_ s: AppState, into c: inout Canvas, at r: Rect) {
        let inner = PaneFrame.draw("Workflow " + (s.doc.string(DesignDocument.Key.workflowName) ?? ""), number: "5",
                                   focused: s.focus == .dag, s: s, into: &c, at: r)
        let order = DagOrder.order(s.doc)
        guard !order.isEmpty else {
            c.put("empty workflow: press a to add the first action", x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 1)
            return
        }
        let badNodes = Set(s.problems.filter { $0.severity == .error }.compactMap(\.action))
        let badEdges = Set(s.problems.compactMap(\.edge))
        let layers = DagOrder.layers(s.doc)
        let sel = s.selectedAction
        let selIndex = sel.flatMap { order.firstIndex(of: $0) } ?? 0
        let top = max(0, min(selIndex - inner.height / 2, order.count - inner.height))
        var ranks: [String: Int] = [:]
        for a in order { for e in s.doc.edges(of: a) { if let k = e.rank { ranks[e.target] = k } } }
        for (row, name) in order.dropFirst(top).prefix(inner.height).enumerated() {
            let y = inner.y + row
            var x = inner.x + 1 + min(8, layers[name] ?? 0) * 2
            let isEntry = s.doc.entry == name
            let role: StyleRole = badNodes.contains(name) ? .error : isEntry ? .entryNode : .node
            let label = (isEntry ? s.glyphs.entry : (s.glyphs.isASCII ? "o" : "◉")) + " " + name
            x += c.put(label, x: x, y: y, role: role, maxWidth: inner.maxX - x)
            if let k = ranks[name] { x += c.put(" ×\(k)", x: x, y: y, role: .rankBadge, maxWidth: inner.maxX - x) }
            if badNodes.contains(name) { x += c.put(" " + s.glyphs.warning, x: x, y: y, role: .error, maxWidth: inner.maxX - x) }
            if name == sel { c.restyle(Rect(x: inner.x + 1 + min(8, layers[name] ?? 0) * 2, y: y, width: DisplayWidth.of(label), height: 1), role: s.focus == .dag ? .selected : .accent) }
            let edges = s.doc.edges(of: name)
            if !edges.isEmpty {
                x += c.put("  " + s.glyphs.arrowRight, x: x, y: y, role: .edge, maxWidth: inner.maxX - x)
                for e in edges {
                    let bad = badEdges.contains(.init(from: name, to: e.target))
                    let cond = e.condition == .always ? "" : e.condition.rawValue + ":"
                    let erole: StyleRole = bad ? .error : e.condition == .onTrue ? .trueEdge : e.condition == .onFalse ? .falseEdge : .edge
                    x += c.put(" " + cond + e.text, x: x, y: y, role: erole, maxWidth: inner.maxX - x)
                }
            }
        }
    }
}
