import FaaSrCore
import TUIKit

/// Moving the selection: keys, the mouse, and jumping to a problem.
extension AppState {
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
        case WorkflowKey.actionList: target = .actions
        case WorkflowKey.computeServers: target = .servers
        case WorkflowKey.dataStores: target = .stores
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

    mutating func handleMouse(_ m: MouseEvent) -> [Effect] {
        guard mode == .normal, inlineEdit == nil else { return [] }
        let layout = ScreenLayout(size: size)
        if case .wheelUp = m.kind { return run(.up) }
        if case .wheelDown = m.kind { return run(.down) }
        if layout.list.contains(x: m.x, y: m.y) {
            focus = .list
            let row = m.y - layout.list.y - 2
            if row >= 0, row < names(in: section).count { selection[section] = row }
        } else if layout.dag.contains(x: m.x, y: m.y) {
            if let name = DagPaneView.action(atX: m.x, y: m.y, self, pane: layout.dag), name != selectedAction {
                graphEdge = nil
                section = .actions
                filter = ""
                select(name, in: .actions)
            }
            focus = .dag
        } else if layout.details.contains(x: m.x, y: m.y) {
            focus = .details
            let row = m.y - layout.details.y - 1
            if row >= 0, row < formRows.count { fieldIndex = row }
        } else if layout.problems.contains(x: m.x, y: m.y) {
            focus = .problems
            let row = m.y - layout.problems.y - 1
            if row >= 0, row < problems.count { problemIndex = row }
        }
        return []
    }
}
