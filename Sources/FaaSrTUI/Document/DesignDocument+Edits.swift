import FaaSrCore

/// Why an edit was refused.
public struct EditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Readable text.
    public var description: String
    init(_ d: String) { description = d }
}

extension DesignDocument {
    /// Whether `name` is a valid action, server or store name (the 2.x schema pattern).
    public static func isValidName(_ name: String) -> Bool {
        guard let f = name.unicodeScalars.first, f.properties.isAlphabetic || f == "_", f.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    private mutating func withTable(_ key: String, _ body: (inout JSONObject) throws(EditError) -> Void) throws(EditError) {
        var obj = root.objectValue ?? JSONObject()
        var table = obj[key]?.objectValue ?? JSONObject()
        try body(&table)
        obj[key] = .object(table)
        root = .object(obj)
    }

    private func checkNew(_ name: String, in existing: [String], kind: String) throws(EditError) {
        guard DesignDocument.isValidName(name) else {
            throw EditError("'\(name)' is not a valid \(kind) name: start with a letter or _, then letters, digits, _ or -")
        }
        guard !existing.contains(name) else { throw EditError("a \(kind) named '\(name)' already exists") }
    }

    // MARK: Actions

    /// Adds an action with defaults (its FunctionName is its name; the first server; Python).
    /// The first action added to a workflow without an entry becomes the entry.
    public mutating func addAction(_ name: String) throws(EditError) {
        try checkNew(name, in: actionNames, kind: "action")
        var a = JSONObject()
        a["FunctionName"] = .string(name)
        a["FaaSServer"] = .string(serverNames.first ?? "")
        a["Type"] = "Python"
        a["Arguments"] = .object(JSONObject())
        a["InvokeNext"] = .array([])
        try withTable(Key.actionList) { $0[name] = .object(a) }
        if (entry ?? "").isEmpty || !actionNames.contains(entry ?? "") { setTop(Key.functionInvoke, .string(name)) }
    }

    /// What else changes when `name` is renamed or deleted: every reference to it.
    public func references(toAction name: String) -> [String] {
        var out = predecessors(of: name).map { "InvokeNext of '\($0)' names it" }
        if entry == name { out.append("it is the workflow's entry (FunctionInvoke)") }
        return out
    }

    /// Renames an action; `InvokeNext` entries and `FunctionInvoke` that name it follow.
    public mutating func renameAction(_ old: String, to new: String) throws(EditError) {
        guard old != new else { return }
        try checkNew(new, in: actionNames, kind: "action")
        try withTable(Key.actionList) { $0.renameKey(old, to: new) }
        for a in actionNames {
            let e = edges(of: a)
            if e.contains(where: { $0.target == old }) {
                setEdges(a, e.map { var x = $0; if x.target == old { x.target = new }; return x })
            }
        }
        if entry == old { setTop(Key.functionInvoke, .string(new)) }
        for table in [Key.actionContainers] where root[table]?[old] != nil {
            try withTable(table) { $0.renameKey(old, to: new) }
        }
    }

    /// Deletes an action and every edge into it; clears `FunctionInvoke` if it was the entry.
    public mutating func deleteAction(_ name: String) throws(EditError) {
        guard action(name) != nil else { throw EditError("no action named '\(name)'") }
        try withTable(Key.actionList) { _ = $0.removeValue(forKey: name) }
        for a in actionNames where edges(of: a).contains(where: { $0.target == name }) {
            setEdges(a, edges(of: a).filter { $0.target != name })
        }
        if entry == name { setTop(Key.functionInvoke, .string(actionNames.first ?? "")) }
        if root[Key.actionContainers]?[name] != nil { try withTable(Key.actionContainers) { _ = $0.removeValue(forKey: name) } }
    }

    /// Copies an action (without its edges) under a new name.
    public mutating func duplicateAction(_ name: String, as new: String) throws(EditError) {
        guard var a = action(name) else { throw EditError("no action named '\(name)'") }
        try checkNew(new, in: actionNames, kind: "action")
        a["InvokeNext"] = .array([])
        try withTable(Key.actionList) { $0[new] = .object(a) }
        if let c = root[Key.actionContainers]?[name] { try withTable(Key.actionContainers) { $0[new] = c } }
    }

    // MARK: Edges

    /// Replaces an action's outgoing edges (written as FaaSr 2.x `InvokeNext`).
    public mutating func setEdges(_ action: String, _ edges: [Edge]) {
        root.setValue(Edge.invokeNext(edges), at: DesignDocument.actionPointer(action).appending("InvokeNext"))
    }

    /// Adds an edge `from → to`; refuses a duplicate or a missing target.
    public mutating func addEdge(from: String, to: String, condition: Edge.Condition = .always, rank: Int? = nil) throws(EditError) {
        guard action(from) != nil, action(to) != nil else { throw EditError("both actions must exist") }
        var e = edges(of: from)
        guard !e.contains(where: { $0.target == to && $0.condition == condition }) else {
            throw EditError("'\(from)' already invokes '\(to)'")
        }
        e.append(Edge(target: to, rank: rank, condition: condition))
        setEdges(from, e)
    }

    /// Changes edge number `index` of `action` (in ``edges(of:)`` order).
    public mutating func updateEdge(_ action: String, at index: Int, _ change: (inout Edge) -> Void) {
        var e = edges(of: action)
        guard e.indices.contains(index) else { return }
        change(&e[index])
        setEdges(action, e)
    }

    /// Removes edge number `index` of `action`.
    public mutating func removeEdge(_ action: String, at index: Int) {
        var e = edges(of: action)
        guard e.indices.contains(index) else { return }
        e.remove(at: index)
        setEdges(action, e)
    }

    /// Moves edge number `index` of `action` by `delta` places.
    public mutating func moveEdge(_ action: String, at index: Int, by delta: Int) {
        var e = edges(of: action)
        let j = index + delta
        guard e.indices.contains(index), e.indices.contains(j) else { return }
        e.swapAt(index, j)
        setEdges(action, e)
    }

    // MARK: Servers and stores

    /// Adds a compute server of `type` with its defaults.
    public mutating func addServer(_ name: String, type: String) throws(EditError) {
        try checkNew(name, in: serverNames, kind: "compute server")
        try withTable(Key.computeServers) { $0[name] = FaaSTypeDefaults.newServer(type) }
    }

    /// What else changes when a server is renamed or deleted.
    public func references(toServer name: String) -> [String] {
        actionNames.filter { action($0)?["FaaSServer"]?.stringValue == name }.map { "action '\($0)' runs on it (FaaSServer)" }
    }

    /// Renames a server; actions' `FaaSServer` follow.
    public mutating func renameServer(_ old: String, to new: String) throws(EditError) {
        guard old != new else { return }
        try checkNew(new, in: serverNames, kind: "compute server")
        try withTable(Key.computeServers) { $0.renameKey(old, to: new) }
        for a in actionNames where action(a)?["FaaSServer"]?.stringValue == old {
            root.setValue(.string(new), at: DesignDocument.actionPointer(a).appending("FaaSServer"))
        }
    }

    /// Deletes a server; actions that ran on it are left pointing at nothing (validation shows it).
    public mutating func deleteServer(_ name: String) throws(EditError) {
        try withTable(Key.computeServers) { _ = $0.removeValue(forKey: name) }
    }

    /// Adds a data store with defaults.
    public mutating func addStore(_ name: String) throws(EditError) {
        try checkNew(name, in: storeNames, kind: "data store")
        try withTable(Key.dataStores) {
            $0[name] = ["Endpoint": "", "Bucket": "", "Region": "us-east-1", "Writable": "TRUE"]
        }
        if (string(Key.defaultDataStore) ?? "").isEmpty { setTop(Key.defaultDataStore, .string(name)) }
    }

    /// What else changes when a store is renamed or deleted.
    public func references(toStore name: String) -> [String] {
        [Key.defaultDataStore, Key.loggingDataStore].filter { string($0) == name }.map { "it is the \($0)" }
    }

    /// Renames a store; `DefaultDataStore`/`LoggingDataStore` follow.
    public mutating func renameStore(_ old: String, to new: String) throws(EditError) {
        guard old != new else { return }
        try checkNew(new, in: storeNames, kind: "data store")
        try withTable(Key.dataStores) { $0.renameKey(old, to: new) }
        for k in [Key.defaultDataStore, Key.loggingDataStore] where string(k) == old { setTop(k, .string(new)) }
    }

    /// Deletes a store; references to it are cleared.
    public mutating func deleteStore(_ name: String) throws(EditError) {
        try withTable(Key.dataStores) { _ = $0.removeValue(forKey: name) }
        for k in [Key.defaultDataStore, Key.loggingDataStore] where string(k) == name {
            setTop(k, .string(storeNames.first ?? ""))
        }
    }

    // MARK: Values

    /// Sets a top-level value.
    public mutating func setTop(_ key: String, _ value: JSONValue) {
        root.setValue(value, at: JSONPointer(tokens: [key]))
    }

    /// Sets the value at `pointer`, creating objects on the way.
    public mutating func set(_ value: JSONValue, at pointer: JSONPointer) {
        var p = JSONPointer.root
        for t in pointer.tokens.dropLast() {
            p = p.appending(t)
            if root.value(at: p) == nil { root.setValue(.object(JSONObject()), at: p) }
        }
        root.setValue(value, at: pointer)
    }

    /// Removes the value at `pointer`.
    public mutating func remove(at pointer: JSONPointer) { root.removeValue(at: pointer) }
}
