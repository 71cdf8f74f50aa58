import FaaSrCore
import TUIKit

/// The form pane: Enter on a row, typing a value in place, removing what a row shows.
extension AppState {
    mutating func activate() -> [Effect] {
        switch focus {
        case .list, .dag:
            focus = .details
            fieldIndex = 0
            return []
        case .problems:
            guard problems.indices.contains(problemIndex) else { return [] }
            jump(to: problems[problemIndex])
            return []
        case .details:
            let rows = formRows
            guard rows.indices.contains(fieldIndex) else { return [] }
            switch rows[fieldIndex].target {
            case .none: return []
            case .rename(let sec, let name):
                mode = .prompt(title: "Rename '\(name)' to", field: TextField(name), purpose: .rename(sec, name))
            case .value(let ptr, let kind):
                // A credential is typed afresh, masked: its value is never put on screen.
                let v = doc.root.value(at: ptr)
                inlineEdit = TextField(kind == .secret ? "" : v?.display ?? "")
            case .listItem(let list, let i):
                inlineEdit = TextField(doc.items(list)[safe: i] ?? "")
            case .addListItem(let list):
                mode = .prompt(title: "New \(list.itemName)", field: TextField(), purpose: .addListItem(list))
            case .defaultContainer(let a):
                if doc.root.value(at: JSONPointer(tokens: [WorkflowKey.actionContainers, a]))?.stringValue?.isEmpty == false {
                    return edit("\(a) uses the default container") { try $0.setContainer(a, image: nil) }
                }
                guard let def = doc.defaultContainer(of: a) else {
                    mode = .prompt(title: "Container image for \(a)", field: TextField(), purpose: .setContainer(action: a))
                    return []
                }
                let fx = edit("\(a) uses its own container") { try $0.setContainer(a, image: def) }
                fieldIndex = min(fieldIndex + 1, max(0, formRows.count - 1))
                return fx
            case .object(let ptr):
                toast = "edit the fields below; x removes the whole \(ptr.last ?? "object")"
            case .toggle(let ptr):
                let cur = doc.root.value(at: ptr)?.boolValue ?? false
                return edit("\(ptr.last ?? "") = \(!cur)") { $0.set(.bool(!cur), at: ptr) }
            case .choice(let ptr, let options):
                let cur = doc.root.value(at: ptr)?.stringValue ?? ""
                mode = .picker(title: ptr.last ?? "choose", options: options, selected: options.firstIndex(of: cur) ?? 0, query: TextField(), purpose: .choose(ptr))
            case .edge(let a, let i):
                let options = doc.actionNames.filter { $0 != a }
                let cur = doc.edges(of: a)[safe: i]?.target ?? ""
                mode = .picker(title: "Edge target", options: options, selected: options.firstIndex(of: cur) ?? 0, query: TextField(), purpose: .retarget(action: a, index: i))
            case .addEdge(let a):
                mode = .picker(title: "'\(a)' invokes next", options: doc.actionNames.filter { $0 != a }, selected: 0, query: TextField(), purpose: .addEdge(from: a))
            case .addArgument(let a):
                mode = .prompt(title: "New argument (name=value)", field: TextField(), purpose: .addArgument(action: a))
            case .addField(let parent):
                mode = .prompt(title: "New field (name=value; JSON values typed)", field: TextField(), purpose: .addField(parent))
            case .invocationMode:
                mode = .picker(title: "InvocationID", options: ["UUID", "from date", "fixed"], selected: 0, query: TextField(), purpose: .invocationMode)
            }
            return []
        }
    }

    mutating func deleteInForm() -> [Effect] {
        guard formRows.indices.contains(fieldIndex) else { return [] }
        switch formRows[fieldIndex].target {
        case .edge:
            return edgeCommand(.removeEdge)
        case .value(let ptr, _) where doc.root.value(at: ptr) != nil && SecretMask.isCredential(ptr):
            return edit("\(ptr.last ?? "") removed from the file: FaaSr reads it from the secret store") { $0.moveCredentialToSecretStore(ptr) }
        case .value(let ptr, _) where doc.root.value(at: ptr) != nil && ptr.tokens.count > 1:
            return edit("removed \(ptr.last ?? "")") { $0.remove(at: ptr) }
        case .listItem(let list, let i):
            let item = doc.items(list)[safe: i] ?? ""
            return edit("\(list.itemName) '\(item)' removed") { try $0.removeItem(i, of: list) }
        case .object(let ptr) where doc.root.value(at: ptr) != nil:
            return edit("removed \(ptr.last ?? "")") { $0.remove(at: ptr) }
        default:
            toast = "nothing to remove here"
            return []
        }
    }

