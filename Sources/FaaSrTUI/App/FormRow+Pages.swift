import FaaSrCore
import TUIKit

/// Form rows for an action's code, container, packages and resources, and for the Secrets
/// and VMConfig settings pages.
extension AppState {
    /// Rows of list `list`: a header (Enter adds an item) and one row per item (Enter edits,
    /// `x` removes).
    func listRows(_ list: ListRef, label: String, required: Bool = false) -> [FormRow] {
        let items = doc.items(list)
        let p = DesignDocument.pointer(list)
        let single = doc.root.value(at: p)?.stringValue != nil
        var rows = [FormRow(label: label, value: "+ add" + (items.isEmpty ? "" : "  (\(items.count))"), required: required, role: .dim,
                            target: .addListItem(list), pointer: p)]
        for (i, item) in items.enumerated() {
            rows.append(FormRow(label: "  ·", value: item, target: .listItem(list, i), pointer: single ? p : p.appending(i)))
        }
        return rows
    }

    /// Code location, container image, packages and resources of action `name`.
    func actionSourceRows(_ name: String, function fkey: String, type: String, server: String) -> [FormRow] {
        let p = DesignDocument.actionPointer(name)
        let a = doc.action(name) ?? JSONObject()
        var rows: [FormRow] = []
        let repo = JSONPointer(tokens: [WorkflowKey.functionGitRepo, fkey])
        let local = JSONPointer(tokens: [WorkflowKey.functionLocalFile, fkey])
        // Code baked into the container (FunctionLocalFile) needs no repository.
        let repoRequired = doc.root.value(at: local) == nil
        // One location is a text field; several (the schema allows a list) a list editor.
        if doc.root.value(at: repo)?.arrayValue != nil {
            rows += listRows(.functionMap(map: WorkflowKey.functionGitRepo, function: fkey), label: "FunctionGitRepo", required: repoRequired)
        } else {
            rows.append(FormRow(label: "FunctionGitRepo", value: doc.root.value(at: repo)?.display ?? "", required: repoRequired,
                                target: .value(repo, .stringList), pointer: repo))
        }
        if let v = doc.root.value(at: local) {
            rows.append(FormRow(label: "FunctionLocalFile", value: v.display, target: v.stringValue != nil ? .value(local, .string) : .none, pointer: local))
        }
        let container = JSONPointer(tokens: [WorkflowKey.actionContainers, name])
        let image = doc.root.value(at: container)?.stringValue ?? ""
        let def = doc.defaultContainer(of: name)
        if image.isEmpty {
            rows.append(FormRow(label: "Default image", value: "[x] " + (def ?? "(none for this Type and FaaSType)"),
                                target: .defaultContainer(name), pointer: container))
        } else {
            rows.append(FormRow(label: "Default image", value: "[ ] " + (def.map { "default would be " + $0 } ?? "no default"),
                                role: .dim, target: .defaultContainer(name), pointer: container))
            rows.append(FormRow(label: "  Container", value: image, target: .value(container, .string), pointer: container))
        }
        let lists: [(String, String, Bool)] = [
            (WorkflowKey.pyPIPackageDownloads, "PyPI packages", type == "Python"),
            (WorkflowKey.functionCRANPackage, "CRAN packages", type == "R"),
            (WorkflowKey.functionGitHubPackage, "GitHub packages", true),
            // In the schema but unused by the runtimes: shown when the file has entries.
            (WorkflowKey.pythonPackageGitHub, "Python GitHub pkgs", false),
            (WorkflowKey.pythonCondaPackage, "Conda packages", false),
        ]
        for (map, label, applies) in lists {
            let list = ListRef.functionMap(map: map, function: fkey)
            if applies || !doc.items(list).isEmpty { rows += listRows(list, label: label) }
        }
        rows.append(FormRow(label: "RequiresVM", value: a[Action.Key.requiresVM]?.display ?? "false (default)",
                            target: .toggle(p.appending(Action.Key.requiresVM)), pointer: p.appending(Action.Key.requiresVM)))
        for k in [Action.Key.maxMemory, Action.Key.maxRuntime, Action.Key.maxStorage] {
            rows.append(FormRow(label: k, value: a[k]?.display ?? "", target: .value(p.appending(k), .number), pointer: p.appending(k)))
        }
        let res = p.appending(Action.Key.resources)
        let isSLURM = doc.server(server)?["FaaSType"]?.stringValue == "SLURM"
        if isSLURM || a[Action.Key.resources] != nil {
            let r = a[Action.Key.resources]?.objectValue
            rows.append(FormRow(label: "Resources", value: r == nil ? "SLURM job: fill a field" : "SLURM job (x removes all)",
                                role: .dim, target: .object(res), pointer: res))
            for k in ["Nodes", "Tasks", "CPUsPerTask", "Memory", "TimeLimit"] {
                rows.append(FormRow(label: "  " + k, value: r?[k]?.display ?? "", target: .value(res.appending(k), .number), pointer: res.appending(k)))
            }
            for k in ["Partition", "WorkingDirectory"] {
                rows.append(FormRow(label: "  " + k, value: r?[k]?.display ?? "", target: .value(res.appending(k), .string), pointer: res.appending(k)))
            }
        }
        let known: Set<String> = ["FunctionName", "Type", "FaaSServer", "Arguments", "InvokeNext", Action.Key.requiresVM,
                                  Action.Key.maxMemory, Action.Key.maxRuntime, Action.Key.maxStorage, Action.Key.resources]
        for m in a.members where !known.contains(m.key) {
            rows.append(FormRow(label: m.key, value: m.value.display, target: .value(p.appending(m.key), .typed), pointer: p.appending(m.key)))
        }
        return rows
    }

