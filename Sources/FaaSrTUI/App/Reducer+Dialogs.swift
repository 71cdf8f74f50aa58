import FaaSrCore
import TUIKit

/// Prompts, pickers, confirmations and the filter line: keys while one is open, and what
/// finishing one does.
extension AppState {
    mutating func handleModalKey(_ key: Key) -> [Effect] {
        switch mode {
        case .palette(let field, let sel):
            return handlePaletteKey(key, field, sel)
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
                // A typed secret is pushed exactly as typed (spaces too).
                if case .secretValue(let name) = purpose { return pushTypedSecret(name, field.text) }
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
        case .confirm(_, _, _, .recover(let text, let path)):
            return handleRecoveryKey(key, text: text, path: path)
        case .confirm(_, _, _, .export(let plan)):
            return handleExportKey(key, plan)
        case .confirm(_, _, _, let purpose):
            switch key {
            case .char("y"), .char("Y"):
                mode = .normal
                return finishConfirm(purpose)
            default:
                mode = .normal
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
        case .timerCron:
            return controlCommand(.timerSet(text))
        case .setContainer(let action):
            return edit("container of \(action) = \(text)") { try $0.setContainer(action, image: text) }
        default: return []
        }
    }

    mutating func finishPicker(_ choice: String, _ purpose: Purpose) -> [Effect] {
        switch purpose {
        case .pickServerType:
            let base = PlatformFacts.named(choice)?.serverNameStem ?? "server"
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
        case .pickSecret:
            return controlCommand(.secretsSetName(choice))
        case .pickInvocation:
            return startMonitor(choice.split(separator: " ").first.map(String.init))
        case .newTemplate:
            return startNew(String(choice.split(separator: " ").first ?? ""))
        case .choose(let ptr):
            return edit("\(ptr.last ?? "") = \(choice)") { $0.set(.string(choice), at: ptr) }
        case .invocationMode:
            typealias K = WorkflowKey
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
            return removingRecovery(recoveryPath) + [.quit]
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
        case .control(let step):
            return startControl(step)
        default: return []
        }
    }
}
