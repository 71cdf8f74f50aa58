import FaaSrCore
import FaaSrLayout

/// Remembers graph layouts so that frames that do not change the workflow (moving the
/// selection, scrolling, typing in a dialog) only repaint the viewport, and edits that do not
/// change the graph (or undo to a graph seen before) do not lay it out again. Keyed by the
/// workflow's JSON and then by the layout graph itself, so a cached drawing is always the one
/// `render` would compute: views stay pure functions of the state. Used from the UI thread only.
public final class GraphLayoutCache: @unchecked Sendable, Equatable {
    private var key: JSONValue?
    private var value: (LayoutGraph, DAGDrawing)?
    /// Recent drawings by layout graph, newest last: undo, redo and edits that leave the graph
    /// as it was (form fields, arguments, servers) reuse them instead of laying out again.
    private var recent: [(LayoutGraph, DAGDrawing)] = []
    private static let recentLimit = 8

    /// An empty cache.
    public init() {}

    /// The layout graph (with error flags) and drawing for `doc`.
    func layout(for doc: DesignDocument, problems: [Problem]) -> (LayoutGraph, DAGDrawing) {
        if let value, key == doc.root { return value }
        var graph = WorkflowLayoutGraph.make(as: doc.workflow)
        let bad = Set(problems.filter { $0.severity == .error }.compactMap(\.action))
        for i in graph.nodes.indices where bad.contains(graph.nodes[i].id) { graph.nodes[i].hasError = true }
        let badEdges = Set(problems.filter { $0.severity == .error }.compactMap(\.edge))
        if !badEdges.isEmpty {
            for i in graph.edges.indices {
                let e = graph.edges[i]
                if badEdges.contains(.init(from: graph.nodes[e.source].id, to: graph.nodes[e.target].id)) { graph.edges[i].hasError = true }
            }
        }
        let drawing: DAGDrawing
        if let i = recent.lastIndex(where: { $0.0 == graph }) {
            drawing = recent.remove(at: i).1
        } else {
            drawing = DAGLayout.draw(graph)
        }
        recent.append((graph, drawing))
        if recent.count > Self.recentLimit { recent.removeFirst() }
        let v = (graph, drawing)
        key = doc.root
        value = v
        return v
    }

    /// Caches never make two states differ.
    public static func == (a: GraphLayoutCache, b: GraphLayoutCache) -> Bool { true }
}
