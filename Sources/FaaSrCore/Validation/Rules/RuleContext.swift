/// What the graph and reference rules look at: the action table (2.x `ActionList`, or 1.x
/// `FunctionList`), its graph, and the named maps, read once per validation.
struct RuleContext {
    /// The whole workflow.
    let root: JSONValue
    /// `ActionList`, or `FunctionList` for a 1.x file.
    let tableKey: String
    /// The actions in order, one per name, with the value FaaSr sees (the last duplicate).
    let actions: [(name: String, object: JSONObject)]
    /// The workflow graph.
    let graph: WorkflowGraph

    init(_ root: JSONValue) {
        self.root = root
        let legacy = root[WorkflowKey.actionList] == nil && root["FunctionList"] != nil
        tableKey = legacy ? "FunctionList" : WorkflowKey.actionList
        let members = root[tableKey]?.objectValue.map(\.lastValueMembers) ?? []
        actions = members.map { ($0.key, $0.value.objectValue ?? JSONObject()) }
        if legacy {
            graph = Self.legacyGraph(actions, tableKey: tableKey, functionInvoke: root[WorkflowKey.functionInvoke]?.stringValue)
        } else {
            // The edges WorkflowGraph(Workflow) builds, from the actions read once (linear time).
            var edges: [WorkflowEdge] = []
            for (name, object) in actions {
                for s in Action(name: name, value: .object(object)).successors {
                    edges.append(WorkflowEdge(from: name, to: s.name, branch: s.branch, rank: s.rank, raw: s.raw, pointer: s.pointer))
                }
            }
            graph = WorkflowGraph(nodes: actions.map(\.name), edges: edges,
                                  functionInvoke: root[WorkflowKey.functionInvoke]?.stringValue)
        }
    }

    /// `/ActionList/<name>` (or `/FunctionList/<name>`).
    func pointer(ofAction name: String) -> JSONPointer { JSONPointer(tokens: [tableKey, name]) }

    /// Names of the top-level map `key` (empty when absent or not an object).
    func names(in key: String) -> [String] {
        root[key]?.objectValue.map(\.lastValueMembers)?.map(\.key) ?? []
    }

    /// `"a", "b" and "c"`.
    static func list(_ names: [String]) -> String {
        let quoted = names.map { "\"\($0)\"" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }

    /// The 1.x graph: `InvokeNext` (oldest files: `Next`) as a string or list, where a target
    /// may carry the 1.x condition `Name[TRUE]` / `Name[FALSE]` before an optional rank.
    private static func legacyGraph(
        _ actions: [(name: String, object: JSONObject)], tableKey: String, functionInvoke: String?
    ) -> WorkflowGraph {
        var edges: [WorkflowEdge] = []
        for (name, object) in actions {
            let key = object["InvokeNext"] != nil ? "InvokeNext" : "Next"
            let next = InvokeNext(object[key], at: JSONPointer(tokens: [tableKey, name, key]))
            for s in next.successors {
                var raw = s.raw
                var branch = s.branch
                if let open = raw.firstIndex(of: "["), let close = raw[open...].firstIndex(of: "]") {
                    switch raw[raw.index(after: open)..<close].lowercased() {
                    case "true": branch = .onTrue
                    case "false": branch = .onFalse
                    default: break
                    }
                    if branch != s.branch { raw.removeSubrange(open...close) }
                }
                let parsed = SuccessorText.parse(raw)
                edges.append(WorkflowEdge(from: name, to: parsed.name, branch: branch, rank: parsed.rank,
                                          raw: s.raw, pointer: s.pointer))
            }
        }
        return WorkflowGraph(nodes: actions.map(\.name), edges: edges, functionInvoke: functionInvoke)
    }
}
