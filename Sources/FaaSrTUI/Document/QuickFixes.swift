import FaaSrCore

/// A fix the problems pane offers for a problem (`f` applies it, as one undoable edit). The
/// designer never applies these on its own: a 2.x file opens exactly as written.
public enum QuickFix: Equatable, Sendable {
    /// Renames every action whose name breaks the 2.x rule only by its `_` (`start_github` →
    /// `start-github`), with every reference (`InvokeNext`, `FunctionInvoke`,
    /// `ActionContainers`), and a `WorkflowName` with `_` likewise.
    case dashNames
    /// Removes the credential at the pointer from the file; a compute server's credential also
    /// turns on its `UseSecretStore`, so FaaSr reads the value from the secret store.
    case moveCredentialToSecret(JSONPointer)

    /// What the fix does, for the problems pane and the toast.
    public var title: String {
        switch self {
        case .dashNames: "rename every '_' name to '-' (references follow)"
        case .moveCredentialToSecret(let p): "move \(p.tokens.dropFirst().joined(separator: ".")) to the secret store"
        }
    }

    /// The fix offered for `problem` in `doc`, if any.
    public static func offered(for problem: Problem, in doc: DesignDocument) -> QuickFix? {
        if problem.code == RuleCode.refInlineCredential, doc.root.value(at: problem.pointer) != nil {
            return .moveCredentialToSecret(problem.pointer)
        }
        let t = problem.pointer.tokens
        let renames = doc.dashRenames
        guard !renames.actions.isEmpty || renames.workflowName != nil else { return nil }
        let names = Set(renames.actions.map(\.old))
        switch t.first {
        case WorkflowKey.actionList?, WorkflowKey.actionContainers?:
            return t.count >= 2 && names.contains(t[1]) || names.contains(referencedName(problem, doc)) ? .dashNames : nil
        case WorkflowKey.functionInvoke?:
            return names.contains(doc.entry ?? "") ? .dashNames : nil
        case WorkflowKey.workflowName?:
            return renames.workflowName != nil ? .dashNames : nil
        default:
            return nil
        }
    }

    /// The action an `InvokeNext` item at the problem's pointer names.
    private static func referencedName(_ problem: Problem, _ doc: DesignDocument) -> String {
        doc.root.value(at: problem.pointer)?.stringValue.map { SuccessorText.parse($0).name } ?? ""
    }
}

extension DesignDocument {
    /// The renames ``QuickFix/dashNames`` makes: each action name with `_` whose `-` form is a
    /// valid, unused name, and the `WorkflowName` likewise.
    public var dashRenames: (actions: [(old: String, new: String)], workflowName: String?) {
        var taken = Set(actionNames)
        var out: [(old: String, new: String)] = []
        for name in actionNames where name.contains("_") && !ActionName.isValid(name) {
            let new = name.replacingUnderscores()
            guard ActionName.isValid(new), !taken.contains(new) else { continue }
            taken.insert(new)
            out.append((name, new))
        }
        let wf = string(WorkflowKey.workflowName).flatMap { n -> String? in
            let new = n.replacingUnderscores()
            return n.contains("_") && !ActionName.isValid(n) && ActionName.isValid(new) ? new : nil
        }
        return (out, wf)
    }

    /// Applies a quick fix; returns what it did, for the toast.
    @discardableResult
    public mutating func apply(_ fix: QuickFix) throws(EditError) -> String {
        switch fix {
        case .dashNames:
            let renames = dashRenames
            for r in renames.actions { try renameAction(r.old, to: r.new) }
            if let w = renames.workflowName { setTop(WorkflowKey.workflowName, .string(w)) }
            var parts = renames.actions.map { "\($0.old) → \($0.new)" }
            if let w = renames.workflowName { parts.append("WorkflowName → \(w)") }
            return "renamed " + parts.joined(separator: ", ")
        case .moveCredentialToSecret(let p):
            moveCredentialToSecretStore(p)
            return "\(p.last ?? "") removed from the file: FaaSr reads it from the secret store"
        }
    }
}

extension String {
    /// The text with every `_` replaced by `-`.
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
