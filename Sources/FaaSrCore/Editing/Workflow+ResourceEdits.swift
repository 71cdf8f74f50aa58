extension Workflow {
    private static let keyRule = "use a non-empty name without '/' or '~'"

    private func checkNewKey(_ name: String, kind: String, existing: [String]) throws(EditError) {
        guard !name.isEmpty, !name.contains("/"), !name.contains("~") else {
            throw .invalidName(kind: kind, name: name, rule: Self.keyRule)
        }
        guard !existing.contains(name) else { throw .nameTaken(kind: kind, name: name) }
    }

    /// Copies entry `name` of the top-level object `table` under `newName`, right after it.
    private mutating func duplicateEntry(_ name: String, as newName: String, table: String, at pointer: JSONPointer,
                                         kind: String, existing: [String]) throws(EditError) -> EditSummary {
        guard let object = root[table]?.objectValue, let v = object[name] else { throw .notFound(kind: kind, name: name) }
        try checkNewKey(newName, kind: kind, existing: existing)
        let position = object.index(ofKey: name).map { $0 + 1 }
        return try edit("Duplicate \(kind) \(name) as \(newName)") { e throws(EditError) in
            try e.insert(v, key: newName, in: pointer, at: position)
        }
    }

    // MARK: Compute servers

    /// Adds a compute server `{"FaaSType": type, ...fields}` at the end of `ComputeServers`.
    @discardableResult
    public mutating func addComputeServer(_ name: String, type: FaaSType,
                                          fields: [(String, JSONValue)] = []) throws(EditError) -> EditSummary {
        try checkNewKey(name, kind: "compute server", existing: computeServerNames)
        var o = JSONObject([JSONObject.Member(key: "FaaSType", value: .string(type.rawValue))])
        for (k, v) in fields { o[k] = v }
        return try edit("Add compute server \(name)") { e throws(EditError) in
            try e.insert(.object(o), key: name, in: Self.serversPointer, at: nil)
        }
    }

    /// Renames a compute server in place and every action's `FaaSServer` that names it.
    @discardableResult
    public mutating func renameComputeServer(_ old: String, to new: String) throws(EditError) -> EditSummary {
        guard computeServer(named: old) != nil else { throw .notFound(kind: "compute server", name: old) }
        if old == new { return EditSummary(title: "Rename compute server \(old)") }
        try checkNewKey(new, kind: "compute server", existing: computeServerNames)
        let users = actions.filter { $0.faasServer == old }.map(\.name)
        return try edit("Rename compute server \(old) to \(new)") { e throws(EditError) in
            try e.renameKey(in: Self.serversPointer, old, to: new)
            for a in users {
                try e.set(Self.actionListPointer.appending(a).appending(Action.Key.faasServer), .string(new))
            }
            if !users.isEmpty { e.notes.append("Updated FaaSServer in \(users.joined(separator: ", ")).") }
        }
    }

    /// Copies a compute server under a new name, right after it.
    @discardableResult
    public mutating func duplicateComputeServer(_ name: String, as newName: String) throws(EditError) -> EditSummary {
        try duplicateEntry(name, as: newName, table: WorkflowKey.computeServers, at: Self.serversPointer,
                           kind: "compute server", existing: computeServerNames)
    }

    /// Deletes a compute server. Actions that ran on it move to `reassignTo` when given;
    /// otherwise they keep the (now dangling) name and the summary lists them.
    @discardableResult
    public mutating func deleteComputeServer(_ name: String, reassignTo: String? = nil) throws(EditError) -> EditSummary {
        guard computeServer(named: name) != nil else { throw .notFound(kind: "compute server", name: name) }
        if let r = reassignTo, r == name || computeServer(named: r) == nil { throw .notFound(kind: "compute server", name: r) }
        let users = actions.filter { $0.faasServer == name }.map(\.name)
        return try edit("Delete compute server \(name)") { e throws(EditError) in
            e.remove(Self.serversPointer.appending(name))
            guard !users.isEmpty else { return }
            if let reassignTo {
                for a in users {
                    try e.set(Self.actionListPointer.appending(a).appending(Action.Key.faasServer), .string(reassignTo))
                }
                e.notes.append("Moves \(users.joined(separator: ", ")) to '\(reassignTo)'.")
            } else {
                e.notes.append("\(users.joined(separator: ", ")) still name '\(name)' as FaaSServer; choose another server.")
            }
        }
    }

    // MARK: Data stores

    /// Adds a data store `{"Endpoint": endpoint, "Bucket": bucket, "Region": region, ...fields}`
    /// (the web builder's key order) at the end of `DataStores`; the first store also becomes
    /// `DefaultDataStore` when none is set.
    @discardableResult
    public mutating func addDataStore(_ name: String, bucket: String, endpoint: String = "", region: String = "",
                                      fields: [(String, JSONValue)] = []) throws(EditError) -> EditSummary {
        try checkNewKey(name, kind: "data store", existing: dataStoreNames)
        var o: JSONObject = JSONObject([
            .init(key: "Endpoint", value: .string(endpoint)), .init(key: "Bucket", value: .string(bucket)),
            .init(key: "Region", value: .string(region)),
        ])
        for (k, v) in fields { o[k] = v }
        let needsDefault = (defaultDataStore ?? "").isEmpty
        return try edit("Add data store \(name)") { e throws(EditError) in
            try e.insert(.object(o), key: name, in: Self.storesPointer, at: nil)
            if needsDefault {
                try e.set(JSONPointer(tokens: [WorkflowKey.defaultDataStore]), .string(name))
                e.notes.append("DefaultDataStore is now '\(name)'.")
            }
        }
    }

    /// Renames a data store in place and `DefaultDataStore` / `LoggingDataStore` when they name it.
    @discardableResult
    public mutating func renameDataStore(_ old: String, to new: String) throws(EditError) -> EditSummary {
        guard dataStore(named: old) != nil else { throw .notFound(kind: "data store", name: old) }
        if old == new { return EditSummary(title: "Rename data store \(old)") }
        try checkNewKey(new, kind: "data store", existing: dataStoreNames)
        let refs = [WorkflowKey.defaultDataStore, WorkflowKey.loggingDataStore].filter { root[$0]?.stringValue == old }
        return try edit("Rename data store \(old) to \(new)") { e throws(EditError) in
            try e.renameKey(in: Self.storesPointer, old, to: new)
            for key in refs {
                try e.set(JSONPointer(tokens: [key]), .string(new))
                e.notes.append("\(key) now names '\(new)'.")
            }
        }
    }

    /// Copies a data store under a new name, right after it.
    @discardableResult
    public mutating func duplicateDataStore(_ name: String, as newName: String) throws(EditError) -> EditSummary {
        try duplicateEntry(name, as: newName, table: WorkflowKey.dataStores, at: Self.storesPointer,
                           kind: "data store", existing: dataStoreNames)
    }

    /// Deletes a data store. `DefaultDataStore` / `LoggingDataStore` naming it move to
    /// `reassignTo` (or the first remaining store); with no store left they keep the name
    /// and the summary says so.
    @discardableResult
    public mutating func deleteDataStore(_ name: String, reassignTo: String? = nil) throws(EditError) -> EditSummary {
        guard dataStore(named: name) != nil else { throw .notFound(kind: "data store", name: name) }
        if let r = reassignTo, r == name || dataStore(named: r) == nil { throw .notFound(kind: "data store", name: r) }
        let replacement = reassignTo ?? dataStoreNames.first { $0 != name }
        let refs = [WorkflowKey.defaultDataStore, WorkflowKey.loggingDataStore].filter { root[$0]?.stringValue == name }
        return try edit("Delete data store \(name)") { e throws(EditError) in
            e.remove(Self.storesPointer.appending(name))
            for key in refs {
                if let replacement {
                    try e.set(JSONPointer(tokens: [key]), .string(replacement))
                    e.notes.append("\(key) moves from '\(name)' to '\(replacement)'.")
                } else {
                    e.notes.append("\(key) still names '\(name)'; add a data store.")
                }
            }
        }
    }
}
