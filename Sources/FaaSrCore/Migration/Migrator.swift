/// Converts FaaSr 1.x workflows (and 2.x files with 1.x traits) to valid 2.x, reporting what
/// changed and what the user must still fill in. Pure: takes and returns values.
///
/// Steps, in order: the action table (`FunctionList` → `ActionList`, `LoggingServer` →
/// `LoggingDataStore`); each action (`Actionname` → `FunctionName`, `Next` → `InvokeNext`,
/// `InvokeNext` to a list with `Name[TRUE]`/`Name[FALSE]` gathered into one
/// `{"True": [...], "False": [...]}` object, `Rank` and unknown keys dropped, `Type` added);
/// servers (inline credentials removed in favour of secret names, `RepoName`/`Ref` →
/// `ActionRepoName`/`Branch`, 1.x-only fields dropped, `UseSecretStore: true`, GitHub
/// `Branch` default); stores (credentials removed, `Protocol` folded into `Endpoint`,
/// `Region` added); top level (`WorkflowName`, `FaaSrLog`, `LoggingDataStore`, empty maps);
/// finally action names that break the 2.x rule are renamed with every reference.
public enum Migrator {
    /// Credential fields of a compute server.
    static let serverCredentialKeys = ["Token", "API.key", "APIkey", "AccessKey", "SecretKey"]
    /// 1.x server fields with no 2.x equivalent or a new name.
    static let legacyServerKeys = ["RepoName", "Ref", "WorkflowName", "SSL"]

    /// Converts `workflow`. A 2.x file without 1.x traits comes back unchanged; a 2.x file
    /// with some (a scalar `InvokeNext`, inline credentials...) gets the full treatment.
    public static func migrate(_ workflow: Workflow, options: MigrationOptions = MigrationOptions()) -> MigrationResult {
        var m = Migration(root: workflow.root, options: options)
        let source = workflow.format
        guard workflow.isObject else {
            return MigrationResult(workflow: workflow, sourceFormat: source,
                                   notes: [MigrationNote(.todo, "the file is not a JSON object, so it is not a workflow")])
        }
        if source == .v2, workflow.legacyFeatures.isEmpty {
            return MigrationResult(workflow: workflow, sourceFormat: source, notes: [])
        }
        m.convertTable()
        m.convertActions()
        m.convertServers()
        m.convertStores()
        m.convertTopLevel()
        var out = Workflow(root: .object(m.root))
        if m.notes.isEmpty {
            out = workflow
        } else {
            out.document.format = .canonical
        }
        m.renameActions(&out)
        m.listSecrets(out)
        return MigrationResult(workflow: out, sourceFormat: source, notes: m.notes)
    }
}

/// The state of one migration run.
struct Migration {
    var root: JSONObject
    let options: MigrationOptions
    var notes: [MigrationNote] = []
    /// Source pointers of actions by their (current) name, for report locations.
    var tableKey = WorkflowKey.actionList

    init(root: JSONObject, options: MigrationOptions) {
        self.root = root
        self.options = options
    }

    mutating func changed(_ message: String, at p: JSONPointer = .root) { notes.append(MigrationNote(.changed, message, at: p)) }
    mutating func todo(_ message: String, at p: JSONPointer = .root) { notes.append(MigrationNote(.todo, message, at: p)) }

    // MARK: Table and top level

    mutating func convertTable() {
        if !root.contains(WorkflowKey.actionList), root.contains("FunctionList") {
            tableKey = "FunctionList"
            root.renameKey("FunctionList", to: WorkflowKey.actionList)
            changed("renamed \"FunctionList\" to \"ActionList\"", at: JSONPointer(tokens: ["FunctionList"]))
        }
        if root.contains("LoggingServer") {
            if root.contains(WorkflowKey.loggingDataStore) {
                root.removeValue(forKey: "LoggingServer")
                changed("removed \"LoggingServer\" (\"LoggingDataStore\" is already set)", at: JSONPointer(tokens: ["LoggingServer"]))
            } else {
                root.renameKey("LoggingServer", to: WorkflowKey.loggingDataStore)
                changed("renamed \"LoggingServer\" to \"LoggingDataStore\"", at: JSONPointer(tokens: ["LoggingServer"]))
            }
        }
    }

    mutating func convertTopLevel() {
        let key = WorkflowKey.workflowName
        if !(root[key]?.stringValue.map(ActionName.isValid) ?? false) {
            let old = root[key]?.stringValue
            let name = options.workflowName.map(Self.sanitizedName)
                ?? old.map(Self.sanitizedName)
                ?? options.fileName.map { Self.sanitizedName(Self.stem($0)) }
                ?? "workflow"
            if root.contains(key) { root[key] = .string(name) } else { root.insert(.string(name), forKey: key, at: 0) }
            if let old {
                changed("changed \"WorkflowName\" from \"\(old)\" to \"\(name)\" (2.x names use letters, digits and '-')", at: JSONPointer(tokens: [key]))
            } else {
                changed("added \"WorkflowName\": \"\(name)\"", at: .root)
                if options.workflowName == nil {
                    todo("check \"WorkflowName\" (\"\(name)\" was taken from the file name); it prefixes every deployed function as \(name)-ACTION")
                }
            }
        }
        let stores = root[WorkflowKey.dataStores]?.objectValue?.keys ?? []
        if (root[WorkflowKey.defaultDataStore]?.stringValue ?? "").isEmpty {
            if let first = stores.first {
                root[WorkflowKey.defaultDataStore] = .string(first)
                changed("set \"DefaultDataStore\" to \"\(first)\", the first data store", at: JSONPointer(tokens: [WorkflowKey.defaultDataStore]))
            } else {
                todo("add a data store under \"DataStores\" and name it in \"DefaultDataStore\"")
            }
        }
        if !root.contains(WorkflowKey.loggingDataStore), let d = root[WorkflowKey.defaultDataStore]?.stringValue, !d.isEmpty {
            root[WorkflowKey.loggingDataStore] = .string(d)
            changed("added \"LoggingDataStore\": \"\(d)\" (the newest runtime needs the key)")
        }
        if !root.contains(WorkflowKey.faasrLog) {
            root[WorkflowKey.faasrLog] = "FaaSrLog"
            changed("added \"FaaSrLog\": \"FaaSrLog\" (the newest runtime needs the key)")
        }
        for key in [WorkflowKey.actionContainers] + WorkflowKey.functionMaps {
            if let o = root[key]?.objectValue, o.isEmpty {
                root.removeValue(forKey: key)
                changed("removed the empty \"\(key)\" (2.x requires at least one entry)", at: JSONPointer(tokens: [key]))
            }
        }
        if root[WorkflowKey.computeServers]?.objectValue?.isEmpty ?? true {
            todo("add a compute server under \"ComputeServers\"")
        }
        if root[WorkflowKey.actionList]?.objectValue?.isEmpty ?? true {
            todo("add at least one action under \"ActionList\"")
        }
    }

    static func stem(_ fileName: String) -> String {
        var name = Substring(fileName.split(separator: "/").last ?? "")
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }

    /// A 2.x name (`^[a-zA-Z][a-zA-Z0-9-]*$`) from any text: other characters become `-`,
    /// runs of `-` collapse, leading non-letters and trailing `-` are dropped.
    static func sanitizedName(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            let ok = (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || (ch >= "0" && ch <= "9")
            if ok {
                if out.isEmpty, ch >= "0" && ch <= "9" { continue }
                out.unicodeScalars.append(ch)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "workflow" : out
    }
}
