import FaaSrCore

/// Builds the ``LayoutGraph`` of a FaaSr workflow: one box per action (name, function, type,
/// compute server), one edge per `InvokeNext` target (plain, ranked `F(3)` or conditional
/// `True`/`False`). A target that names no action becomes a dashed placeholder box.
public enum WorkflowLayoutGraph {
    /// The layout graph of a workflow, from FaaSrCore's graph of it. A 1.x file (or a 2.x file
    /// with 1.x traits such as a bare-string `InvokeNext`) is drawn as its 2.x migration.
    public static func make(from original: Workflow) -> LayoutGraph {
        let legacy = original.format == .v1 || (original.format == .v2 && !original.legacyFeatures.isEmpty)
        return make(as: legacy ? Migrator.migrate(original).workflow : original)
    }

    /// The layout graph of `workflow` exactly as written (no migration: the designer draws
    /// the document it edits, with the file's own action names).
    public static func make(as workflow: Workflow) -> LayoutGraph {
        let graph = workflow.graph
        var layout = LayoutGraph()
        var indexOf: [String: Int] = [:]
        for action in workflow.actions {
            let parts = [action.functionName, action.typeText.map(typeBadge), action.faasServer]
                .compactMap { $0 }.filter { !$0.isEmpty }
            indexOf[action.name] = layout.nodes.count
            layout.nodes.append(LayoutNode(
                id: action.name, details: parts.isEmpty ? [] : [parts.joined(separator: " · ")],
                isEntry: action.name == graph.entry))
        }
        for edge in graph.edges {
            guard let from = indexOf[edge.from] else { continue }
            var kind: LayoutEdgeKind = switch edge.branch {
            case .always: edge.copies > 1 ? .ranked : .plain
            case .onTrue: .trueBranch
            case .onFalse: .falseBranch
            }
            let to: Int
            if let i = indexOf[edge.to] {
                to = i
            } else {
                to = layout.nodes.count
                indexOf[edge.to] = to
                layout.nodes.append(LayoutNode(id: edge.to, isPlaceholder: true))
            }
            if layout.nodes[to].isPlaceholder { kind = .unknownTarget }
            if edge.copies > 1 { layout.nodes[to].rank = max(layout.nodes[to].rank, edge.copies) }
            layout.edges.append(LayoutEdge(from: from, to: to, kind: kind, rank: edge.copies))
        }
        return layout
    }

    /// Short type badge: `Py`, `R`, `Jl`, or the type itself.
    static func typeBadge(_ type: String) -> String {
        switch type.lowercased() {
        case "python", "py": "Py"
        case "r": "R"
        case "julia", "jl": "Jl"
        default: type
        }
    }
}
