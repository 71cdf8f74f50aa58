import FaaSrCore

/// Files in the FaaSr web builder's conventions (spec/builders.md §2.8, §2.9, §3.2):
/// `<WorkflowName>.json` with default containers filled in, empty values dropped (except
/// `InvokeNext`), the conditional object first; and `<WorkflowName>-layout.json` with React
/// Flow nodes and edges from the designer's layering.
public enum WebBuilderExport {
    /// The workflow file the web builder's Download writes.
    public static func workflowText(_ doc: DesignDocument) -> String {
        var d = doc
        for a in d.actionNames {
            d.root.setValue(Edge.invokeNext(d.edges(of: a)), at: DesignDocument.actionPointer(a).appending("InvokeNext"))
            let type = d.action(a)?["Type"]?.stringValue ?? ""
            let server = d.action(a)?["FaaSServer"]?.stringValue ?? ""
            let faas = d.server(server)?["FaaSType"]?.stringValue ?? ""
            let cur = d.root.value(at: JSONPointer(tokens: ["ActionContainers", a]))?.stringValue ?? ""
            if cur.isEmpty, let image = FaaSTypeDefaults.defaultContainer(language: type, faasType: faas) {
                d.set(.string(image), at: JSONPointer(tokens: ["ActionContainers", a]))
            }
        }
        return JSONPrinter.print(clean(d.root, key: nil) ?? .object(JSONObject()), format: .canonical)
    }

    /// The web builder's `cleanObject`: drops `""`, `null`, `[]` and `{}` everywhere except
    /// under an `InvokeNext` key.
    static func clean(_ v: JSONValue, key: String?) -> JSONValue? {
        if key == "InvokeNext" { return v }
        switch v {
        case .null: return nil
        case .string(let s): return s.isEmpty ? nil : v
        case .array(let a):
            let c = a.compactMap { clean($0, key: nil) }
            return c.isEmpty ? nil : .array(c)
        case .object(let o):
            var out = JSONObject()
            for m in o.members { if let c = clean(m.value, key: m.key) { out[m.key] = c } }
            return out.isEmpty ? nil : .object(out)
        default: return v
        }
    }

    /// The layout file (React Flow nodes and edges), positions from the designer's layers.
    public static func layoutText(_ doc: DesignDocument) -> String {
        let layers = DagOrder.layers(doc)
        var perLayer: [Int: Int] = [:]
        var ranks: [String: Int] = [:]
        for a in doc.actionNames { for e in doc.edges(of: a) { if let r = e.rank { ranks[e.target] = r } } }
        var nodes: [JSONValue] = []
        for a in DagOrder.order(doc) {
            let l = layers[a] ?? 0
            let i = perLayer[l, default: 0]
            perLayer[l] = i + 1
            nodes.append([
                "id": .string(a), "type": "functionNode",
                "position": ["x": .number(JSONNumber(i * 200)), "y": .number(JSONNumber(l * 100))],
                "data": ["id": .string(a), "rank": .number(JSONNumber(ranks[a] ?? 1))],
                "origin": [0.5, 0], "measured": ["width": 160, "height": 40],
            ])
        }
        var edges: [JSONValue] = []
        for a in doc.actionNames {
            for e in doc.edges(of: a) where doc.action(e.target) != nil {
                let color = e.condition == .onTrue ? "var(--edge-true-color)" : e.condition == .onFalse ? "var(--edge-false-color)" : "var(--edge-color)"
                edges.append([
                    "animated": false, "source": .string(a), "target": .string(e.target),
                    "markerEnd": ["width": 20, "height": 20, "type": "arrowclosed", "color": .string(color)],
                    "style": ["stroke": .string(color), "strokeWidth": .number(JSONNumber((e.rank ?? 1) > 1 ? 2 : 1))],
                    "id": .string("\(a)-\(e.target)"),
                    "label": e.rank.map { .number(JSONNumber($0)) } ?? "",
                ])
            }
        }
        return JSONPrinter.print(["nodes": .array(nodes), "edges": .array(edges)], format: .canonical)
    }
}
