import FaaSrCore

/// The layout file of the React FaaSr-workflow-builder (`<WorkflowName>-layout`, React Flow's
/// own state: `{"nodes": [...], "edges": [...]}`), made from a drawing so positions carry over
/// when the designer exports a workflow for the web builder.
///
/// Cells become canvas units by fixed factors (``cellWidth`` × ``cellHeight``); as in the web
/// builder, a node's position is its top centre (`origin: [0.5, 0]`). Placeholder nodes
/// (targets that do not exist) are left out, and so are edges to them: the web builder
/// would keep them as ghosts.
public enum WebBuilderLayout {
    /// Canvas units per cell column.
    public static let cellWidth = 10
    /// Canvas units per cell row.
    public static let cellHeight = 20

    /// The layout file's JSON value.
    public static func value(_ drawing: DAGDrawing, graph: LayoutGraph) -> JSONValue {
        var nodes: [JSONValue] = []
        for (i, n) in graph.nodes.enumerated() where !n.isPlaceholder {
            let f = drawing.boxes[i].frame
            nodes.append(JSONBuild.object([
                ("id", .string(n.id)),
                ("type", .string("functionNode")),
                ("position", JSONBuild.object([
                    ("x", JSONBuild.int(f.x * cellWidth + f.width * cellWidth / 2)),
                    ("y", JSONBuild.int(f.y * cellHeight)),
                ])),
                ("data", JSONBuild.object([("id", .string(n.id)), ("name", .string(n.id)), ("rank", JSONBuild.int(n.rank))])),
                ("origin", .array([JSONBuild.number(0.5), JSONBuild.int(0)])),
                ("measured", JSONBuild.object([
                    ("width", JSONBuild.int(f.width * cellWidth)), ("height", JSONBuild.int(f.height * cellHeight)),
                ])),
            ]))
        }
        var edges: [JSONValue] = []
        var seen = Set<String>()
        for e in graph.edges where !graph.nodes[e.target].isPlaceholder {
            let id = graph.nodes[e.source].id + "-" + graph.nodes[e.target].id
            guard seen.insert(id).inserted else { continue }
            let color = switch e.kind {
            case .trueBranch: "var(--edge-true-color)"
            case .falseBranch: "var(--edge-false-color)"
            default: "var(--edge-color)"
            }
            edges.append(JSONBuild.object([
                ("animated", .bool(false)),
                ("source", .string(graph.nodes[e.source].id)),
                ("target", .string(graph.nodes[e.target].id)),
                ("markerEnd", JSONBuild.object([
                    ("width", JSONBuild.int(10)), ("height", JSONBuild.int(10)),
                    ("type", .string("arrowclosed")), ("color", .string(color)),
                ])),
                ("style", JSONBuild.object([("stroke", .string(color)), ("strokeWidth", JSONBuild.int(2))])),
                ("id", .string(id)),
                ("label", e.rank > 1 ? .string(String(e.rank)) : .string("")),
            ]))
        }
        return JSONBuild.object([("nodes", .array(nodes)), ("edges", .array(edges))])
    }

    /// The layout file's text (2-space indent, like the web builder's download).
    public static func text(_ drawing: DAGDrawing, graph: LayoutGraph) -> String {
        JSONPrinter.print(value(drawing, graph: graph))
    }
}
