extension Workflow {
    /// Sets the value at `pointer` (replacing in place, or appending a new member), creating
    /// missing parent objects. Unknown keys and key order elsewhere are untouched.
    @discardableResult
    public mutating func setField(_ pointer: JSONPointer, to value: JSONValue) throws(EditError) -> EditSummary {
        guard !pointer.tokens.isEmpty else { throw .badPath(pointer) }
        return try edit("Set \(pointer)") { e throws(EditError) in try e.set(pointer, value) }
    }

    /// Removes the value at `pointer` (every member with that key); an absent path changes nothing.
    @discardableResult
    public mutating func removeField(_ pointer: JSONPointer) throws(EditError) -> EditSummary {
        try edit("Remove \(pointer)") { e throws(EditError) in e.remove(pointer) }
    }

    /// Sets field `key` of action `name` (nil removes it).
    @discardableResult
    public mutating func setActionField(_ name: String, _ key: String, to value: JSONValue?) throws(EditError) -> EditSummary {
        try requireAction(name)
        let p = Self.actionListPointer.appending(name).appending(key)
        if let value { return try setField(p, to: value) }
        return try removeField(p)
    }

    /// Sets top-level field `key` (nil removes it).
    @discardableResult
    public mutating func setTopLevelField(_ key: String, to value: JSONValue?) throws(EditError) -> EditSummary {
        let p = JSONPointer(tokens: [key])
        if let value { return try setField(p, to: value) }
        return try removeField(p)
    }
}