    /// The Secrets page: the names to create in the secret store (from FaaSrCore's
    /// `requiredSecrets`, as `faasr secrets` prints them), the user's `Secrets` list, and
    /// credentials written in the file, always masked.
    var secretsRows: [FormRow] {
        let wf = doc.workflow
        var rows = [FormRow(label: "Secret store", value: "create these names there", role: .dim, target: .none)]
        // One row per secret name: a name several owners need (GH_PAT for the GitHub API and
        // a GitHub server's token) is created once, so it is listed once with every owner.
        var order: [String] = []
        var byName: [String: [SecretRequirement]] = [:]
        for r in wf.requiredSecrets {
            if byName[r.name] == nil { order.append(r.name) }
            byName[r.name, default: []].append(r)
        }
        for name in order {
            let all = byName[name] ?? []
            let owners = all.map { r -> String in
                switch r.owner {
                case .gitHub: return "GitHub API token"
                case .computeServer(let n, _): return "\(r.field ?? "") of server \(n)"
                case .dataStore(let n): return "\(r.field ?? "") of store \(n)"
                case .vm(let n): return "\(r.field ?? "") of VM \(n)"
                case .user: return "user secret"
                }
            }
            let optional = all.allSatisfy(\.isOptional)
            rows.append(FormRow(label: name, value: owners.joined(separator: "; ") + (optional ? " (optional)" : ""), role: optional ? .dim : .normal,
                                target: .none, pointer: all.first?.pointer))
        }
        rows += listRows(.secrets, label: "User secrets")
        let creds = SecretMask.credentialPointers(in: doc.root)
        if !creds.isEmpty {
            rows.append(FormRow(label: "In the file", value: "\(creds.count): x moves one to the store",
                                role: .warning, target: .none))
            for c in creds {
                rows.append(FormRow(label: "  " + c.tokens.dropFirst().joined(separator: "."), value: SecretMask.dots, role: .warning,
                                    target: .value(c, .secret), pointer: c))
            }
        }
        return rows
    }

    /// The VMConfig page (the schema's fields; filling one creates the object).
    var vmConfigRows: [FormRow] {
        let p = JSONPointer(tokens: [WorkflowKey.vmConfig])
        let vm = doc.root[WorkflowKey.vmConfig]?.objectValue
        var rows = [FormRow(label: "VMConfig", value: vm == nil ? "none: fill a field to add one" : "EC2 VM of vm_start/vm_poll/vm_stop (x removes)",
                            role: .dim, target: .object(p), pointer: p)]
        for (f, req) in [("Name", true), ("Provider", true), ("InstanceId", true), ("Region", true),
                         ("AccessKey", false), ("SecretKey", false), ("RunnerName", false)] {
            if f == "Provider" {
                let v = vm?[f]?.display ?? ""
                rows.append(FormRow(label: f, value: v.isEmpty && vm != nil ? "(required)" : v, required: true, role: v.isEmpty && vm != nil ? .error : .normal,
                                    target: .choice(p.appending(f), ["AWS"]), pointer: p.appending(f)))
            } else {
                rows.append(row(p.appending(f), label: f, value: vm?[f], required: req && vm != nil))
            }
        }
        for m in vm?.members ?? [] where !VMConfig.knownKeys.contains(m.key) {
            rows.append(row(p.appending(m.key), label: m.key, value: m.value, required: false))
        }
        return rows
    }
}
