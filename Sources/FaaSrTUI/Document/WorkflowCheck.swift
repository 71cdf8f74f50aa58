import FaaSrCore

/// The designer's live checks of a workflow: references, required fields, cycles,
/// reachability. Deterministic: problems come out in document order.
public enum WorkflowCheck {
    /// Every problem found in `doc`.
    public static func problems(in doc: DesignDocument) -> [Problem] {
        typealias K = DesignDocument.Key
        var out: [Problem] = []
        guard doc.root.objectValue != nil else {
            return [Problem(.error, .root, "the workflow is not a JSON object")]
        }
        let actions = doc.actionNames, servers = doc.serverNames, stores = doc.storeNames
        let actionSet = Set(actions)
        if doc.root[K.actionList] == nil {
            out.append(Problem(.error, .root, "no ActionList", hint: "add an action with `a`"))
        } else if actions.isEmpty {
            out.append(Problem(.error, JSONPointer(tokens: [K.actionList]), "the workflow has no actions", hint: "add one with `a`"))
        }
        if (doc.string(K.workflowName) ?? "").isEmpty {
            out.append(Problem(.error, JSONPointer(tokens: [K.workflowName]), "WorkflowName is missing", hint: "set it in Settings (4)"))
        }
        let entry = doc.entry ?? ""
        if entry.isEmpty || entry == "None" {
            if !actions.isEmpty {
                out.append(Problem(.error, JSONPointer(tokens: [K.functionInvoke]), "no entry action (FunctionInvoke)", hint: "pick one in Settings (4)"))
            }
        } else if !actionSet.contains(entry) {
            out.append(Problem(.error, JSONPointer(tokens: [K.functionInvoke]), "entry action '\(entry)' does not exist", hint: "pick an existing action"))
        }
        for key in [K.defaultDataStore, K.loggingDataStore] {
            if let s = doc.string(key), !s.isEmpty, !stores.contains(s) {
                out.append(Problem(.error, JSONPointer(tokens: [key]), "\(key) '\(s)' is not a data store", hint: "pick one of: \(stores.joined(separator: ", "))"))
            }
        }
        if (doc.string(K.defaultDataStore) ?? "").isEmpty {
            out.append(Problem(.error, JSONPointer(tokens: [K.defaultDataStore]), "DefaultDataStore is missing", hint: "set it in Settings (4)"))
        }
        for a in actions {
            let p = DesignDocument.actionPointer(a)
            guard let obj = doc.action(a) else {
                out.append(Problem(.error, p, "action '\(a)' is not an object", action: a)); continue
            }
            if !DesignDocument.isValidName(a) {
                out.append(Problem(.error, p, "action name '\(a)' is not allowed", hint: "rename it (r): letters, digits, _ and -", action: a))
            }
            if (obj["FunctionName"]?.stringValue ?? "").isEmpty {
                out.append(Problem(.error, p.appending("FunctionName"), "'\(a)' has no FunctionName", action: a))
            }
            let server = obj["FaaSServer"]?.stringValue ?? ""
            if server.isEmpty {
                out.append(Problem(.error, p.appending("FaaSServer"), "'\(a)' has no compute server", hint: "pick one in the form", action: a))
            } else if !servers.contains(server) {
                out.append(Problem(.error, p.appending("FaaSServer"), "'\(a)' runs on '\(server)', which is not a compute server", hint: "pick an existing server", action: a))
            }
            if let t = obj["Type"]?.stringValue, t != "Python", t != "R" {
                out.append(Problem(.warning, p.appending("Type"), "'\(a)' has Type '\(t)'; FaaSr runs Python or R", action: a))
            }
            for e in doc.edges(of: a) where !actionSet.contains(e.target) {
                out.append(Problem(.error, p.appending("InvokeNext"), "'\(a)' invokes '\(e.target)', which does not exist",
                                   hint: "remove the edge or add the action", action: a, edge: .init(from: a, to: e.target)))
            }
            for e in doc.edges(of: a) where e.rank != nil && e.rank! < 1 {
                out.append(Problem(.error, p.appending("InvokeNext"), "rank of '\(e.target)' must be at least 1", action: a))
            }
        }
        for s in servers {
            let p = DesignDocument.serverPointer(s)
            let obj = doc.server(s) ?? JSONObject()
            let type = obj["FaaSType"]?.stringValue ?? ""
            if !FaaSTypeDefaults.types.contains(type) {
                out.append(Problem(.error, p.appending("FaaSType"), "server '\(s)' has unknown FaaSType '\(type)'", hint: FaaSTypeDefaults.types.joined(separator: ", ")))
                continue
            }
            for f in FaaSTypeDefaults.requiredFields(type) where (obj[f]?.stringValue ?? (obj[f] == nil ? "" : "x")).isEmpty {
                out.append(Problem(.error, p.appending(f), "server '\(s)' (\(type)) needs \(f)", hint: "fill it in the form"))
            }
        }
        for s in stores where doc.store(s)?["Bucket"] == nil || doc.store(s)?["Bucket"]?.stringValue == "" {
            out.append(Problem(.warning, DesignDocument.storePointer(s).appending("Bucket"), "data store '\(s)' has no Bucket"))
        }
        out += cycleProblems(doc)
        if actionSet.contains(entry) {
            var seen: Set<String> = [entry], stack = [entry]
            while let n = stack.popLast() {
                for e in doc.edges(of: n) where actionSet.contains(e.target) && seen.insert(e.target).inserted { stack.append(e.target) }
            }
            for a in actions where !seen.contains(a) {
                out.append(Problem(.warning, DesignDocument.actionPointer(a), "'\(a)' is not reachable from the entry '\(entry)'",
                                   hint: "add an edge to it or delete it", action: a))
            }
        }
        return out
    }

    /// One error per cycle found, naming its path; the closing edge is marked.
    static func cycleProblems(_ doc: DesignDocument) -> [Problem] {
        let names = doc.actionNames
        let set = Set(names)
        var color: [String: Int] = [:]
        var path: [String] = []
        var out: [Problem] = []
        func visit(_ n: String) {
            color[n] = 1
            path.append(n)
            for e in doc.edges(of: n) where set.contains(e.target) {
                switch color[e.target] ?? 0 {
                case 0: visit(e.target)
                case 1:
                    let start = path.firstIndex(of: e.target) ?? 0
                    let cycle = path[start...] + [e.target]
                    out.append(Problem(.error, DesignDocument.actionPointer(n).appending("InvokeNext"),
                                       "cycle: \(cycle.joined(separator: " → "))", hint: "remove an edge of the cycle (u undoes)",
                                       action: n, edge: .init(from: n, to: e.target)))
                default: break
                }
            }
            path.removeLast()
            color[n] = 2
        }
        for n in names where color[n] == nil { visit(n) }
        return out
    }
}
