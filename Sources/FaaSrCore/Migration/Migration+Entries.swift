extension Migration {
    // MARK: Actions

    mutating func convertActions() {
        guard var table = root[WorkflowKey.actionList]?.objectValue else { return }
        var members: [JSONObject.Member] = []
        for m in table.members {
            let p = JSONPointer(tokens: [tableKey, m.key])
            guard var a = m.value.objectValue else {
                members.append(m)
                continue
            }
            convertAction(&a, name: m.key, at: p)
            members.append(JSONObject.Member(key: m.key, value: .object(a)))
        }
        table = JSONObject(members)
        root[WorkflowKey.actionList] = .object(table)
    }

    private mutating func renameField(_ a: inout JSONObject, _ old: String, _ new: String, at p: JSONPointer) {
        guard a.contains(old) else { return }
        if a.contains(new) {
            a.removeValue(forKey: old)
            changed("removed \"\(old)\" (\"\(new)\" is already set)", at: p.appending(old))
        } else {
            a.renameKey(old, to: new)
            changed("renamed \"\(old)\" to \"\(new)\"", at: p.appending(old))
        }
    }

    private mutating func convertAction(_ a: inout JSONObject, name: String, at p: JSONPointer) {
        renameField(&a, "Actionname", Action.Key.functionName, at: p)
        renameField(&a, "Next", Action.Key.invokeNext, at: p)
        if a.contains("Rank") {
            a.removeValue(forKey: "Rank")
            changed("removed \"Rank\" from \(name) (2.x passes the rank as FunctionRank at run time)", at: p.appending("Rank"))
        }
        let ip = p.appending(Action.Key.invokeNext)
        switch a[Action.Key.invokeNext] {
        case .null?:
            a[Action.Key.invokeNext] = []
            changed("InvokeNext of \(name) was null; it is now []", at: ip)
        case .string(let s)?:
            a[Action.Key.invokeNext] = convertTargets([.string(s)], action: name, at: ip)
            changed("InvokeNext of \(name) was a single string; it is now a list", at: ip)
        case .array(let items)?:
            a[Action.Key.invokeNext] = convertTargets(items, action: name, at: ip)
        default:
            break
        }
        switch a[Action.Key.arguments] {
        case .null?, .array([])?:
            a[Action.Key.arguments] = [:]
            changed("made the empty \"Arguments\" of \(name) an object {}", at: p.appending(Action.Key.arguments))
        default: break
        }
        if let f = a[Action.Key.functionName]?.stringValue, !Self.isFunctionName(f) {
            todo("\"FunctionName\" \"\(f)\" of \(name) is not a 2.x function name (letters, digits, '_'); use the function's name in your code", at: p.appending(Action.Key.functionName))
        }
        if !a.contains(Action.Key.type) {
            let after = a.index(ofKey: Action.Key.faasServer) ?? a.index(ofKey: Action.Key.functionName)
            a.insert(.string(options.defaultType.text), forKey: Action.Key.type, at: after.map { $0 + 1 } ?? a.count)
            changed("set \"Type\": \"\(options.defaultType.text)\" on \(name) (1.x actions ran \(options.defaultType.text) functions)", at: p)
        }
        for key in a.keys where !Action.Key.all.contains(key) {
            a.removeValue(forKey: key)
            changed("removed \"\(key)\" from \(name) (not a 2.x action field)", at: p.appending(key))
        }
        if a[Action.Key.functionName] == nil {
            todo("action \(name) has no \"FunctionName\"; add the name of the function it runs", at: p)
        }
    }

    /// Rewrites 1.x targets: `Name[TRUE]`/`Name[FALSE]` (with an optional `(N)`) go into one
    /// conditional object, placed where the first of them was (or merged into an existing one).
    private mutating func convertTargets(_ items: [JSONValue], action: String, at p: JSONPointer) -> JSONValue {
        var out: [JSONValue] = []
        var trueList: [JSONValue] = [], falseList: [JSONValue] = []
        var objectIndex: Int?
        var hasTrue = false, hasFalse = false
        var converted = 0
        for item in items {
            if let s = item.stringValue, let t = LegacyTarget(s), let condition = t.condition {
                let text = JSONValue.string(SuccessorText.format(name: t.name, rank: t.rank))
                if condition {
                    trueList.append(text)
                    hasTrue = true
                } else {
                    falseList.append(text)
                    hasFalse = true
                }
                if objectIndex == nil {
                    objectIndex = out.count
                    out.append(.null)  // placeholder for the conditional object
                }
                converted += 1
            } else if Workflow.isConditional(item), objectIndex == nil, let o = item.objectValue {
                objectIndex = out.count
                for (key, branch) in [("True", 0), ("False", 1)] {
                    var list: [JSONValue]
                    switch o[key] {
                    case .array(let a)?: list = a
                    case .string(let s)?:
                        list = [.string(s)]
                        changed("made the \"\(key)\" branch of \(action) a list", at: p)
                    case nil: continue
                    case let other?: list = [other]
                    }
                    if branch == 0 {
                        trueList = list
                        hasTrue = true
                    } else {
                        falseList = list
                        hasFalse = true
                    }
                }
                out.append(.null)
            } else {
                out.append(item)
            }
        }
        if let i = objectIndex {
            var o = JSONObject()
            if hasTrue { o["True"] = .array(trueList) }
            if hasFalse { o["False"] = .array(falseList) }
            out[i] = .object(o)
        }
        if converted > 0 {
            changed("moved \(converted) [TRUE]/[FALSE] target\(converted == 1 ? "" : "s") of \(action) into a {\"True\": [...], \"False\": [...]} object", at: p)
        }
        return .array(out)
    }

    static func isFunctionName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    // MARK: Servers and stores

    mutating func convertServers() {
        guard let servers = root[WorkflowKey.computeServers]?.objectValue else { return }
        var members: [JSONObject.Member] = []
        for m in servers.members {
            guard var s = m.value.objectValue else { members.append(m); continue }
            let p = JSONPointer(tokens: [WorkflowKey.computeServers, m.key])
            for key in Migrator.serverCredentialKeys where s.contains(key) {
                s.removeValue(forKey: key)
                changed("removed the inline credential \"\(key)\" from server \(m.key)", at: p.appending(key))
            }
            for (old, new) in [("RepoName", "ActionRepoName"), ("Ref", "Branch")] where s.contains(old) {
                if s.contains(new) { s.removeValue(forKey: old) } else { s.renameKey(old, to: new) }
                changed("renamed \"\(old)\" to \"\(new)\" in server \(m.key)", at: p.appending(old))
            }
            for key in s.keys where !ComputeServer.knownKeys.contains(key) {
                s.removeValue(forKey: key)
                changed("removed \"\(key)\" from server \(m.key) (not a 2.x server field)", at: p.appending(key))
            }
            if let written = s["FaaSType"]?.stringValue, FaaSType(rawValue: written) == nil,
               let match = FaaSType.allCases.first(where: { $0.rawValue.lowercased() == written.lowercased() }) {
                s["FaaSType"] = .string(match.rawValue)
                changed("corrected \"FaaSType\" \"\(written)\" to \"\(match.rawValue)\" in server \(m.key)", at: p.appending("FaaSType"))
            }
            let type = s["FaaSType"]?.stringValue.flatMap(FaaSType.init(rawValue:))
            if type == nil {
                todo("server \(m.key) needs a \"FaaSType\" (\(FaaSType.allCases.map(\.rawValue).joined(separator: ", ")))", at: p)
            }
            if type == .gitHubActions, !s.contains("Branch") {
                s["Branch"] = "main"
                changed("added \"Branch\": \"main\" to server \(m.key) (the runtime needs it)", at: p)
            }
            if !s.contains("UseSecretStore") {
                s["UseSecretStore"] = true
                changed("added \"UseSecretStore\": true to server \(m.key) (2.x reads credentials from the secret store)", at: p)
            }
            for field in type?.requiredFields ?? [] where (s[field]?.stringValue ?? "").isEmpty {
                todo("server \(m.key) (\(type!.rawValue)) needs \"\(field)\"", at: p)
            }
            members.append(JSONObject.Member(key: m.key, value: .object(s)))
        }
        root[WorkflowKey.computeServers] = .object(JSONObject(members))
    }

    mutating func convertStores() {
        guard let stores = root[WorkflowKey.dataStores]?.objectValue else { return }
        var members: [JSONObject.Member] = []
        for m in stores.members {
            guard var s = m.value.objectValue else { members.append(m); continue }
            let p = JSONPointer(tokens: [WorkflowKey.dataStores, m.key])
            for key in ["AccessKey", "SecretKey"] where s.contains(key) {
                s.removeValue(forKey: key)
                changed("removed the inline credential \"\(key)\" from data store \(m.key)", at: p.appending(key))
            }
            if let proto = s["Protocol"] {
                if let scheme = proto.stringValue?.lowercased(), !scheme.isEmpty,
                   let endpoint = s["Endpoint"]?.stringValue, !endpoint.isEmpty, !endpoint.hasPrefix("http") {
                    s["Endpoint"] = .string("\(scheme)://\(endpoint)")
                    changed("folded \"Protocol\" into the Endpoint of data store \(m.key)", at: p.appending("Protocol"))
                }
                s.removeValue(forKey: "Protocol")
                changed("removed \"Protocol\" from data store \(m.key) (2.x takes the scheme from Endpoint)", at: p.appending("Protocol"))
            }
            for key in ["Writable", "Anonymous"] {
                if let b = s[key]?.boolValue {
                    s[key] = .string(b ? "TRUE" : "FALSE")
                    changed("wrote \"\(key)\" of data store \(m.key) as the string \"\(b ? "TRUE" : "FALSE")\" (2.x requires a string)", at: p.appending(key))
                }
            }
            for key in s.keys where !DataStore.knownKeys.contains(key) {
                s.removeValue(forKey: key)
                changed("removed \"\(key)\" from data store \(m.key) (not a 2.x store field)", at: p.appending(key))
            }
            if !s.contains("Region") {
                let after = s.index(ofKey: "Bucket").map { $0 + 1 } ?? s.count
                s.insert("us-east-1", forKey: "Region", at: after)
                changed("added \"Region\": \"us-east-1\" to data store \(m.key) (the runtime needs the key)", at: p)
            }
            if (s["Bucket"]?.stringValue ?? "").isEmpty { todo("data store \(m.key) needs a \"Bucket\"", at: p) }
            members.append(JSONObject.Member(key: m.key, value: .object(s)))
        }
        root[WorkflowKey.dataStores] = .object(JSONObject(members))
    }

    // MARK: Names and secrets

    /// Renames actions whose names break the 2.x rule (`_` → `-`), updating every reference.
    mutating func renameActions(_ wf: inout Workflow) {
        var taken = Set(wf.actionNames)
        for name in wf.actionNames where !ActionName.isValid(name) {
            let base = Self.sanitizedName(name)
            var candidate = base, k = 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(k)"
                k += 1
            }
            do {
                try wf.renameAction(name, to: candidate)
                taken.insert(candidate)
                changed("renamed action \"\(name)\" to \"\(candidate)\" (2.x action names use letters, digits and '-'), with every reference",
                        at: JSONPointer(tokens: [tableKey, name]))
            } catch {
                todo("rename action \"\(name)\": \(error)", at: JSONPointer(tokens: [tableKey, name]))
            }
        }
    }

    /// Lists the secrets the user must create, by derived name.
    mutating func listSecrets(_ wf: Workflow) {
        let names = wf.requiredSecrets.filter { !$0.isOptional }.map(\.name)
        var seen = Set<String>()
        let unique = names.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return }
        todo("create these secrets in your secret store (values are not copied from the 1.x file): \(unique.joined(separator: ", "))")
    }
}
