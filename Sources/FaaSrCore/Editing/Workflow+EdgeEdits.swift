extension Workflow {
    private func invokeNextPointer(_ action: String) -> JSONPointer {
        Self.actionListPointer.appending(action).appending(Action.Key.invokeNext)
    }

    /// The `InvokeNext` list of `action` as an array (a bare string becomes a one-element
    /// list, an absent key an empty one).
    private func invokeNextItems(_ action: String) throws(EditError) -> [JSONValue] {
        switch self.action(named: action)?.object[Action.Key.invokeNext] {
        case nil, .null?: return []
        case .string(let s)?: return [.string(s)]
        case .array(let a)?: return a
        default: throw .wrongShape(invokeNextPointer(action), expected: "an array")
        }
    }

    /// Adds an edge `from → to` (`to(N)` when `rank` is given). An `.always` edge is appended
    /// as a string; a conditional one goes into the list's `{"True": [...], "False": [...]}`
    /// object, which is created (at the end) when missing.
    @discardableResult
    public mutating func addSuccessor(from: String, to: String, rank: Int? = nil,
                                      branch: Branch = .always) throws(EditError) -> EditSummary {
        try requireAction(from)
        try requireAction(to)
        if let rank, rank < 1 { throw .invalidRank(rank) }
        if action(named: from)!.successors.contains(where: { $0.name == to && $0.branch == branch }) {
            throw .edgeExists(from: from, to: to, branch: branch)
        }
        var items = try invokeNextItems(from)
        let text = JSONValue.string(SuccessorText.format(name: to, rank: rank))
        if branch == .always {
            items.append(text)
        } else {
            let key = branch.rawValue
            if let i = items.firstIndex(where: { Self.isConditional($0) }), var o = items[i].objectValue {
                o[key] = .array((o[key]?.arrayValue ?? []) + [text])
                items[i] = .object(o)
            } else {
                items.append(.object(JSONObject([JSONObject.Member(key: key, value: [text])])))
            }
        }
        let p = invokeNextPointer(from)
        let wasBare = action(named: from)?.invokeNext.isBareString == true
        let title = "Add edge \(from) → \(to)" + (branch == .always ? "" : " (\(branch.rawValue))")
        return try edit(title) { e throws(EditError) in
            try e.set(p, .array(items))
            if wasBare { e.notes.append("InvokeNext of '\(from)' was a single string; it is now a list.") }
        }
    }

    static func isConditional(_ v: JSONValue) -> Bool {
        guard let o = v.objectValue, !o.isEmpty else { return false }
        return o.keys.allSatisfy { $0 == "True" || $0 == "False" }
    }

    /// Removes every edge `from → to` (in `branch` only, when given).
    @discardableResult
    public mutating func removeSuccessor(from: String, to: String, branch: Branch? = nil) throws(EditError) -> EditSummary {
        try requireAction(from)
        let summary = try edit("Remove edge \(from) → \(to)") { e throws(EditError) in
            let n = try e.rewriteTargets(of: from) { s in
                s.name == to && (branch == nil || s.branch == branch) ? .remove : .keep
            }
            if n == 0 { throw .edgeNotFound(from: from, to: to) }
        }
        return summary
    }

    /// Moves the `InvokeNext` item at `index` to `newIndex` (the order successors are triggered in).
    @discardableResult
    public mutating func moveSuccessor(of action: String, from index: Int, to newIndex: Int) throws(EditError) -> EditSummary {
        try requireAction(action)
        var items = try invokeNextItems(action)
        guard items.indices.contains(index) else { throw .indexOutOfRange(index, count: items.count) }
        guard items.indices.contains(newIndex) else { throw .indexOutOfRange(newIndex, count: items.count) }
        let item = items.remove(at: index)
        items.insert(item, at: newIndex)
        let p = invokeNextPointer(action)
        return try edit("Reorder successors of \(action)") { e throws(EditError) in try e.set(p, .array(items)) }
    }

    /// Moves the edge `from → to` of `branch` `delta` places earlier (negative) or later
    /// (positive): a plain edge moves among the `InvokeNext` items (a conditional object counts
    /// as one item), a `True`/`False` edge within its branch's list. The order is the order
    /// FaaSr triggers successors in.
    @discardableResult
    public mutating func shiftSuccessor(from: String, to: String, branch: Branch = .always,
                                        by delta: Int) throws(EditError) -> EditSummary {
        try requireAction(from)
        var items = try invokeNextItems(from)
        func targets(_ v: JSONValue, _ name: String) -> Bool {
            v.stringValue.map { SuccessorText.parse($0).name == name } ?? false
        }
        if branch == .always {
            guard let i = items.firstIndex(where: { targets($0, to) }) else { throw .edgeNotFound(from: from, to: to) }
            guard items.indices.contains(i + delta) else { throw .indexOutOfRange(i + delta, count: items.count) }
            items.insert(items.remove(at: i), at: i + delta)
        } else {
            let key = branch.rawValue
            guard let k = items.firstIndex(where: { item in
                      Self.isConditional(item) && (item.objectValue?[key]?.arrayValue ?? []).contains { targets($0, to) }
                  }),
                  var o = items[k].objectValue, var list = o[key]?.arrayValue,
                  let i = list.firstIndex(where: { targets($0, to) })
            else { throw .edgeNotFound(from: from, to: to) }
            guard list.indices.contains(i + delta) else { throw .indexOutOfRange(i + delta, count: list.count) }
            list.insert(list.remove(at: i), at: i + delta)
            o[key] = .array(list)
            items[k] = .object(o)
        }
        let p = invokeNextPointer(from)
        return try edit("Move edge \(from) → \(to) \(delta < 0 ? "earlier" : "later")") { e throws(EditError) in
            try e.set(p, .array(items))
        }
    }

    /// Moves the edge `from → to` to `branch` (plain, `True` or `False`), keeping its rank.
    @discardableResult
    public mutating func setBranch(from: String, to: String, branch: Branch) throws(EditError) -> EditSummary {
        try requireAction(from)
        guard let current = action(named: from)?.successors.first(where: { $0.name == to }) else {
            throw .edgeNotFound(from: from, to: to)
        }
        if current.branch == branch { return EditSummary(title: "Set branch of \(from) → \(to)") }
        var copy = self
        var summary = try copy.removeSuccessor(from: from, to: to)
        let added = try copy.addSuccessor(from: from, to: to, rank: current.rank, branch: branch)
        summary.title = "Set edge \(from) → \(to) to \(branch == .always ? "always" : branch.rawValue)"
        summary.changes += added.changes
        summary.notes += added.notes
        self = copy
        return summary
    }

    /// Sets the rank count of every edge `from → to` (`to(N)`; nil writes plain `to`).
    @discardableResult
    public mutating func setRank(from: String, to: String, rank: Int?) throws(EditError) -> EditSummary {
        try requireAction(from)
        if let rank, rank < 1 { throw .invalidRank(rank) }
        guard action(named: from)?.successors.contains(where: { $0.name == to }) == true else {
            throw .edgeNotFound(from: from, to: to)
        }
        let text = SuccessorText.format(name: to, rank: rank)
        return try edit("Set rank of \(from) → \(to)") { e throws(EditError) in
            try e.rewriteTargets(of: from) { s in s.name == to ? .replace(text) : .keep }
        }
    }
}
