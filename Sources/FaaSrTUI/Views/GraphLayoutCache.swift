import FaaSrCore
import FaaSrLayout

/// Remembers the last graph layout so that frames that do not change the workflow (moving
/// the selection, scrolling, typing in a dialog) only repaint the viewport. Keyed by the
/// workflow's JSON, so a cached drawing is always the one `render` would compute: views stay
/// pure functions of the state. Used from the UI thread only.
public final class GraphLayoutCache: @unchecked Sendable, Equatable {
    private var key: JSONValue?
    private var value: (LayoutGraph, DAGDrawing)?

    /// An empty cache.
    public init() {}

    /// The layout graph (with error flags) and drawing for `doc`.
    func layout(for doc: DesignDocument, problems: [Problem]) -> (LayoutGraph, DAGDrawing) {
        if let value, key == doc.root { return value }
        var graph = WorkflowLayoutGraph.make(from: Workflow(root: doc.root))
        let bad = Set(problems.filter { $0.severity == .error }.compactMap(\.action))
        for i in graph.nodes.indices where bad.contains(graph.nodes[i].id) { graph.nodes[i].hasError = true }
        let v = (graph, DAGLayout.draw(graph))
        key = doc.root
        value = v
        return v
    }

    /// Caches never make two states differ.
    public static func == (a: GraphLayoutCache, b: GraphLayoutCache) -> Bool { true }
}
