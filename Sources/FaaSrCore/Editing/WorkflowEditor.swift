/// Records changes while an edit runs on a workflow's tree; every write goes through here.
struct WorkflowEditor {
    var root: JSONValue
    var changes: [WorkflowChange] = []
    var notes: [String] = []

    init(_ workflow: Workflow) { root = workflow.document.root }

    func value(at p: JSONPointer) -> JSONValue? { root.value(at: p) }

    /// Sets (or adds) the value at `p`.
    mutating func set(_ p: JSONPointer, _ v: JSONValue) throws(EditError) {
        let old = root.value(at: p)
        if old == v { return }
        guard root.setValue(v, at: p) else { throw .badPath(p) }
        changes.append(WorkflowChange(kind: old == nil ? .added : .modified, pointer: p, oldValue: old, newValue: v))
    }

    /// Removes the value at `p`, if any.
    @discardableResult
    mutating func remove(_ p: JSONPointer) -> JSONValue? {
        guard let old = root.removeValue(at: p) else { return nil }
        changes.append(WorkflowChange(kind: .removed, pointer: p, oldValue: old))
        return old
    }

    /// The object at `p` (throws when it is something else; nil when absent).
    func object(_ p: JSONPointer) throws(EditError) -> JSONObject? {
        guard let v = root.value(at: p) else { return nil }
        guard let o = v.objectValue else { throw .wrongShape(p, expected: "an object") }
        return o
    }

    /// Rewrites the object at `p` in one step (for key renames, inserts and moves).
    mutating func updateObject(_ p: JSONPointer, _ body: (inout JSONObject) -> Void) throws(EditError) {
        var o = try object(p) ?? JSONObject()
        let existed = root.value(at: p) != nil
        body(&o)
        if !existed {
            guard root.setValue(.object(o), at: p) else { throw .badPath(p) }
            changes.append(WorkflowChange(kind: .added, pointer: p, newValue: .object(o)))
        } else {
            guard root.setValue(.object(o), at: p) else { throw .badPath(p) }
        }
    }

    /// Renames member `old` of the object at `parent` in place.
    mutating func renameKey(in parent: JSONPointer, _ old: String, to new: String) throws(EditError) {
        guard try object(parent)?.contains(old) == true else { return }
        try updateObject(parent) { $0.renameKey(old, to: new) }
        changes.append(WorkflowChange(kind: .renamed(to: new), pointer: parent.appending(old)))
    }

    /// Inserts member `key` into the object at `parent` at `index` (end when nil).
    mutating func insert(_ v: JSONValue, key: String, in parent: JSONPointer, at index: Int?) throws(EditError) {
        try updateObject(parent) { $0.insert(v, forKey: key, at: index ?? $0.count) }
        changes.append(WorkflowChange(kind: .added, pointer: parent.appending(key), newValue: v))
    }

    /// The finished summary, writing the tree back into `workflow`.
    func finish(into workflow: inout Workflow, title: String) -> EditSummary {
        workflow.document.root = root
        return EditSummary(title: title, changes: changes, notes: notes)
    }
}

extension Workflow {
    /// Runs `body` on an editor; the workflow changes only when `body` succeeds.
    mutating func edit(_ title: String, _ body: (inout WorkflowEditor) throws(EditError) -> Void) throws(EditError) -> EditSummary {
        var editor = WorkflowEditor(self)
        try body(&editor)
        return editor.finish(into: &self, title: title)
    }

    static let actionListPointer = JSONPointer(tokens: [WorkflowKey.actionList])
    static let serversPointer = JSONPointer(tokens: [WorkflowKey.computeServers])
    static let storesPointer = JSONPointer(tokens: [WorkflowKey.dataStores])
}
