import FaaSrCore
import TUIKit

extension AppState {
    /// Runs one command in normal mode.
    mutating func run(_ command: Command) -> [Effect] {
        switch command {
        case .quit:
            if isDirty {
                mode = .confirm(title: "Quit", message: "Quit without saving your changes?",
                                details: ["\(unsavedSummary) to \(filePath ?? "a new workflow")",
                                          "the recovery file is removed; :w saves first"], purpose: .quit)
                return []
            }
            isQuitting = true
            return (recoveryPath.map { [.removeRecovery(path: $0)] } ?? []) + [.quit]
        case .forceQuit:
            isQuitting = true
            return (recoveryPath.map { [.removeRecovery(path: $0)] } ?? []) + [.quit]
        case .save:
            guard let filePath else { return run(.saveAs) }
            return [.save(path: filePath, text: doc.text)]
        case .saveAs:
            mode = .prompt(title: "Save as", field: TextField(filePath ?? "workflow.json"), purpose: .saveAs)
        case .undo: return undo()
        case .redo: return redo()
        case .help: mode = .help
        case .palette: mode = .palette(TextField(), selected: 0)
        case .filter:
            focus = .list
            mode = .filter(TextField(filter))
        case .validate:
            revalidate()
            focus = .problems
            let e = problems.filter { $0.severity == .error }.count
            toast = e == 0 ? "\(glyphs.check) no errors (\(problems.count) warning(s))" : "\(e) error(s)"
        case .exportWeb:
            return exportEffects()
        case .preview:
            // Open at the first change, with a little context above it.
            let lines = PreviewDiff.lines(saved: SecretMask.maskedText(savedDoc), pending: SecretMask.maskedText(doc))
            let first = lines.firstIndex { !$0.hasPrefix("  ") } ?? 0
            mode = .preview(scroll: max(0, first - 3))
        case .new: chooseTemplate()
        case .open: return openBrowser()
        case .focusNext: focus = Pane(rawValue: (focus.rawValue + 1) % Pane.allCases.count)!
        case .focusPrevious: focus = Pane(rawValue: (focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        case .focusSection(let sec):
            section = sec
            focus = .list
            fieldIndex = 0
        case .focusDAG:
            section = .actions
            focus = .dag
        case .focusProblems: focus = .problems
        case .up, .down, .top, .bottom, .pageUp, .pageDown:
            if focus == .dag { graphEdge = nil }
            move(command)
        case .left, .right:
            guard focus == .list || focus == .dag else { return [] }
            let d = command == .left ? -1 : 1
            if focus == .list {
                section = Section(rawValue: (section.rawValue + d + Section.allCases.count) % Section.allCases.count)!
                fieldIndex = 0
            } else {
                graphEdge = nil
                move(d < 0 ? .up : .down)
            }
        case .activate: return activate()
        case .add:
            switch section {
            case .actions, .settings:
                section = .actions
                mode = .prompt(title: "New action name", field: TextField(), purpose: .addAction)
            case .servers: return run(.addServer)
            case .stores: return run(.addStore)
            }
        case .addServer:
            mode = .picker(title: "Compute server type", options: FaaSTypeDefaults.types, selected: 0, query: TextField(), purpose: .pickServerType)
        case .addStore:
            mode = .prompt(title: "New data store name", field: TextField(), purpose: .addStore)
        case .rename:
            guard section != .settings, let name = selectedName else { return [] }
            mode = .prompt(title: "Rename '\(name)' to", field: TextField(name), purpose: .rename(section, name))
        case .duplicate:
            guard section != .settings, let name = selectedName else { return [] }
            mode = .prompt(title: "Copy of '\(name)' named", field: TextField(copyName(of: name)), purpose: .duplicate(section, name))
        case .delete:
            if focus == .details { return deleteInForm() }
            guard section != .settings, let name = selectedName else { return [] }
            let refs: [String]
            switch section {
            case .actions: refs = doc.preview { w throws(EditError) in try w.deleteAction(name) }
            case .servers: refs = doc.preview { w throws(EditError) in try w.deleteComputeServer(name) }
            case .stores: refs = doc.preview { w throws(EditError) in try w.deleteDataStore(name) }
            case .settings: refs = []
            }
            mode = .confirm(title: "Delete", message: "Delete \(section.title.lowercased().dropLast()) '\(name)'?", details: refs, purpose: .delete(section, name))
        case .addEdge:
            guard let from = selectedAction else { toast = "add an action first (a)"; return [] }
            let options = doc.actionNames.filter { $0 != from }
            mode = .picker(title: "'\(from)' invokes next", options: options, selected: 0, query: TextField(), purpose: .addEdge(from: from))
        case .setEntry:
            guard let a = selectedAction else { return [] }
            return edit("entry is now '\(a)'") { $0.setTop(DesignDocument.Key.functionInvoke, .string(a)) }
        case .cycleCondition, .rankUp, .rankDown, .moveUp, .moveDown, .removeEdge, .setRank, .setCondition:
            return edgeCommand(command)
        case .nextEdge, .previousEdge:
            cycleGraphEdge(by: command == .nextEdge ? 1 : -1)
        case .toggleLanes: showLanes.toggle()
        case .quickFix: return applyQuickFix()
        case .escape:
            if focus == .dag, graphEdge != nil { graphEdge = nil; return [] }
            if !filter.isEmpty { filter = ""; return [] }
            if focus != .list { focus = .list }
        }
        return []
    }

    mutating func move(_ command: Command) {
        let page = max(1, size.height / 2)
        func step(_ i: Int, _ count: Int) -> Int {
            guard count > 0 else { return 0 }
            switch command {
            case .up: return max(0, i - 1)
            case .down: return min(count - 1, i + 1)
            case .top: return 0
            case .bottom: return count - 1
            case .pageUp: return max(0, i - page)
            case .pageDown: return min(count - 1, i + page)
            default: return i
            }
        }
        switch focus {
        case .list: selection[section] = step(selection[section] ?? 0, names(in: section).count)
        case .dag:
            let index = graphIndex
            let order = index.order
            let cur = selectedAction.flatMap { index.position[$0] } ?? 0
            if !order.isEmpty {
                section = .actions
                select(order[step(cur, order.count)], in: .actions)
            }
        case .details: fieldIndex = step(fieldIndex, formRows.count)
        case .problems: problemIndex = step(problemIndex, problems.count)
        }
    }

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

    mutating func jump(to problem: Problem) {
        let t = problem.pointer.tokens
        let table = t.first ?? ""
        let target: Section
        // Function-keyed maps (code, packages) and ActionContainers are edited in an action's form.
        let owner: String? = WorkflowKey.functionMaps.contains(table) && t.count > 1
            ? doc.actionNames.first { doc.action($0)?["FunctionName"]?.stringValue == t[1] } ?? (doc.action(t[1]) != nil ? t[1] : nil)
            : table == WorkflowKey.actionContainers && t.count > 1 ? t[1] : nil
        switch table {
        case _ where owner != nil: target = .actions
        case DesignDocument.Key.actionList: target = .actions
        case DesignDocument.Key.computeServers: target = .servers
        case DesignDocument.Key.dataStores: target = .stores
        default: target = .settings
        }
        section = target
        filter = ""
        if target != .settings, t.count > 1 { select(owner ?? t[1], in: target) }
        if target == .settings {
            select(table == WorkflowKey.secrets ? SettingsForm.secrets : table == WorkflowKey.vmConfig ? SettingsForm.vmConfig : SettingsForm.workflow, in: .settings)
        }
        if let a = problem.action, target == .actions { select(a, in: .actions) }
        focus = .details
        let rows = formRows
        fieldIndex = rows.lastIndex { $0.pointer == problem.pointer } ?? rows.firstIndex { r in r.pointer.map { problem.pointer.isPrefix(of: $0) && problem.pointer.tokens.count > 2 } ?? false }
            ?? rows.firstIndex { r in r.pointer.map { $0.isPrefix(of: problem.pointer) && $0.tokens.count > 2 } ?? false } ?? 0
    }

    /// The edge the edge keys act on: the form's edge row (form focused), or the graph's
    /// selected edge (graph focused).
    func targetedEdge() -> (action: String, index: Int)? {
        switch focus {
        case .details:
            guard formRows.indices.contains(fieldIndex), case .edge(let a, let i) = formRows[fieldIndex].target else { return nil }
            return (a, i)
        case .dag:
            guard let e = graphEdge, let i = selectedEdgeIndex else { return nil }
            return (e.from, i)
        default:
            return nil
        }
    }

    /// `]` / `[`: selects the next or previous outgoing edge of the selected action (wrapping).
    mutating func cycleGraphEdge(by delta: Int) {
        guard let a = selectedAction else { toast = "add an action first (a)"; return }
        focus = .dag
        section = .actions
        let list = doc.edges(of: a)
        guard !list.isEmpty else {
            graphEdge = nil
            toast = "'\(a)' invokes nothing yet: > adds an edge"
            return
        }
        let next = selectedEdgeIndex.map { ($0 + delta + list.count) % list.count } ?? (delta > 0 ? 0 : list.count - 1)
        graphEdge = EdgeSelection(from: a, list[next])
    }

    /// Keeps the edited edge selected (in the form or the graph) after its list changed.
    mutating func follow(_ edge: EdgeSelection) {
        guard let j = edge.index(in: doc) else { return }
        if focus == .details { focusEdge(edge.from, j) } else { graphEdge = edge }
    }

    mutating func edgeCommand(_ command: Command) -> [Effect] {
        guard let target = targetedEdge() else {
            toast = focus == .dag || focus == .list ? "select an edge first: ] and [ cycle through the selected action's edges"
                : "select an edge (next) row in the form first"
            return []
        }
        let (a, i) = target
        let e = doc.edges(of: a)[i]
        var picked = EdgeSelection(from: a, e)
        let fx: [Effect]
        switch command {
        case .cycleCondition, .setCondition:
            var next = e.condition.next
            if case .setCondition(let c) = command { next = c }
            guard next != e.condition else {
                toast = "\(a) → \(e.target) is already \(next == .always ? "unconditional" : next.rawValue)"
                return []
            }
            fx = edit("edge \(a) → \(e.target): \(next == .always ? "always" : next.rawValue)") { try $0.updateEdge(a, at: i) { $0.condition = next } }
            picked.condition = next
        case .rankUp, .rankDown:
            let r = e.rank ?? 1
            let n = command == .rankUp ? r + 1 : max(1, r - 1)
            fx = edit("rank of \(a) → \(e.target) = \(n)") { try $0.updateEdge(a, at: i) { $0.rank = n > 1 ? n : nil } }
        case .setRank:
            mode = .prompt(title: "Rank of \(a) → \(e.target) (empty or 1 clears)", field: TextField(e.rank.map(String.init) ?? ""),
                           purpose: .setRank(picked))
            return []
        case .moveUp, .moveDown:
            let d = command == .moveUp ? -1 : 1
            fx = edit("edge \(a) → \(e.target) moved \(d < 0 ? "earlier" : "later")") { try $0.moveEdge(a, at: i, by: d) }
        case .removeEdge, .delete:
            fx = edit("removed edge \(a) → \(e.target)") { try $0.removeEdge(a, at: i) }
            if focus == .dag {
                let rest = doc.edges(of: a)
                graphEdge = rest.isEmpty ? nil : EdgeSelection(from: a, rest[min(i, rest.count - 1)])
            }
            return fx
        default: return []
        }
        follow(picked)
        return fx
    }

    /// Sets or clears (empty text or 1) the rank of an edge typed into the rank prompt.
    mutating func finishRank(_ text: String, _ edge: EdgeSelection) -> [Effect] {
        let rank: Int?
        if text.isEmpty {
            rank = nil
        } else if let n = Int(text), n >= 1 {
            rank = n > 1 ? n : nil
        } else {
            toast = "\(glyphs.cross) '\(text)' is not a rank: type a whole number of 1 or more (empty clears)"
            return []
        }
        guard let i = edge.index(in: doc) else { toast = "\(glyphs.cross) the edge is gone"; return [] }
        let fx = edit(rank.map { "rank of \(edge.from) → \(edge.target) = \($0)" } ?? "rank of \(edge.from) → \(edge.target) cleared") {
            try $0.updateEdge(edge.from, at: i) { $0.rank = rank }
        }
        follow(edge)
        return fx
    }

    mutating func focusEdge(_ a: String, _ j: Int) {
        if let k = formRows.firstIndex(where: { $0.target == .edge(a, j) }) { fieldIndex = k }
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

    func exportEffects() -> [Effect] {
        let name = doc.string(DesignDocument.Key.workflowName).flatMap { $0.isEmpty ? nil : $0 } ?? "unnamed-workflow"
        let dir = filePath.map { p -> String in
            let parts = p.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
        } ?? ""
        return [.export(files: [
            ExportFile(path: dir + name + ".json", text: WebBuilderExport.workflowText(doc)),
            ExportFile(path: dir + name + "-layout.json", text: WebBuilderExport.layoutText(doc)),
        ])]
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