    mutating func handleInlineEdit(_ key: Key) -> [Effect] {
        guard var field = inlineEdit else { return [] }
        switch key {
        case .escape:
            inlineEdit = nil
        case .enter:
            inlineEdit = nil
            guard formRows.indices.contains(fieldIndex) else { return [] }
            if case .listItem(let list, let i) = formRows[fieldIndex].target {
                return edit("\(list.itemName) = \(field.text)") { try $0.replaceItem(i, of: list, with: field.text) }
            }
            guard case .value(let ptr, let kind) = formRows[fieldIndex].target else { return [] }
            let text = field.text
            if let fx = renameFunctionIfAlone(ptr, to: text) { return fx }
            if kind == .secret {
                guard !text.isEmpty else { toast = "\(ptr.last ?? "") unchanged"; return [] }
                return edit("\(ptr.last ?? "") set (hidden)") { $0.set(.string(text), at: ptr) }
            }
            let value: JSONValue
            switch kind {
            case .string: value = .string(text)
            case .number:
                guard let n = try? JSONDocument(text: text).root, n.numberValue != nil else {
                    toast = "\(glyphs.cross) '\(text)' is not a number"
                    return []
                }
                value = n
            case .typed: value = AppState.typedValue(text)
            case .stringList:
                let items = text.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
                value = text.contains(",") ? .array(items.map(JSONValue.string)) : .string(text)
            case .secret: value = .string(text)
            }
            return edit("\(AppState.fieldName(ptr)) = \(value.display)") { $0.set(value, at: ptr) }
        default:
            field.handle(key)
            inlineEdit = field
        }
        return []
    }

    /// Editing an action's `FunctionName` when no other action runs the old function and it
    /// has code or package entries: FaaSrCore's `renameFunction` moves those entries along
    /// (the web builder leaves them orphaned). Nil when a plain field edit is right.
    mutating func renameFunctionIfAlone(_ ptr: JSONPointer, to new: String) -> [Effect]? {
        let t = ptr.tokens
        guard t.count == 3, t[0] == WorkflowKey.actionList, t[2] == Action.Key.functionName,
              let old = doc.action(t[1])?[Action.Key.functionName]?.stringValue, !old.isEmpty, !new.isEmpty, new != old else { return nil }
        let d = doc
        let runs = { (f: String) in d.actionNames.contains { d.action($0)?[Action.Key.functionName]?.stringValue == f } }
        let entries = { (f: String) in WorkflowKey.functionMaps.contains { d.root[$0]?[f] != nil } }
        guard entries(old), !entries(new), !runs(new),
              !doc.actionNames.contains(where: { $0 != t[1] && doc.action($0)?[Action.Key.functionName]?.stringValue == old }) else { return nil }
        return edit("function \(old) renamed to \(new); its code and package entries follow") { d throws(EditError) in
            try d.core { w throws(EditError) in try w.renameFunction(old, to: new) }
        }
    }

    /// How a toast names the field at `ptr`: its key, or for per-function and per-action maps
    /// (`FunctionGitRepo/f`, `ActionContainers/a`) the map and the key.
    static func fieldName(_ ptr: JSONPointer) -> String {
        let t = ptr.tokens
        if t.count == 2, WorkflowKey.functionMaps.contains(t[0]) || t[0] == WorkflowKey.actionContainers { return t[0] + " " + t[1] }
        return ptr.last ?? ""
    }

    /// Reads typed argument text: numbers, `true`/`false`, `null`, JSON arrays/objects and
    /// quoted strings are JSON; anything else is a string.
    public static func typedValue(_ text: String) -> JSONValue {
        if let v = try? JSONDocument(text: text).root { return v }
        return .string(text)
    }
}
