import FaaSrCore

/// The designer's live validation: FaaSrCore's ``Validator`` (schema, references, graph
/// rules), with each diagnostic tied to the action and edge it concerns so the graph can show
/// them in error style.
public enum WorkflowCheck {
    /// Every problem found in `doc`, in document order.
    public static func problems(in doc: DesignDocument) -> [Problem] {
        let diagnostics = Validator().validate(doc.root)
        // One set instead of a lookup per finding (a large workflow can have hundreds).
        let actions = diagnostics.isEmpty ? [] : Set(doc.actionNames)
        return diagnostics.map { d in
            let t = d.pointer.tokens
            let action = t.count >= 2 && t[0] == DesignDocument.Key.actionList && actions.contains(t[1]) ? t[1] : nil
            var edge: Problem.EdgeRef?
            if let action, t.count >= 4, t[2] == "InvokeNext", let text = doc.root.value(at: d.pointer)?.stringValue {
                edge = .init(from: action, to: SuccessorText.parse(text).name)
            }
            return Problem(d.severity == .error ? .error : .warning, d.pointer, d.message, hint: d.hint, action: action, edge: edge)
        }
    }

    /// One error per cycle found, naming its path; the closing edge is marked.
    static func cycleProblems(_ doc: DesignDocument) -> [Problem] {
        let names = doc.actionNames
        let set = Set(names)
        var color: [String: Int] = [:]
        var path: [String] = []
        var out: [Problem] = []
        func visit(_ n: String) {
            color[n] = 1
            path.append(n)
            for e in doc.edges(of: n) where set.contains(e.target) {
                switch color[e.target] ?? 0 {
                case 0: visit(e.target)
                case 1:
                    let start = path.firstIndex(of: e.target) ?? 0
                    let cycle = path[start...] + [e.target]
                    out.append(Problem(.error, DesignDocument.actionPointer(n).appending("InvokeNext"),
                                       "cycle: \(cycle.joined(separator: " → "))", hint: "remove an edge of the cycle (u undoes)",
                                       action: n, edge: .init(from: n, to: e.target)))
                default: break
                }
            }
            path.removeLast()
            color[n] = 2
        }
        for n in names where color[n] == nil { visit(n) }
        return out
    }
}
