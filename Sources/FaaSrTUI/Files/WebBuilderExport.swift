import FaaSrCore
import FaaSrLayout

/// Files in the FaaSr web builder's conventions (spec/builders.md §2.8, §2.9, §3.2):
/// `<WorkflowName>.json` with default containers filled in, empty values dropped (except
/// `InvokeNext`), the conditional object first; and `<WorkflowName>-layout.json` with React
/// Flow nodes and edges from FaaSrLayout's drawing.
public enum WebBuilderExport {
    /// The workflow file the web builder's Download writes.
    public static func workflowText(_ doc: DesignDocument) -> String {
        var d = doc
        for a in d.actionNames {
            d.root.setValue(builderInvokeNext(d.edges(of: a)), at: DesignDocument.actionPointer(a).appending("InvokeNext"))
            let type = d.action(a)?["Type"]?.stringValue ?? ""
            let server = d.action(a)?["FaaSServer"]?.stringValue ?? ""
            let faas = d.server(server)?["FaaSType"]?.stringValue ?? ""
            let cur = d.root.value(at: JSONPointer(tokens: ["ActionContainers", a]))?.stringValue ?? ""
            if cur.isEmpty, let image = FaaSTypeDefaults.defaultContainer(language: type, faasType: faas) {
                d.set(.string(image), at: JSONPointer(tokens: ["ActionContainers", a]))
            }
        }
        // Credentials written in the file never leave through an export (the web builder's
        // schema variant has no secrets either; FaaSr reads them from the secret store).
        return JSONPrinter.print(clean(SecretMask.stripped(d.root), key: nil) ?? .object(JSONObject()), format: .canonical)
    }

    /// The web builder's `cleanObject`: drops `""`, `null`, `[]` and `{}` everywhere except
    /// under an `InvokeNext` key.
    static func clean(_ v: JSONValue, key: String?) -> JSONValue? {
        if key == "InvokeNext" { return v }
        switch v {
        case .null: return nil
        case .string(let s): return s.isEmpty ? Optional.none : v
        case .array(let a):
            let c = a.compactMap { clean($0, key: nil) }
            return c.isEmpty ? Optional.none : .array(c)
        case .object(let o):
            var out = JSONObject()
            for m in o.members { if let c = clean(m.value, key: m.key) { out[m.key] = c } }
            return out.isEmpty ? Optional.none : .object(out)
        default: return v
        }
    }

    /// The layout file (React Flow nodes and edges), positions from FaaSrLayout's drawing.
    public static func layoutText(_ doc: DesignDocument) -> String {
        let graph = WorkflowLayoutGraph.make(from: Workflow(root: doc.root))
        return WebBuilderLayout.text(DAGLayout.draw(graph), graph: graph)
    }
}

/// Writes edges as the web builder does: the conditional object first (only the branches that
/// have targets), then the plain targets, in order.
private func builderInvokeNext(_ edges: [WorkflowEdge]) -> JSONValue {
    var items: [JSONValue] = []
    let t = edges.filter { $0.branch == .onTrue }.map { JSONValue.string($0.text) }
    let f = edges.filter { $0.branch == .onFalse }.map { JSONValue.string($0.text) }
    if !t.isEmpty || !f.isEmpty {
        var o = JSONObject()
        if !t.isEmpty { o["True"] = .array(t) }
        if !f.isEmpty { o["False"] = .array(f) }
        items.append(.object(o))
    }
    items += edges.filter { $0.branch == .always }.map { .string($0.text) }
    return .array(items)
}
