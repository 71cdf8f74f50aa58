extension Workflow {
    /// Every secret the workflow needs, by FaaSr's derived names (spec/runtime.md §1.11), in
    /// this order: `GH_PAT`; per compute server (`{Server}_PAT`, `_AccessKey`/`_SecretKey`,
    /// `_SecretKey`, `_Token`, `_APIkey` by `FaaSType`); per data store (`{Store}_AccessKey`,
    /// `{Store}_SecretKey`); the VM's (`{VMConfig.Name}_AccessKey`/`_SecretKey`); then the
    /// user's `Secrets`. A name owned twice (a server and a store both called `AWS`) is
    /// listed for each owner; ``secretNames`` gives the distinct names.
    public var requiredSecrets: [SecretRequirement] {
        var out: [SecretRequirement] = [
            SecretRequirement(name: "GH_PAT", owner: .gitHub, field: nil, pointer: .root,
                              note: "GitHub token for fetching the workflow and function code and for dispatching GitHub Actions"),
        ]
        let usedServers = Set(actions.compactMap(\.faasServer))
        for server in computeServers {
            guard let type = server.faasType else { continue }
            let used = usedServers.contains(server.name)
            for (field, suffix) in type.secretFields {
                var note: String? = used ? nil : "no action runs on this server"
                if type == .kubernetes {
                    note = "read by the newest runtime only; the container entry script does not fetch it"
                }
                out.append(SecretRequirement(name: "\(server.name)_\(suffix)", owner: .computeServer(server.name, type),
                                             field: field, pointer: server.pointer, isOptional: !used, note: note))
            }
        }
        for store in dataStores {
            for field in ["AccessKey", "SecretKey"] {
                out.append(SecretRequirement(name: "\(store.name)_\(field)", owner: .dataStore(store.name), field: field,
                                             pointer: store.pointer, isOptional: store.isAnonymous,
                                             note: store.isAnonymous ? "the store is anonymous (Anonymous: \"true\")" : nil))
            }
        }
        if let vm = vmConfig, let name = vm.name, !name.isEmpty {
            for field in ["AccessKey", "SecretKey"] {
                out.append(SecretRequirement(name: "\(name)_\(field)", owner: .vm(name), field: field, pointer: vm.pointer))
            }
        }
        let secretsPointer = JSONPointer(tokens: [WorkflowKey.secrets])
        for (i, s) in (root[WorkflowKey.secrets]?.arrayValue ?? []).enumerated() {
            guard let s = s.stringValue else { continue }
            out.append(SecretRequirement(name: s, owner: .user, field: nil, pointer: secretsPointer.appending(i),
                                         note: "user secret read with faasr_secret (GitHub Actions only)"))
        }
        return out
    }

    /// The distinct secret names, in ``requiredSecrets`` order.
    public var secretNames: [String] {
        var seen = Set<String>()
        return requiredSecrets.map(\.name).filter { seen.insert($0).inserted }
    }

    /// Pointers of credential fields written inline in the file (non-empty `Token`,
    /// `AccessKey`, `SecretKey`, `API.key`, `APIkey` of servers, stores and the VM). Their
    /// values belong in the secret store, not in the workflow.
    public var inlineCredentialPointers: [JSONPointer] {
        computeServers.flatMap { s in s.inlineCredentialFields.map { s.pointer.appending($0) } }
            + dataStores.flatMap { d in d.inlineCredentialFields.map { d.pointer.appending($0) } }
            + (vmConfig.map { v in v.inlineCredentialFields.map { v.pointer.appending($0) } } ?? [])
    }
}
