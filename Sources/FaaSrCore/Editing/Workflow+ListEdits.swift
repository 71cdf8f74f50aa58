extension Workflow {
    /// The strings of `map[function]` (one string counts as a one-item list).
    private func functionMapItems(_ map: String, _ function: String) -> [String] {
        guard let v = root[map]?.objectValue?[function] else { return [] }
        return NamedStrings(name: function, value: v, pointer: JSONPointer(tokens: [map, function])).values
    }

    private func checkItem(_ value: String, kind: String, existing: [String]) throws(EditError) -> String {
        let v = value.trimmingSpaces
        guard !v.isEmpty else { throw .invalidName(kind: kind, name: value, rule: "write a non-empty value") }
        guard !existing.contains(v) else { throw .nameTaken(kind: kind, name: v) }
        return v
    }

    private static func writeFunctionMapItems(_ e: inout WorkflowEditor, _ map: String, _ function: String, _ items: [String]) throws(EditError) {
        let p = JSONPointer(tokens: [map, function])
        if items.isEmpty {
            e.remove(p)
            removeIfEmpty(&e, JSONPointer(tokens: [map]))
        } else {
            if e.value(at: JSONPointer(tokens: [map])) == nil { try e.set(JSONPointer(tokens: [map]), .object(JSONObject())) }
            try e.set(p, .array(items.map(JSONValue.string)))
        }
    }

    /// The schema wants these maps to have at least one entry: an emptied map goes.
    private static func removeIfEmpty(_ e: inout WorkflowEditor, _ p: JSONPointer) {
        if e.value(at: p)?.objectValue?.isEmpty == true { e.remove(p) }
    }

    /// Appends `value` (trimmed) to the list `map[function]` of a function-keyed map
    /// (`PyPIPackageDownloads`, `FunctionCRANPackage`, `FunctionGitHubPackage`, ...), creating
    /// the map and the entry when missing; a single-string entry becomes a list. Empty and
    /// duplicate values are refused, as the web builder does.
    @discardableResult
    public mutating func addFunctionMapItem(_ map: String, function: String, value: String) throws(EditError) -> EditSummary {
        let items = functionMapItems(map, function)
        let v = try checkItem(value, kind: "\(map) entry", existing: items)
        return try edit("Add \(v) to \(map)/\(function)") { e throws(EditError) in
            try Self.writeFunctionMapItems(&e, map, function, items + [v])
        }
    }

    /// Replaces item `index` of `map[function]` with `value` (trimmed; duplicates refused).
    @discardableResult
    public mutating func replaceFunctionMapItem(_ map: String, function: String, at index: Int, with value: String) throws(EditError) -> EditSummary {
        var items = functionMapItems(map, function)
        guard items.indices.contains(index) else { throw .indexOutOfRange(index, count: items.count) }
        var others = items
        others.remove(at: index)
        let v = try checkItem(value, kind: "\(map) entry", existing: others)
        items[index] = v
        return try edit("Set \(map)/\(function)/\(index)") { e throws(EditError) in
            try Self.writeFunctionMapItems(&e, map, function, items)
        }
    }

    /// Removes item `index` of `map[function]`; the function's entry goes when its list
    /// empties, and the map when it has no entry left.
    @discardableResult
    public mutating func removeFunctionMapItem(_ map: String, function: String, at index: Int) throws(EditError) -> EditSummary {
        var items = functionMapItems(map, function)
        guard items.indices.contains(index) else { throw .indexOutOfRange(index, count: items.count) }
        let gone = items.remove(at: index)
        return try edit("Remove \(gone) from \(map)/\(function)") { e throws(EditError) in
            try Self.writeFunctionMapItems(&e, map, function, items)
        }
    }

    /// Sets the container image of action `name` in `ActionContainers`, or (nil or empty)
    /// removes the entry so the platform's default image is used.
    @discardableResult
    public mutating func setActionContainer(_ name: String, image: String?) throws(EditError) -> EditSummary {
        try requireAction(name)
        let p = JSONPointer(tokens: [WorkflowKey.actionContainers, name])
        let image = image?.trimmingSpaces ?? ""
        if image.isEmpty {
            return try edit("Use the default container for \(name)") { e throws(EditError) in
                e.remove(p)
                Self.removeIfEmpty(&e, JSONPointer(tokens: [WorkflowKey.actionContainers]))
            }
        }
        return try edit("Set the container of \(name)") { e throws(EditError) in
            if e.value(at: JSONPointer(tokens: [WorkflowKey.actionContainers])) == nil {
                try e.set(JSONPointer(tokens: [WorkflowKey.actionContainers]), .object(JSONObject()))
            }
            try e.set(p, .string(image))
        }
    }

    /// The rule for user secret names (`Secrets`, the 2.x schema's pattern).
    public static let secretNameRule = "use capitals, digits and '_', starting with a capital (^[A-Z][A-Z_0-9]*$)"

    /// Whether `name` is a valid user secret name.
    public static func isValidSecretName(_ name: String) -> Bool {
        guard let f = name.unicodeScalars.first, ("A"..."Z").contains(f) else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private var secretItems: [String] { root[WorkflowKey.secrets]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    private func checkSecretName(_ name: String, existing: [String]) throws(EditError) -> String {
        let n = name.trimmingSpaces
        guard Self.isValidSecretName(n) else { throw .invalidName(kind: "secret", name: n, rule: Self.secretNameRule) }
        guard !existing.contains(n) else { throw .nameTaken(kind: "secret", name: n) }
        return n
    }

    /// Adds a user secret name to `Secrets` (names only: values live in the secret store).
    @discardableResult
    public mutating func addSecretName(_ name: String) throws(EditError) -> EditSummary {
        let items = secretItems
        let n = try checkSecretName(name, existing: items)
        return try edit("Add secret \(n)") { e throws(EditError) in
            try e.set(JSONPointer(tokens: [WorkflowKey.secrets]), .array((items + [n]).map(JSONValue.string)))
        }
    }

    /// Renames user secret number `index`.
    @discardableResult
    public mutating func renameSecretName(at index: Int, to name: String) throws(EditError) -> EditSummary {
        var items = secretItems
        guard items.indices.contains(index) else { throw .indexOutOfRange(index, count: items.count) }
        var others = items
        others.remove(at: index)
        items[index] = try checkSecretName(name, existing: others)
        return try edit("Rename secret \(index)") { e throws(EditError) in
            try e.set(JSONPointer(tokens: [WorkflowKey.secrets]), .array(items.map(JSONValue.string)))
        }
    }

    /// Removes user secret number `index`; `Secrets` goes when it empties.
    @discardableResult
    public mutating func removeSecretName(at index: Int) throws(EditError) -> EditSummary {
        var items = secretItems
        guard items.indices.contains(index) else { throw .indexOutOfRange(index, count: items.count) }
        let gone = items.remove(at: index)
        return try edit("Remove secret \(gone)") { e throws(EditError) in
            let p = JSONPointer(tokens: [WorkflowKey.secrets])
            if items.isEmpty { e.remove(p) } else { try e.set(p, .array(items.map(JSONValue.string))) }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
