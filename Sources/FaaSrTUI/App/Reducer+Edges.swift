import FaaSrCore
import TUIKit

/// The edge keys (`]` `[` `t` `#` `+` `-` `K` `J` `x`) on the form's edge rows and the graph's selected edge.
extension AppState {
    /// The edge the edge keys act on: the form's edge row (form focused), or the graph's
    /// selected edge (graph focused).
    func targetedEdge() -> (action: String, index: Int)? {
        switch focus {
        case .details:
            guard formRows.indices.contains(fieldIndex), case .edge(let a, let i) = formRows[fieldIndex].target else { return nil }
            return (a, i)
        case .dag, .list:
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
            if focus != .details {
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
}
