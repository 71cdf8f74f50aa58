import FaaSrCore
import TUIKit

/// Normal-mode commands (from keys or the palette) dispatched to the context that does them.
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
            return removingRecovery(recoveryPath) + [.quit]
        case .forceQuit:
            isQuitting = true
            return removingRecovery(recoveryPath) + [.quit]
        case .save:
            guard let filePath else { return run(.saveAs) }
            return [.save(path: filePath, text: doc.text)]
        case .saveAs:
            mode = .prompt(title: "Save as", field: TextField(filePath ?? "workflow.json"), purpose: .saveAs)
        case .saveTo(let path): return [.save(path: path, text: doc.text)]
        case .saveAndQuit:
            isQuitting = true
            return filePath.map { [.save(path: $0, text: doc.text)] } ?? run(.saveAs)
        case .openPath(let path): return openFile(path)
        case .newFrom(let template): return startNew(template)
        case .exportTo(let folder): return exportEffects(folder: folder)
        case .recover: return reofferRecovery()
        case .undo: return undo()
        case .redo: return redo()
        case .help: mode = .help(scroll: 0)
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
            let lines = previewLines
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
        case .activate:
            if focus == .dag, run != nil { return openLog() }
            return activate()
        case .runLocal: return startRun()
        case .cancelRun: return cancelRun()
        case .showLog: return openLog()
        case .register, .registerOn, .unregister, .invoke, .timer, .timerSet, .timerUnset,
             .secrets, .secretsPush, .secretsSet, .secretsSetName, .monitor, .monitorInvocation, .messages:
            return controlCommand(command)
        case .add:
            switch section {
            case .actions, .settings: return run(.addAction)
            case .servers: return run(.addServer)
            case .stores: return run(.addStore)
            }
        case .addAction:
            section = .actions
            mode = .prompt(title: "New action name", field: TextField(), purpose: .addAction)
        case .addServer:
            mode = .picker(title: "Compute server type", options: FaaSType.names, selected: 0, query: TextField(), purpose: .pickServerType)
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
            return edit("entry is now '\(a)'") { $0.setTop(WorkflowKey.functionInvoke, .string(a)) }
        case .cycleCondition, .rankUp, .rankDown, .moveUp, .moveDown, .removeEdge, .setRank, .setCondition:
            return edgeCommand(command)
        case .nextEdge, .previousEdge:
            cycleGraphEdge(by: command == .nextEdge ? 1 : -1)
        case .toggleLanes: showLanes.toggle()
        case .quickFix: return applyQuickFix()
        case .escape:
            if focus == .dag || focus == .list, graphEdge != nil { graphEdge = nil; return [] }
            if !filter.isEmpty { filter = ""; return [] }
            if focus != .list { focus = .list }
        }
        return []
    }
}
