import FaaSrCore
import TUIKit

extension AppState {
    /// Palette suggestions for the typed text.
    public static func paletteSuggestions(_ text: String) -> [(String, Command, String)] {
        let head = text.split(separator: " ").first.map(String.init) ?? ""
        let names = DesignerKeymap.paletteCommands.map(\.0)
        let ranked = FuzzyMatch.rank(text.contains(" ") && names.contains(head) ? head : text, names)
        return ranked.compactMap { n in DesignerKeymap.paletteCommands.first { $0.0 == n } }
    }

    mutating func handleModalKey(_ key: Key) -> [Effect] {
        switch mode {
        case .palette(var field, let sel):
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                let text = field.text.trimmingCharacters(in: " ")
                let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
                if parts.first == "w" || parts.first == "saveas", parts.count == 2 {
                    return [.save(path: parts[1], text: doc.text)]
                }
                if parts.first == "wq" {
                    isQuitting = true
                    return filePath.map { [.save(path: $0, text: doc.text)] } ?? run(.saveAs)
                }
                if parts.first == "e" || parts.first == "open", parts.count == 2 {
                    return openFile(parts[1])
                }
                if parts.first == "new", parts.count == 2 {
                    return startNew(parts[1])
                }
                if parts.first == "theme" { toast = "themes are chosen at start: faasr-tui --theme NAME"; return [] }
                let exact = DesignerKeymap.paletteCommands.first { $0.0 == text }
                let list = AppState.paletteSuggestions(text)
                guard let pick = exact ?? list[safe: sel] else { toast = "unknown command: \(text)"; return [] }
                return run(pick.1)
            case .up, .ctrl("p"): mode = .palette(field, selected: max(0, sel - 1))
            case .down, .ctrl("n"), .tab: mode = .palette(field, selected: sel + 1 < AppState.paletteSuggestions(field.text).count ? sel + 1 : sel)
            default:
                if key == .backspace && field.text.isEmpty { mode = .normal; return [] }
                field.handle(key)
                mode = .palette(field, selected: 0)
            }
        case .filter(var field):
            switch key {
            case .enter: mode = .normal
            case .escape:
                filter = ""
                mode = .normal
            default:
                field.handle(key)
                filter = field.text
                selection[section] = 0
                mode = .filter(field)
            }
        case .prompt(let title, var field, let purpose):
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                return finishPrompt(field.text.trimmingCharacters(in: " "), purpose)
            default:
                field.handle(key)
                mode = .prompt(title: title, field: field, purpose: purpose)
            }
        case .picker(let title, let options, let sel, var query, let purpose):
            let shown = FuzzyMatch.rank(query.text, options)
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                guard let choice = shown[safe: sel] else { return [] }
                return finishPicker(choice, purpose)
            case .up, .ctrl("p"): mode = .picker(title: title, options: options, selected: max(0, sel - 1), query: query, purpose: purpose)
            case .down, .ctrl("n"), .tab:
                mode = .picker(title: title, options: options, selected: min(max(0, shown.count - 1), sel + 1), query: query, purpose: purpose)
            default:
                query.handle(key)
                mode = .picker(title: title, options: options, selected: 0, query: query, purpose: purpose)
            }
        case .confirm(_, _, _, let purpose):
            switch key {
            case .char("y"), .char("Y"):
                mode = .normal
                return finishConfirm(purpose)
            default:
                mode = .normal
                if case .recover(_, let path) = purpose {
                    toast = "recovery discarded"
                    return [.removeRecovery(path: path)]
                }
            }
        default: break
        }
        return []
    }

    mutating func finishPrompt(_ text: String, _ purpose: Purpose) -> [Effect] {
        switch purpose {
        case .addAction:
            let fx = edit("added action '\(text)'") { try $0.addAction(text) }
            select(text, in: .actions)
            return fx
        case .addStore:
            let fx = edit("added data store '\(text)'") { try $0.addStore(text) }
            section = .stores
            select(text, in: .stores)
            focusFirstRequiredField()
            return fx
        case .addServer(let type):
            let fx = edit("added \(type) server '\(text)'") { try $0.addServer(text, type: type) }
            section = .servers
            select(text, in: .servers)
            focus = .details
            fieldIndex = 2
            return fx
        case .rename(let sec, let old):
            let fx: [Effect]
            switch sec {
            case .actions: fx = edit("renamed '\(old)' to '\(text)'") { try $0.renameAction(old, to: text) }
            case .servers: fx = edit("renamed '\(old)' to '\(text)'") { try $0.renameServer(old, to: text) }
            case .stores: fx = edit("renamed '\(old)' to '\(text)'") { try $0.renameStore(old, to: text) }
            case .settings: fx = []
            }
            select(text, in: sec)
            return fx
        case .duplicate(let sec, let name):
            let fx = edit("duplicated '\(name)' as '\(text)'") { d in
                switch sec {
                case .servers: try d.core { w throws(EditError) in try w.duplicateComputeServer(name, as: text) }
                case .stores: try d.core { w throws(EditError) in try w.duplicateDataStore(name, as: text) }
                default: try d.duplicateAction(name, as: text)
                }
            }
            select(text, in: sec)
            return fx
        case .addArgument(let a):
            let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
            guard let k = parts.first, !k.isEmpty, !k.contains(" ") else {
                toast = "\(glyphs.cross) write name=value; the name has no spaces"
                return []
            }
            let v = AppState.typedValue(parts.count > 1 ? parts[1] : "")
            let fx = edit("argument \(k) added") { $0.set(v, at: DesignDocument.actionPointer(a).appending("Arguments").appending(k)) }
            if let i = formRows.firstIndex(where: { $0.target == .addArgument(a) }) { fieldIndex = i }
            return fx
        case .addField(let parent):
            let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
            guard let k = parts.first, !k.isEmpty, !k.contains(" "), !k.contains("/") else {
                toast = "\(glyphs.cross) write name=value; the name has no spaces or /"
                return []
            }
            let v = AppState.typedValue(parts.count > 1 ? parts[1] : "")
            let shown = SecretMask.isCredential(parent.appending(k)) ? "\(k) set (hidden)" : "\(k) = \(v.display)"
            let fx = edit(shown) { $0.set(v, at: parent.appending(k)) }
            if let i = formRows.firstIndex(where: { $0.pointer == parent.appending(k) }) { fieldIndex = i }
            return fx
        case .setRank(let edge):
            return finishRank(text, edge)
        case .saveAs:
            guard !text.isEmpty else { return [] }
            return [.save(path: text, text: doc.text)]
        case .open:
            return openFile(text)
        case .addListItem(let list):
            let fx = edit("\(list.itemName) '\(text)' added") { try $0.addItem(text, to: list) }
            if !fx.isEmpty, let i = formRows.firstIndex(where: { $0.target == .listItem(list, doc.items(list).count - 1) }) { fieldIndex = i }
            return fx
        case .setContainer(let action):
            return edit("container of \(action) = \(text)") { try $0.setContainer(action, image: text) }
        default: return []
        }
    }

    mutating func finishPicker(_ choice: String, _ purpose: Purpose) -> [Effect] {
        switch purpose {
        case .pickServerType:
            let base = ["GitHubActions": "GH", "Lambda": "AWS", "OpenWhisk": "OW", "GoogleCloud": "GCP", "SLURM": "SLURM", "Kubernetes": "K8S"][choice] ?? "server"
            var name = base, n = 2
            while doc.serverNames.contains(name) { name = base + String(n); n += 1 }
            mode = .prompt(title: "New \(choice) server name", field: TextField(name), purpose: .addServer(type: choice))
            return []
        case .addEdge(let from):
            let fx = edit("edge \(from) → \(choice)") { try $0.addEdge(from: from, to: choice) }
            if let j = doc.edges(of: from).lastIndex(where: { $0.target == choice }) {
                section = .actions
                select(from, in: .actions)
                if focus == .details { focusEdge(from, j) }
            }
            return fx
        case .retarget(let a, let i):
            return edit("edge retargeted to \(choice)") { try $0.updateEdge(a, at: i) { $0.target = choice } }
        case .newTemplate:
            return startNew(String(choice.split(separator: " ").first ?? ""))
        case .choose(let ptr):
            return edit("\(ptr.last ?? "") = \(choice)") { $0.set(.string(choice), at: ptr) }
        case .invocationMode:
            typealias K = DesignDocument.Key
            return edit("InvocationID: \(choice)") { d in
                switch choice {
                case "from date":
                    d.remove(at: JSONPointer(tokens: [K.invocationID]))
                    d.setTop(K.invocationIDFromDate, "%Y%m%d%H%M%S")
                case "fixed":
                    d.remove(at: JSONPointer(tokens: [K.invocationIDFromDate]))
                    d.setTop(K.invocationID, "my-invocation")
                default:
                    d.remove(at: JSONPointer(tokens: [K.invocationID]))
                    d.remove(at: JSONPointer(tokens: [K.invocationIDFromDate]))
                }
            }
        default: return []
        }
    }

    mutating func finishConfirm(_ purpose: Purpose) -> [Effect] {
        switch purpose {
        case .quit:
            isQuitting = true
            return (recoveryPath.map { [.removeRecovery(path: $0)] } ?? []) + [.quit]
        case .delete(let sec, let name):
            switch sec {
            case .actions: return edit("deleted action '\(name)'") { try $0.deleteAction(name) }
            case .servers: return edit("deleted server '\(name)'") { try $0.deleteServer(name) }
            case .stores: return edit("deleted store '\(name)'") { try $0.deleteStore(name) }
            case .settings: return []
            }
        case .discardAndOpen(let path):
            return [.open(path: path)]
        case .discardAndNew(let template):
            return newFromTemplate(template)
        case .recover(let text, _):
            guard let recovered = try? DesignDocument(text: text) else { toast = "recovery file unreadable"; return [] }
            let fx = edit("recovered unsaved edits") { $0 = recovered }
            return fx
        default: return []
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

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
