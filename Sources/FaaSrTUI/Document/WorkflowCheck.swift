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
            let action = t.count >= 2 && t[0] == WorkflowKey.actionList && actions.contains(t[1]) ? t[1] : nil
            var edge: Problem.EdgeRef?
            if let action, t.count >= 4, t[2] == "InvokeNext", let text = doc.root.value(at: d.pointer)?.stringValue {
                edge = .init(from: action, to: SuccessorText.parse(text).name)
            }
            return Problem(d.severity == .error ? .error : .warning, d.pointer, d.message, hint: d.hint, action: action, edge: edge, code: d.code)
        }
    }
}
