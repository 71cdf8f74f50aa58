import FaaSrCore
import TUIKit

/// What Enter (and the edge keys) do on a form row.
public enum FieldTarget: Equatable, Sendable {
    /// Read-only.
    case none
    /// Rename the item.
    case rename(Section, String)
    /// Edit a value in place.
    case value(JSONPointer, FieldKind)
    /// Toggle a boolean.
    case toggle(JSONPointer)
    /// Choose among options.
    case choice(JSONPointer, [String])
    /// An edge of an action (its index in the action's edge list).
    case edge(String, Int)
    /// Add an edge.
    case addEdge(String)
    /// Add an argument.
    case addArgument(String)
    /// The InvocationID mode.
    case invocationMode
    /// Add a field (`name=value`, typed) to the object at the pointer: VMConfig, resources
    /// (MaxMemory, ...), Secrets, or anything else the schema allows.
    case addField(JSONPointer)
    /// Item `index` of a list (Enter edits it, `x` removes it).
    case listItem(ListRef, Int)
    /// Add an item to a list.
    case addListItem(ListRef)
    /// The action's "use the default container image" switch.
    case defaultContainer(String)
    /// A whole object (`VMConfig`): `x` removes it.
    case object(JSONPointer)
}

/// A list of strings the form edits item by item.
public enum ListRef: Equatable, Sendable, Hashable {
    /// `map[function]` of a function-keyed map (`PyPIPackageDownloads`, `FunctionCRANPackage`,
    /// `FunctionGitHubPackage`).
    case functionMap(map: String, function: String)
    /// The workflow's user secret names (`Secrets`).
    case secrets

    /// What an item is called in prompts and toasts.
    public var itemName: String {
        switch self {
        case .functionMap(let map, _):
            switch map {
            case WorkflowKey.pyPIPackageDownloads: "PyPI package"
            case WorkflowKey.functionCRANPackage: "CRAN package"
            case WorkflowKey.functionGitHubPackage: "GitHub package"
            default: "\(map) entry"
            }
        case .secrets: "secret name"
        }
    }
}

/// One row of the details form.
public struct FormRow: Equatable, Sendable {
    /// Label.
    public var label: String
    /// Shown value.
    public var value: String
    /// Whether the schema requires it (marked `*`).
    public var required = false
    /// Role of the value.
    public var role: StyleRole = .normal
    /// What editing it does.
    public var target: FieldTarget
    /// The JSON pointer it shows (for jumping from a problem).
    public var pointer: JSONPointer?
}

/// The rows of the settings section.
public enum SettingsForm {
    /// Settings pages (listed in the left pane when the settings section is open).
    public static let labels = [workflow, secrets, vmConfig]
    /// The workflow's top-level settings.
    public static let workflow = "Workflow"
    /// Secret names and credentials written in the file.
    public static let secrets = "Secrets"
    /// The EC2 VM of the built-in VM functions.
    public static let vmConfig = "VMConfig"
}

extension JSONValue {
    /// Short display text for a form.
    var display: String {
        switch self {
        case .string(let s): return s
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.text
        case .array(let a) where a.allSatisfy({ $0.stringValue != nil }): return a.compactMap(\.stringValue).joined(separator: ", ")
        default: return JSONPrinter.compact(self)
        }
    }
}

extension AppState {
    /// The details form for the current selection.
    public var formRows: [FormRow] {
        switch section {
        case .actions: return selectedAction.map(actionRows) ?? []
        case .servers: return selectedName.map(serverRows) ?? []
        case .stores: return selectedName.map(storeRows) ?? []
        case .settings:
            switch selectedName {
            case SettingsForm.secrets: return secretsRows
            case SettingsForm.vmConfig: return vmConfigRows
            default: return settingsRows
            }
        }
    }

