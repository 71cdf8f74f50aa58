/// Names that must refer to something (servers, data stores), entries that refer to nothing
/// (containers, code and package entries, unused servers), and credentials written inline.
enum ReferenceRules {
    static func check(_ c: RuleContext) -> [Diagnostic] {
        servers(c) + dataStores(c) + unusedEntries(c) + inlineCredentials(c)
    }

    private static func servers(_ c: RuleContext) -> [Diagnostic] {
        let servers = c.names(in: WorkflowKey.computeServers)
        let serverSet = Set(servers)
        var used = Set<String>()
        var out: [Diagnostic] = []
        for (name, object) in c.actions {
            guard let server = object["FaaSServer"]?.stringValue, !server.isEmpty else { continue }
            used.insert(server)
            guard !serverSet.contains(server) else { continue }
            var hint = servers.isEmpty ? "add a compute server named \"\(server)\" to \"ComputeServers\""
                : "use one of the compute servers: \(RuleContext.list(servers))"
            if let near = SchemaMessages.closest(server, among: servers) { hint = "did you mean \"\(near)\"?" }
            out.append(.error(RuleCode.refComputeServer, at: c.pointer(ofAction: name).appending("FaaSServer"),
                              "action \"\(name)\" runs on \"\(server)\", but there is no compute server of that name",
                              hint: hint))
        }
        for s in servers where !used.contains(s) {
            out.append(.warning(RuleCode.refUnusedServer, at: JSONPointer(tokens: [WorkflowKey.computeServers, s]),
                                "compute server \"\(s)\" is not used by any action",
                                hint: "remove it, or set an action's \"FaaSServer\" to \"\(s)\""))
        }
        return out
    }

    private static func dataStores(_ c: RuleContext) -> [Diagnostic] {
        let stores = c.names(in: WorkflowKey.dataStores)
        var out: [Diagnostic] = []
        for key in [WorkflowKey.defaultDataStore, WorkflowKey.loggingDataStore] {
            guard let name = c.root[key]?.stringValue else { continue }  // absent or null: schema / fallback
            if key == WorkflowKey.defaultDataStore, name.isEmpty { continue }  // the schema reports it
            guard !stores.contains(name) else { continue }
            var hint = stores.isEmpty ? "add a data store named \"\(name)\" to \"DataStores\""
                : "use one of the data stores: \(RuleContext.list(stores))"
            if let near = SchemaMessages.closest(name, among: stores) { hint = "did you mean \"\(near)\"?" }
            if key == WorkflowKey.loggingDataStore, name.isEmpty {
                hint = "name a data store, or remove \"LoggingDataStore\" to log to the default store"
            }
            out.append(.error(RuleCode.refDataStore, at: JSONPointer(tokens: [key]),
                              "\"\(key)\" names \"\(name)\", but there is no data store of that name", hint: hint))
        }
        return out
    }

    /// Maps keyed by function name (code and packages).
    static let functionMaps = [
        WorkflowKey.functionGitRepo, WorkflowKey.functionLocalFile, WorkflowKey.functionCRANPackage,
        WorkflowKey.functionGitHubPackage, WorkflowKey.pyPIPackageDownloads, WorkflowKey.pythonPackageGitHub,
        WorkflowKey.pythonCondaPackage,
    ]

    private static func unusedEntries(_ c: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let actionNames = c.actions.map(\.name)
        let actionSet = Set(actionNames)
        for key in c.names(in: WorkflowKey.actionContainers) where !actionSet.contains(key) {
            var hint = "remove the entry, or rename it to the action it is for"
            if let near = SchemaMessages.closest(key, among: actionNames) { hint = "did you mean \"\(near)\"?" }
            out.append(.warning(RuleCode.refUnusedContainer, at: JSONPointer(tokens: [WorkflowKey.actionContainers, key]),
                                "\"ActionContainers\" has an entry for \"\(key)\", but there is no action of that name", hint: hint))
        }
        // Actions without a FunctionName (the fork's Agent actions) are keyed by action name.
        let functions = Set(c.actions.map { $0.object["FunctionName"]?.stringValue ?? $0.name })
        let sortedFunctions = functions.sorted()
        for map in functionMaps {
            for key in c.names(in: map) where !functions.contains(key) {
                var hint = "remove the entry, or rename it to the FunctionName it is for"
                if let near = SchemaMessages.closest(key, among: sortedFunctions) { hint = "did you mean \"\(near)\"?" }
                out.append(.warning(RuleCode.refUnusedFunctionEntry, at: JSONPointer(tokens: [map, key]),
                                    "\"\(map)\" has an entry for \"\(key)\", but no action has that FunctionName", hint: hint))
            }
        }
        return out
    }

    /// Server and store fields that hold credentials, and the secret FaaSr reads them from
    /// (spec/runtime.md §1.11).
    private static func secretName(server: String, type: String?, field: String) -> String {
        "\(server)_\(PlatformFacts.secretSuffix(type: type.flatMap(FaaSType.init(rawValue:)), field: field))"
    }

    private static func inlineCredentials(_ c: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let groups: [(String, String, [String])] = [
            (WorkflowKey.computeServers, "compute server", ["Token", "API.key", "AccessKey", "SecretKey"]),
            (WorkflowKey.dataStores, "data store", ["AccessKey", "SecretKey"]),
        ]
        for (table, kind, fields) in groups {
            for m in c.root[table]?.objectValue.map(\.lastValueMembers) ?? [] {
                guard let o = m.value.objectValue else { continue }
                for field in fields {
                    guard let v = o[field]?.stringValue, !v.isEmpty else { continue }
                    let secret = secretName(server: m.key, type: o["FaaSType"]?.stringValue, field: field)
                    // The value itself is never repeated in a message.
                    out.append(.warning(RuleCode.refInlineCredential, at: JSONPointer(tokens: [table, m.key, field]),
                                        "\(kind) \"\(m.key)\" has its \"\(field)\" written in the workflow file, where anyone who sees the file can read it",
                                        hint: "delete the field and store the value as the secret \(secret) (see `faasr secrets`)"))
                }
            }
        }
        return out
    }
}
