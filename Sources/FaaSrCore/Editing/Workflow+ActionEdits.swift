extension Workflow {
    private static let actionRule = "start with a letter, then letters, digits or '-' (no '_' or '.')"

    func requireAction(_ name: String) throws(EditError) {
        guard action(named: name) != nil else { throw .notFound(kind: "action", name: name) }
    }

    private func checkNewActionName(_ name: String) throws(EditError) {
        guard ActionName.isValid(name) else { throw .invalidName(kind: "action", name: name, rule: Self.actionRule) }
        guard action(named: name) == nil else { throw .nameTaken(kind: "action", name: name) }
    }

    /// Adds an action (keys in the web builder's order: `FunctionName`, `FaaSServer`, `Type`,
    /// `Arguments`, `InvokeNext`), after `after` or at the end. Creates `ActionList` when
    /// missing, and sets `FunctionInvoke` when the workflow has no entry yet.
    @discardableResult
    public mutating func addAction(_ name: String, functionName: String, faasServer: String,
                                   type: ActionType = .python, after: String? = nil) throws(EditError) -> EditSummary {
        try checkNewActionName(name)
        if let after { try requireAction(after) }
        let entry: JSONValue = [
            Action.Key.functionName: .string(functionName), Action.Key.faasServer: .string(faasServer),
            Action.Key.type: .string(type.text), Action.Key.arguments: [:], Action.Key.invokeNext: [],
        ]
        let position = after.flatMap { root[WorkflowKey.actionList]?.objectValue?.index(ofKey: $0) }.map { $0 + 1 }
        let hadEntry = !(functionInvoke ?? "").isEmpty
        return try edit("Add action \(name)") { e throws(EditError) in
            try e.insert(entry, key: name, in: Self.actionListPointer, at: position)
            if !hadEntry {
                try e.set(JSONPointer(tokens: [WorkflowKey.functionInvoke]), .string(name))
                e.notes.append("FunctionInvoke is now '\(name)' (the workflow had no entry action).")
            }
        }
    }

    /// Renames an action in place and updates every reference: `InvokeNext` targets (plain,
    /// `Name(N)` and conditional, keeping the rank suffix), `FunctionInvoke` and the
    /// `ActionContainers` key.
    @discardableResult
    public mutating func renameAction(_ old: String, to new: String) throws(EditError) -> EditSummary {
        try requireAction(old)
        if old == new { return EditSummary(title: "Rename action \(old)") }
        try checkNewActionName(new)
        let wasEntry = functionInvoke == old
        return try edit("Rename action \(old) to \(new)") { e throws(EditError) in
            try e.renameKey(in: Self.actionListPointer, old, to: new)
            let touched = try e.rewriteAllTargets { _, s in
                s.name == old ? .replace(new + s.raw.dropFirst(old.count)) : .keep
            }
            for (source, n) in touched {
                e.notes.append("Updated \(n) InvokeNext target\(n == 1 ? "" : "s") in '\(source)'.")
            }
            if wasEntry {
                try e.set(JSONPointer(tokens: [WorkflowKey.functionInvoke]), .string(new))
                e.notes.append("FunctionInvoke now names '\(new)'.")
            }
            let containers = JSONPointer(tokens: [WorkflowKey.actionContainers])
            if (try? e.object(containers))?.contains(old) == true {
                try e.renameKey(in: containers, old, to: new)
                e.notes.append("Renamed the ActionContainers entry.")
            }
        }
    }

    /// Copies an action under a new name, right after the original, with its fields (and
    /// `InvokeNext` when `keepSuccessors`, else an empty list) and its `ActionContainers`
    /// image. Nothing points at the copy yet.
    @discardableResult
    public mutating func duplicateAction(_ name: String, as newName: String,
                                         keepSuccessors: Bool = true) throws(EditError) -> EditSummary {
        try requireAction(name)
        try checkNewActionName(newName)
        var entry = root[WorkflowKey.actionList]?.objectValue?[name] ?? [:]
        if !keepSuccessors, case .object(var o) = entry, o.contains(Action.Key.invokeNext) {
            o[Action.Key.invokeNext] = []
            entry = .object(o)
        }
        let position = root[WorkflowKey.actionList]?.objectValue?.index(ofKey: name).map { $0 + 1 }
        let image = actionContainer(for: name)
        return try edit("Duplicate action \(name) as \(newName)") { e throws(EditError) in
            try e.insert(entry, key: newName, in: Self.actionListPointer, at: position)
            if let image {
                try e.set(JSONPointer(tokens: [WorkflowKey.actionContainers, newName]), .string(image))
                e.notes.append("Copied the ActionContainers image '\(image)'.")
            }
        }
    }

    /// Deletes an action and everything that points at it: `InvokeNext` targets in other
    /// actions, its `ActionContainers` entry, and (when `removeUnusedFunctionEntries` and no
    /// other action runs the same function) its entries in `FunctionGitRepo` and the package
    /// maps. When it was the entry, `FunctionInvoke` moves to the first remaining root.
    @discardableResult
    public mutating func deleteAction(_ name: String, removeUnusedFunctionEntries: Bool = true) throws(EditError) -> EditSummary {
        try requireAction(name)
        let function = action(named: name)?.functionName
        let functionStillUsed = actions.contains { $0.name != name && $0.functionName == function }
        let wasEntry = functionInvoke == name
        var summary = try edit("Delete action \(name)") { e throws(EditError) in
            e.remove(Self.actionListPointer.appending(name))
            for (a, _) in try e.rewriteAllTargets({ _, s in s.name == name ? .remove : .keep }) {
                e.notes.append("Removes the edge from '\(a)' to '\(name)'.")
            }
            if e.remove(JSONPointer(tokens: [WorkflowKey.actionContainers, name])) != nil {
                e.notes.append("Removes the ActionContainers entry '\(name)'.")
            }
            if removeUnusedFunctionEntries, let function, !functionStillUsed {
                for key in WorkflowKey.functionMaps where e.remove(JSONPointer(tokens: [key, function])) != nil {
                    e.notes.append("Removes the \(key) entry '\(function)' (no other action runs it).")
                }
            }
        }
        if wasEntry {
            let next = graph.faasrStart
            let p = JSONPointer(tokens: [WorkflowKey.functionInvoke])
            let old = root[WorkflowKey.functionInvoke]
            if let next {
                document.root.setValue(.string(next), at: p)
                summary.changes.append(WorkflowChange(kind: .modified, pointer: p, oldValue: old, newValue: .string(next)))
                summary.notes.append("FunctionInvoke moves from '\(name)' to '\(next)'.")
            } else {
                summary.notes.append("FunctionInvoke still names '\(name)'; choose a new entry action.")
            }
        }
        return summary
    }

    /// Moves an action to `index` in `ActionList` order (this also decides which root FaaSr
    /// starts from when `FunctionInvoke` is not set).
    @discardableResult
    public mutating func moveAction(_ name: String, to index: Int) throws(EditError) -> EditSummary {
        try requireAction(name)
        let count = actionNames.count
        guard index >= 0, index < count else { throw .indexOutOfRange(index, count: count) }
        return try edit("Move action \(name)") { e throws(EditError) in
            let before = try e.object(Self.actionListPointer)?.index(ofKey: name)
            try e.updateObject(Self.actionListPointer) { $0.moveKey(name, to: index) }
            if before != index {
                e.changes.append(WorkflowChange(kind: .modified, pointer: Self.actionListPointer.appending(name)))
            }
        }
    }

    /// Renames a user function: every action's `FunctionName` equal to `old` and the `old`
    /// keys of `FunctionGitRepo`, `FunctionLocalFile` and the package maps.
    @discardableResult
    public mutating func renameFunction(_ old: String, to new: String) throws(EditError) -> EditSummary {
        guard functionNames.contains(old) || WorkflowKey.functionMaps.contains(where: { root[$0]?.objectValue?.contains(old) == true })
        else { throw .notFound(kind: "function", name: old) }
        let users = actions.filter { $0.functionName == old }.map(\.name)
        return try edit("Rename function \(old) to \(new)") { e throws(EditError) in
            for a in users {
                try e.set(Self.actionListPointer.appending(a).appending(Action.Key.functionName), .string(new))
            }
            if !users.isEmpty { e.notes.append("Updated FunctionName in \(users.joined(separator: ", ")).") }
            for key in WorkflowKey.functionMaps {
                let p = JSONPointer(tokens: [key])
                if (try? e.object(p))?.contains(old) == true {
                    try e.renameKey(in: p, old, to: new)
                    e.notes.append("Renamed the \(key) entry.")
                }
            }
        }
    }
}
