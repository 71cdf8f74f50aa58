import FaaSrCore

/// The geometry of a drawing as JSON (`faasr graph --format json`), for tools and tests:
/// node boxes and edge polylines in cell coordinates (x = column, y = row, from 0).
///
/// ```json
/// {"orientation": "TB", "width": 40, "height": 12, "crossings": 0,
///  "nodes": [{"id": "start", "x": 0, "y": 0, "width": 12, "height": 4, "layer": 0, ...}],
///  "edges": [{"source": "start", "target": "train", "kind": "true", "points": [[5, 3], [5, 4]], ...}]}
/// ```
public enum DAGJSON {
    /// The JSON value of a drawing of `graph`.
    public static func value(_ drawing: DAGDrawing, graph: LayoutGraph) -> JSONValue {
        let nodes: [JSONValue] = graph.nodes.indices.map { i in
            let n = graph.nodes[i], b = drawing.boxes[i]
            return JSONBuild.object([
                ("id", .string(n.id)),
                ("lines", .array(b.lines.map { .string($0) })),
                ("x", JSONBuild.int(b.frame.x)), ("y", JSONBuild.int(b.frame.y)),
                ("width", JSONBuild.int(b.frame.width)), ("height", JSONBuild.int(b.frame.height)),
                ("layer", JSONBuild.int(drawing.layers[i])),
                ("rank", JSONBuild.int(n.rank)),
                ("entry", .bool(n.isEntry)),
                ("placeholder", .bool(n.isPlaceholder)),
                ("stacked", .bool(b.isStacked)),
            ])
        }
        let labels = Dictionary(drawing.labels.map { ($0.edge, $0) }, uniquingKeysWith: { a, _ in a })
        let edges: [JSONValue] = graph.edges.indices.map { i in
            let e = graph.edges[i], r = drawing.edges[i]
            var pairs: [(String, JSONValue)] = [
                ("source", .string(graph.nodes[e.source].id)),
                ("target", .string(graph.nodes[e.target].id)),
                ("kind", .string(e.kind.rawValue)),
                ("rank", JSONBuild.int(e.rank)),
                ("back", .bool(r.isBackEdge)),
                ("selfLoop", .bool(r.isSelfLoop)),
                ("points", .array(r.points.map(JSONBuild.point))),
            ]
            if let l = labels[i] {
                pairs.append(("label", JSONBuild.object([("text", .string(l.text)), ("at", JSONBuild.point(l.origin))])))
            }
            return JSONBuild.object(pairs)
        }
        return JSONBuild.object([
            ("orientation", .string(drawing.orientation.rawValue)),
            ("width", JSONBuild.int(drawing.width)),
            ("height", JSONBuild.int(drawing.height)),
            ("crossings", JSONBuild.int(drawing.crossings)),
            ("nodes", .array(nodes)),
            ("edges", .array(edges)),
        ])
    }

    /// The drawing as pretty-printed JSON text.
    public static func text(_ drawing: DAGDrawing, graph: LayoutGraph) -> String {
        JSONPrinter.print(value(drawing, graph: graph))
    }
}
