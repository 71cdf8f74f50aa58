import FaaSrCore
import FaaSrLayout

/// Files for the FaaSr web builder's import (spec/builders.md §2.7–2.9): `<WorkflowName>.json`
/// and `<WorkflowName>-layout.json` with React Flow nodes and edges from FaaSrLayout's drawing.
///
/// The workflow file is the document as it is, credentials left out, and nothing else
/// changed: the builder's import fills in what it needs itself (`Arguments`, missing top-level
/// keys, default containers). Two shapes break that import, so the export names them (see
/// ``importHazards(_:)``) and, when asked, writes the builder-safe form (``builderSafe(_:)``).
public enum WebBuilderExport {
    /// The workflow file: the document with credentials removed (and, when `builderSafe`,
    /// every `InvokeNext` in the form the builder's import reads).
    public static func workflowText(_ doc: DesignDocument, builderSafe: Bool = false) -> String {
        var root = SecretMask.stripped(doc.root)
        if builderSafe { root = self.builderSafe(root) }
        return JSONPrinter.print(root, format: doc.format)
    }

    /// The layout file (React Flow nodes and edges), positions from FaaSrLayout's drawing.
    public static func layoutText(_ doc: DesignDocument) -> String {
        let graph = WorkflowLayoutGraph.make(as: doc.workflow)
        return WebBuilderLayout.text(DAGLayout.draw(graph), graph: graph)
    }

    /// Why the builder's import would mis-read an action's `InvokeNext`, one line per action:
    /// a conditional object after index 0 ("TypeError: e.includes is not a function"), or a
    /// plain string (split into single characters).
    public static func importHazards(_ doc: DesignDocument) -> [String] {
        doc.actionNames.compactMap { a in
            switch doc.action(a)?["InvokeNext"] {
            case .string(let s)?:
                return "\(a): InvokeNext is the string \"\(s)\"; the builder's import splits it into characters"
            case .array(let items)? where items.dropFirst().contains(where: { $0.objectValue != nil }):
                return "\(a): the True/False object is not the first InvokeNext item; the builder's import fails (TypeError)"
            default:
                return nil
            }
        }
    }

    /// `root` with each string `InvokeNext` made a one-item list and each conditional object
    /// moved to the front (the other items keep their order).
    static func builderSafe(_ root: JSONValue) -> JSONValue {
        var r = root
        guard let actions = root[WorkflowKey.actionList]?.objectValue else { return r }
        for m in actions.members {
            let ptr = JSONPointer(tokens: [WorkflowKey.actionList, m.key, "InvokeNext"])
            switch m.value["InvokeNext"] {
            case .string(let s)?:
                _ = r.setValue(.array([.string(s)]), at: ptr)
            case .array(let items)?:
                let objects = items.filter { $0.objectValue != nil }
                _ = r.setValue(.array(objects + items.filter { $0.objectValue == nil }), at: ptr)
            default:
                break
            }
        }
        return r
    }
}
