import FaaSrCore
import TUIKit

/// The left pane: section tabs and the list of the current section.
enum ListPaneView {
    static func draw(_ s: AppState, into c: inout Canvas, at r: Rect) {
        let inner = PaneFrame.draw(s.section.title, number: "\(s.section.rawValue + 1)", focused: s.focus == .list, s: s, into: &c, at: r)
        var x = inner.x
        for sec in Section.allCases {
            let label = "\(sec.rawValue + 1)\(sec.title.prefix(3))"
            c.put(label, x: x, y: inner.y, role: sec == s.section ? .accent : .dim, maxWidth: inner.maxX - x)
            x += DisplayWidth.of(label) + 1
        }
        var listRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        if !s.filter.isEmpty {
            c.put("/" + s.filter, x: inner.x, y: inner.maxY - 1, role: .input, maxWidth: inner.width)
            listRect.height -= 1
        }
        let erroring = Set(s.problems.filter { $0.severity == .error }.compactMap(\.action))
        let names = s.names(in: s.section)
        // Only the visible rows are made (a list of hundreds of actions costs one screen).
        let makeRow = { (name: String) -> ListView.Row in
            switch s.section {
            case .actions:
                let a = s.doc.action(name)
                let mark = s.doc.entry == name ? s.glyphs.entry + " " : "  "
                let bad = erroring.contains(name)
                return ListView.Row(mark + name + (bad ? " " + s.glyphs.warning : ""),
                                    detail: a?["Type"]?.stringValue ?? "", role: bad ? .error : (s.doc.entry == name ? .entryNode : .normal))
            case .servers:
                return ListView.Row(name, detail: s.doc.server(name)?["FaaSType"]?.stringValue ?? "?")
            case .stores:
                return ListView.Row(name, detail: s.doc.string(WorkflowKey.defaultDataStore) == name ? "default" : "")
            case .settings:
                switch name {
                case SettingsForm.secrets:
                    return ListView.Row(name, detail: "\(s.doc.workflow.secretNames.count)")
                case SettingsForm.vmConfig:
                    return ListView.Row(name, detail: s.doc.root[WorkflowKey.vmConfig]?["Name"]?.stringValue ?? "none")
                default:
                    return ListView.Row(name, detail: s.doc.string(WorkflowKey.workflowName) ?? "")
                }
            }
        }
        ListView.draw(count: names.count, row: { makeRow(names[$0]) }, selected: s.selection[s.section] ?? 0, focused: s.focus == .list, into: &c, at: listRect,
                      empty: s.section == .actions ? "no actions: press a" : "(none: press a)")
    }
}
