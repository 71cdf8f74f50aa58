import FaaSrCore

/// Builds the ``LayoutGraph`` of a FaaSr workflow: one box per action (name, function, type,
/// compute server), one edge per `InvokeNext` target (plain, ranked `F(3)` or conditional
/// `True`/`False`). A target that names no action becomes a dashed placeholder box.
public enum WorkflowLayoutGraph {
    /// The layout graph of a workflow, from FaaSrCore's graph of it (2.x `ActionList`); a 1.x
    /// file (`FunctionList`, no `ActionList`) is read by ``make(legacy:)``.
    public static func make(from workflow: Workflow) -> LayoutGraph {
        if workflow["ActionList"] == nil, workflow["FunctionList"] != nil {
            return make(legacy: workflow.document.root)
        }
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

    /// The layout graph of a 1.x workflow file (`FunctionList`; `InvokeNext` may be a bare
    /// string, the oldest files say `Next` and `Actionname`). Kept until FaaSrCore reads 1.x.
    public static func make(legacy root: JSONValue) -> LayoutGraph {
        let table = root["ActionList"]?.objectValue ?? root["FunctionList"]?.objectValue ?? JSONObject()
        let entry = root["FunctionInvoke"]?.stringValue
        var graph = LayoutGraph()
        var indexOf: [String: Int] = [:]
        for member in table.members where indexOf[member.key] == nil {
            let action = member.value
            var details: [String] = []
            let function = action["FunctionName"]?.stringValue ?? action["Actionname"]?.stringValue
            let parts = [function, action["Type"]?.stringValue.map(typeBadge), action["FaaSServer"]?.stringValue]
                .compactMap { $0 }.filter { !$0.isEmpty }
            if !parts.isEmpty { details.append(parts.joined(separator: " · ")) }
            indexOf[member.key] = graph.nodes.count
            graph.nodes.append(LayoutNode(id: member.key, details: details, isEntry: member.key == entry))
        }
        var placeholders: [String: Int] = [:]
        for member in table.members {
            guard let source = indexOf[member.key] else { continue }
            let next = member.value["InvokeNext"] ?? member.value["Next"] ?? .null
            for (target, kind) in targets(of: next) {
                let (name, rank) = parseTarget(target)
                var to: Int
                var edgeKind = kind
                if let i = indexOf[name] {
                    to = i
                } else if let i = placeholders[name] {
                    to = i
                    edgeKind = .unknownTarget
                } else {
                    to = graph.nodes.count
                    placeholders[name] = to
                    graph.nodes.append(LayoutNode(id: name, isPlaceholder: true))
                    edgeKind = .unknownTarget
                }
                if rank > 1 {
                    graph.nodes[to].rank = max(graph.nodes[to].rank, rank)
                    if edgeKind == .plain { edgeKind = .ranked }
                }
                graph.edges.append(LayoutEdge(from: source, to: to, kind: edgeKind, rank: rank))
            }
        }
        return graph
    }

    /// Targets of an `InvokeNext` value with their edge kind, in file order (True before False).
    static func targets(of value: JSONValue) -> [(String, LayoutEdgeKind)] {
        switch value {
        case .string(let s):
            return s.isEmpty ? [] : [(s, .plain)]
        case .array(let items):
            return items.flatMap { targets(of: $0) }
        case .object(let o):
            var result: [(String, LayoutEdgeKind)] = []
            for member in o.members {
                let kind: LayoutEdgeKind? = switch member.key {
                case "True", "TRUE", "true": .trueBranch
                case "False", "FALSE", "false": .falseBranch
                default: nil
                }
                guard let kind else { continue }
                result += targets(of: member.value).map { ($0.0, kind) }
            }
            return result
        default:
            return []
        }
    }

    /// `"F(3)"` → (`"F"`, 3); `"F"` → (`"F"`, 1). Malformed ranks keep the whole text as name.
    static func parseTarget(_ raw: String) -> (String, Int) {
        let text = raw.trimmingSpaces
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return (text, 1) }
        let digits = text[text.index(after: open)..<text.index(before: text.endIndex)]
        guard let rank = Int(digits.trimmingSpaces), rank >= 1 else { return (text, 1) }
        return (String(text[..<open]).trimmingSpaces, rank)
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

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
