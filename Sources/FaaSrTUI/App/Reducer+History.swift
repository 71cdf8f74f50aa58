import FaaSrCore
import TUIKit

/// Edits, undo and redo: every change to the document goes through `edit`, one undo step
/// each, then re-validation and the autosave.
extension AppState {
    /// Records the state before an edit, applies it, and re-validates; one undo step.
    mutating func edit(_ label: String, _ body: (inout DesignDocument) throws -> Void) -> [Effect] {
        var next = doc
        do {
            try body(&next)
        } catch {
            toast = "\(glyphs.cross) \(error)"
            return []
        }
        guard next != doc else { return [] }
        history.past.append(.init(doc: doc, label: label))
        if history.past.count > history.limit { history.past.removeFirst() }
        history.future.removeAll()
        doc = next
        revalidate()
        toast = label
        return autosave()
    }

    mutating func revalidate() {
        // Undo and redo can change an edge's branch: keep the graph's edge to the same target.
        if let e = graphEdge, e.index(in: doc) == nil {
            graphEdge = doc.edges(of: e.from).first { $0.target == e.target }.map { EdgeSelection(from: e.from, $0) }
        }
        problems = WorkflowCheck.problems(in: doc) + migrationTodos
        problemIndex = min(problemIndex, max(0, problems.count - 1))
        let rows = formRows.count
        fieldIndex = min(fieldIndex, max(0, rows - 1))
        for sec in Section.allCases {
            let n = names(in: sec).count
            selection[sec] = min(selection[sec] ?? 0, max(0, n - 1))
        }
    }

    func autosave() -> [Effect] {
        guard let r = recoveryPath, r != keptRecovery else { return [] }
        return isDirty ? [.writeRecovery(path: r, text: doc.text)] : [.removeRecovery(path: r)]
    }

    mutating func undo() -> [Effect] {
        guard let last = history.past.popLast() else { toast = "nothing to undo"; return [] }
        history.future.append(.init(doc: doc, label: last.label))
        doc = last.doc
        revalidate()
        toast = "undid: \(last.label)"
        return autosave()
    }

    mutating func redo() -> [Effect] {
        guard let next = history.future.popLast() else { toast = "nothing to redo"; return [] }
        history.past.append(.init(doc: doc, label: next.label))
        doc = next.doc
        revalidate()
        toast = "redid: \(next.label)"
        return autosave()
    }
}