    private func actionRows(_ name: String) -> [FormRow] {
        let p = DesignDocument.actionPointer(name)
        let a = doc.action(name) ?? JSONObject()
        func v(_ k: String) -> String { a[k]?.display ?? "" }
        let fn = v("FunctionName"), type = v("Type"), server = v("FaaSServer")
        var rows: [FormRow] = [
            FormRow(label: "Name", value: name + (doc.entry == name ? "  (entry)" : ""), required: true, role: .title, target: .rename(.actions, name), pointer: p),
            FormRow(label: "FunctionName", value: fn, required: true, target: .value(p.appending("FunctionName"), .string), pointer: p.appending("FunctionName")),
            FormRow(label: "Type", value: type, required: true, target: .choice(p.appending("Type"), ["Python", "R"]), pointer: p.appending("Type")),
            FormRow(label: "FaaSServer", value: server, required: true, target: .choice(p.appending("FaaSServer"), doc.serverNames), pointer: p.appending("FaaSServer")),
        ]
        for m in a["Arguments"]?.objectValue?.members ?? [] {
            let ap = p.appending("Arguments").appending(m.key)
            rows.append(FormRow(label: "  arg " + m.key, value: m.value.display + "  (\(m.value.typeName))", target: .value(ap, .typed), pointer: ap))
        }
        rows.append(FormRow(label: "  + argument", value: "", role: .dim, target: .addArgument(name)))
        for (i, e) in doc.edges(of: name).enumerated() {
            let cond = e.condition == .always ? "" : " [\(e.condition.rawValue)]"
            let rank = e.rank.map { " ×\($0)" } ?? ""
            let role: StyleRole = e.condition == .onTrue ? .trueEdge : e.condition == .onFalse ? .falseEdge : .edge
            rows.append(FormRow(label: "  next", value: "\(glyphs.arrowRight) \(e.target)\(rank)\(cond)", role: role, target: .edge(name, i), pointer: e.pointer))
        }
        rows.append(FormRow(label: "  + next action", value: "", role: .dim, target: .addEdge(name)))
        rows += actionSourceRows(name, function: fn.isEmpty ? name : fn, type: type, server: server)
        rows.append(FormRow(label: "+ field", value: "_faasr_builtin, ...", role: .dim, target: .addField(p)))
        return rows
    }

    private func serverRows(_ name: String) -> [FormRow] {
        let p = DesignDocument.serverPointer(name)
        let s = doc.server(name) ?? JSONObject()
        let type = s["FaaSType"]?.stringValue ?? ""
        var rows = [
            FormRow(label: "Name", value: name, required: true, role: .title, target: .rename(.servers, name), pointer: p),
            FormRow(label: "FaaSType", value: type, required: true, target: .choice(p.appending("FaaSType"), FaaSTypeDefaults.types), pointer: p.appending("FaaSType")),
        ]
        var shown: Set<String> = ["FaaSType"]
        for (f, req) in FaaSTypeDefaults.requiredFields(type).map({ ($0, true) }) + FaaSTypeDefaults.optionalFields(type).map({ ($0, false) }) {
            shown.insert(f)
            rows.append(row(p.appending(f), label: f, value: s[f], required: req))
        }
        for m in s.members where !shown.contains(m.key) {
            rows.append(row(p.appending(m.key), label: m.key, value: m.value, required: false))
        }
        rows.append(FormRow(label: "+ field", value: "", role: .dim, target: .addField(p)))
        return rows
    }

    func row(_ ptr: JSONPointer, label: String, value: JSONValue?, required: Bool) -> FormRow {
        let key = ptr.last ?? label
        if key == "SecretsList", ptr.tokens.first == WorkflowKey.computeServers {
            // Name → value pairs: the names are shown, the values never (x removes the list).
            let names = value?.objectValue?.keys.map { $0 + "=" + SecretMask.dots } ?? []
            return FormRow(label: label, value: names.isEmpty ? "" : names.joined(separator: ", "), role: .warning, target: .object(ptr), pointer: ptr)
        }
        let secretLike = SecretMask.isCredential(ptr)
        let shown = value.map { secretLike && !($0.stringValue ?? "").isEmpty ? SecretMask.dots : $0.display } ?? ""
        let target: FieldTarget = FaaSTypeDefaults.booleanFields.contains(key) ? .toggle(ptr)
            : .value(ptr, secretLike ? .secret : FaaSTypeDefaults.numberFields.contains(key) ? .number : .string)
        let missing = required && shown.isEmpty
        return FormRow(label: label, value: missing ? "(required)" : shown, required: required, role: missing ? .error : .normal, target: target, pointer: ptr)
    }

