import FaaSrCore

/// An edit the designer refused before reaching the core (the core's own refusals are
/// `FaaSrCore.EditError`).
public struct DesignError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Readable text.
    public var description: String
    init(_ d: String) { description = d }
}

/// The designer's edits. Every structural edit goes through FaaSrCore's editing API
/// (`Workflow.addAction`, `renameAction`, `addSuccessor`, ...), so references follow renames
/// and deletes exactly as the core defines; the designer only maps its selection (edge
/// indices, form rows) onto those calls.
extension DesignDocument {
    /// Runs a core edit on this document; returns the core's summary of what changed.
    @discardableResult
    public mutating func core(_ body: (inout Workflow) throws(EditError) -> EditSummary) throws(EditError) -> EditSummary {
        var w = workflow
        let summary = try body(&w)
        workflow = w
        return summary
    }

    /// What an edit would change, without changing anything (for confirmations).
    public func preview(_ body: (inout Workflow) throws(EditError) -> EditSummary) -> [String] {
        var copy = self
        guard let s = try? copy.core(body) else { return [] }
        return s.notes
    }

    // MARK: Actions

    /// Adds a Python action named `name` running function `name` on the first server.
    public mutating func addAction(_ name: String) throws(EditError) {
        let server = serverNames.first ?? ""
        try core { w throws(EditError) in try w.addAction(name, functionName: name, faasServer: server) }
    }

    /// Renames an action; references follow.
    public mutating func renameAction(_ old: String, to new: String) throws(EditError) {
        try core { w throws(EditError) in try w.renameAction(old, to: new) }
    }

    /// Deletes an action and every reference to it.
    public mutating func deleteAction(_ name: String) throws(EditError) {
        try core { w throws(EditError) in try w.deleteAction(name) }
    }

    /// Copies an action under a new name.
    public mutating func duplicateAction(_ name: String, as new: String) throws(EditError) {
        try core { w throws(EditError) in try w.duplicateAction(name, as: new) }
    }

    // MARK: Edges

    /// Adds an edge `from → to`.
    public mutating func addEdge(from: String, to: String, branch: Branch = .always, rank: Int? = nil) throws(EditError) {
        try core { w throws(EditError) in try w.addSuccessor(from: from, to: to, rank: rank, branch: branch) }
    }

    /// Changes edge number `index` of `action` (in ``edges(of:)`` order): its branch, rank or
    /// target.
    public mutating func updateEdge(_ action: String, at index: Int, _ change: (inout WorkflowEdge) -> Void) throws(EditError) {
        let list = edges(of: action)
        guard list.indices.contains(index) else { throw .indexOutOfRange(index, count: list.count) }
        let old = list[index]
        var new = old
        change(&new)
        if new.to != old.to {
            try core { w throws(EditError) in
                var s = try w.removeSuccessor(from: action, to: old.to, branch: old.branch)
                let a = try w.addSuccessor(from: action, to: new.to, rank: new.rank, branch: new.branch)
                s.changes += a.changes
                return s
            }
        } else {
            if new.branch != old.branch {
                try core { w throws(EditError) in try w.setBranch(from: action, to: old.to, branch: new.branch) }
            }
            if new.rank != old.rank {
                try core { w throws(EditError) in try w.setRank(from: action, to: old.to, rank: new.rank) }
            }
        }
    }

    /// Removes edge number `index` of `action`.
    public mutating func removeEdge(_ action: String, at index: Int) throws(EditError) {
        let list = edges(of: action)
        guard list.indices.contains(index) else { throw .indexOutOfRange(index, count: list.count) }
        let e = list[index]
        try core { w throws(EditError) in try w.removeSuccessor(from: action, to: e.to, branch: e.branch) }
    }

    /// Moves edge number `index` of `action` one place earlier (`delta` −1) or later (+1), the
    /// order FaaSr triggers successors in: a plain edge moves among the `InvokeNext` items (past
    /// a whole conditional object), a `True`/`False` edge within its branch.
    public mutating func moveEdge(_ action: String, at index: Int, by delta: Int) throws {
        let list = edges(of: action)
        guard list.indices.contains(index) else { throw EditError.indexOutOfRange(index, count: list.count) }
        let e = list[index]
        do {
            try core { w throws(EditError) in try w.shiftSuccessor(from: action, to: e.to, branch: e.branch, by: delta) }
        } catch EditError.indexOutOfRange {
            let place = e.branch == .always ? "" : " of the \(e.branch.rawValue) branch"
            throw DesignError("\(action) → \(e.to) is already the \(delta < 0 ? "first" : "last") edge\(place)")
        }
    }

    // MARK: Servers and stores

    /// Adds a compute server of `type` with the designer's defaults for that type.
    public mutating func addServer(_ name: String, type: String) throws(EditError) {
        guard let t = FaaSType(rawValue: type) else { throw .wrongShape(JSONPointer(tokens: ["ComputeServers"]), expected: "a known FaaSType") }
        let fields = (t.facts.newServer.objectValue?.members ?? []).filter { $0.key != "FaaSType" }.map { ($0.key, $0.value) }
        try core { w throws(EditError) in try w.addComputeServer(name, type: t, fields: fields) }
    }

    /// Renames a server; actions' `FaaSServer` follow.
    public mutating func renameServer(_ old: String, to new: String) throws(EditError) {
        try core { w throws(EditError) in try w.renameComputeServer(old, to: new) }
    }

    /// Deletes a server (actions that ran on it keep the name; validation shows them).
    public mutating func deleteServer(_ name: String) throws(EditError) {
        try core { w throws(EditError) in try w.deleteComputeServer(name) }
    }

    /// Adds a data store with defaults.
    public mutating func addStore(_ name: String) throws(EditError) {
        try core { w throws(EditError) in try w.addDataStore(name, bucket: "", region: "us-east-1", fields: [("Writable", "TRUE")]) }
    }

    /// Renames a store; references follow.
    public mutating func renameStore(_ old: String, to new: String) throws(EditError) {
        try core { w throws(EditError) in try w.renameDataStore(old, to: new) }
    }

    /// Deletes a store.
    public mutating func deleteStore(_ name: String) throws(EditError) {
        try core { w throws(EditError) in try w.deleteDataStore(name) }
    }

    // MARK: Values

    /// Sets a top-level value.
    public mutating func setTop(_ key: String, _ value: JSONValue) {
        _ = try? core { w throws(EditError) in try w.setTopLevelField(key, to: value) }
    }

    /// Sets the value at `pointer`, creating parent objects on the way.
    public mutating func set(_ value: JSONValue, at pointer: JSONPointer) {
        var p = JSONPointer.root
        for t in pointer.tokens.dropLast() {
            p = p.appending(t)
            if root.value(at: p) == nil { _ = try? core { w throws(EditError) in try w.setField(p, to: .object(JSONObject())) } }
        }
        _ = try? core { w throws(EditError) in try w.setField(pointer, to: value) }
    }

    /// Removes the value at `pointer`.
    public mutating func remove(at pointer: JSONPointer) {
        _ = try? core { w throws(EditError) in try w.removeField(pointer) }
    }
}
