import FaaSrCore

/// The designer's list, container and secret-name edits, each one FaaSrCore editing call.
extension DesignDocument {
    /// The items of a list the form edits.
    public func items(_ list: ListRef) -> [String] {
        switch list {
        case .functionMap(let map, let function):
            guard let v = root[map]?[function] else { return [] }
            return NamedStrings(name: function, value: v, pointer: JSONPointer(tokens: [map, function])).values
        case .secrets:
            return root[WorkflowKey.secrets]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
    }

    /// Where a list is written.
    public static func pointer(_ list: ListRef) -> JSONPointer {
        switch list {
        case .functionMap(let map, let function): JSONPointer(tokens: [map, function])
        case .secrets: JSONPointer(tokens: [WorkflowKey.secrets])
        }
    }

    /// Appends an item (trimmed; empty, duplicate or badly named items are refused).
    public mutating func addItem(_ value: String, to list: ListRef) throws(EditError) {
        switch list {
        case .functionMap(let map, let function):
            try core { w throws(EditError) in try w.addFunctionMapItem(map, function: function, value: value) }
        case .secrets:
            try core { w throws(EditError) in try w.addSecretName(value) }
        }
    }

    /// Replaces item `index`.
    public mutating func replaceItem(_ index: Int, of list: ListRef, with value: String) throws(EditError) {
        switch list {
        case .functionMap(let map, let function):
            try core { w throws(EditError) in try w.replaceFunctionMapItem(map, function: function, at: index, with: value) }
        case .secrets:
            try core { w throws(EditError) in try w.renameSecretName(at: index, to: value) }
        }
    }

    /// Removes item `index`.
    public mutating func removeItem(_ index: Int, of list: ListRef) throws(EditError) {
        switch list {
        case .functionMap(let map, let function):
            try core { w throws(EditError) in try w.removeFunctionMapItem(map, function: function, at: index) }
        case .secrets:
            try core { w throws(EditError) in try w.removeSecretName(at: index) }
        }
    }

    /// Sets (or, nil, removes) the action's `ActionContainers` image.
    public mutating func setContainer(_ action: String, image: String?) throws(EditError) {
        try core { w throws(EditError) in try w.setActionContainer(action, image: image) }
    }

    /// The default image of `action` (its `Type` on its server's `FaaSType`), if FaaSr has one.
    public func defaultContainer(of action: String) -> String? {
        let a = self.action(action)
        let server = a?["FaaSServer"]?.stringValue ?? ""
        return PlatformFacts.named(self.server(server)?["FaaSType"]?.stringValue)?
            .defaultContainer(language: a?["Type"]?.stringValue ?? "")
    }

    /// Removes a credential written in the file; a compute server's credential also turns on
    /// its `UseSecretStore`, so FaaSr fetches the value from the secret store instead.
    public mutating func moveCredentialToSecretStore(_ pointer: JSONPointer) {
        remove(at: pointer)
        let t = pointer.tokens
        if t.count >= 3, t[0] == WorkflowKey.computeServers, server(t[1]) != nil {
            set(.bool(true), at: JSONPointer(tokens: [t[0], t[1], "UseSecretStore"]))
        }
    }
}