    private func storeRows(_ name: String) -> [FormRow] {
        let p = DesignDocument.storePointer(name)
        let s = doc.store(name) ?? JSONObject()
        var rows = [FormRow(label: "Name", value: name, required: true, role: .title, target: .rename(.stores, name), pointer: p)]
        for (f, req) in [("Endpoint", false), ("Bucket", true), ("Region", false)] {
            rows.append(row(p.appending(f), label: f, value: s[f], required: req))
        }
        rows.append(FormRow(label: "Writable", value: s["Writable"]?.display ?? "", target: .choice(p.appending("Writable"), ["TRUE", "FALSE"]), pointer: p.appending("Writable")))
        rows.append(row(p.appending("Anonymous"), label: "Anonymous", value: s["Anonymous"], required: false))
        for m in s.members where !["Endpoint", "Bucket", "Region", "Writable", "Anonymous"].contains(m.key) {
            rows.append(row(p.appending(m.key), label: m.key, value: m.value, required: false))
        }
        rows.append(FormRow(label: "+ field", value: "", role: .dim, target: .addField(p)))
        return rows
    }

    private var settingsRows: [FormRow] {
        typealias K = WorkflowKey
        func top(_ k: String) -> JSONPointer { JSONPointer(tokens: [k]) }
        let mode = doc.root[K.invocationIDFromDate] != nil ? "from date" : doc.root[K.invocationID] != nil ? "fixed" : "UUID"
        var rows = [
            FormRow(label: "WorkflowName", value: doc.string(K.workflowName) ?? "", required: true, target: .value(top(K.workflowName), .string), pointer: top(K.workflowName)),
            FormRow(label: "Entry", value: doc.entry ?? "", required: true, target: .choice(top(K.functionInvoke), doc.actionNames), pointer: top(K.functionInvoke)),
            FormRow(label: "DefaultDataStore", value: doc.string(K.defaultDataStore) ?? "", required: true, target: .choice(top(K.defaultDataStore), doc.storeNames), pointer: top(K.defaultDataStore)),
            FormRow(label: "LoggingDataStore", value: doc.string(K.loggingDataStore) ?? "", target: .choice(top(K.loggingDataStore), doc.storeNames), pointer: top(K.loggingDataStore)),
            FormRow(label: "FaaSrLog", value: doc.string(K.faasrLog) ?? "", target: .value(top(K.faasrLog), .string), pointer: top(K.faasrLog)),
            FormRow(label: "InvocationID mode", value: mode, target: .invocationMode),
        ]
        let rerun = top(WorkflowKey.rerunOnMatchedInvocationID)
        if mode == "from date" {
            rows.append(FormRow(label: "  date format", value: doc.string(K.invocationIDFromDate) ?? "", target: .value(top(K.invocationIDFromDate), .string), pointer: top(K.invocationIDFromDate)))
        } else if mode == "fixed" {
            rows.append(FormRow(label: "  InvocationID", value: doc.string(K.invocationID) ?? "", target: .value(top(K.invocationID), .string), pointer: top(K.invocationID)))
        }
        rows.append(FormRow(label: "RerunOnMatchedID", value: doc.root.value(at: rerun)?.display ?? "false (default)",
                            target: .toggle(rerun), pointer: rerun))
        let known: Set<String> = [K.actionList, K.computeServers, K.dataStores, K.workflowName, K.functionInvoke, K.defaultDataStore,
                                  K.loggingDataStore, K.faasrLog, K.invocationID, K.invocationIDFromDate, K.actionContainers,
                                  K.functionGitRepo, "PyPIPackageDownloads", "FunctionCRANPackage", "FunctionGitHubPackage",
                                  WorkflowKey.secrets, WorkflowKey.vmConfig, WorkflowKey.rerunOnMatchedInvocationID,
                                  WorkflowKey.pythonPackageGitHub, WorkflowKey.pythonCondaPackage]
        for m in doc.root.objectValue?.members ?? [] where !known.contains(m.key) {
            rows.append(FormRow(label: m.key, value: m.value.display, target: .value(top(m.key), .typed), pointer: top(m.key)))
        }
        rows.append(FormRow(label: "+ field", value: "FunctionRank, ...", role: .dim, target: .addField(.root)))
        return rows
    }
}
