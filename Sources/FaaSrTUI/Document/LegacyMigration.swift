import FaaSrCore

/// Reads FaaSr 1.x files (`FunctionList`) as 2.x: `FunctionList` becomes `ActionList`, each
/// action gets `Type: "R"`, a string `InvokeNext` becomes an array, and a missing
/// `WorkflowName` is taken from the file name.
public enum LegacyMigration {
    /// Whether `root` is a 1.x workflow.
    public static func isLegacy(_ root: JSONValue) -> Bool {
        root["FunctionList"] != nil && root["ActionList"] == nil
    }

    /// The 2.x form of a 1.x workflow, and a notice describing what changed.
    public static func migrate(_ root: JSONValue, workflowName: String) -> (JSONValue, String) {
        guard var obj = root.objectValue, isLegacy(root) else { return (root, "") }
        obj.renameKey("FunctionList", to: "ActionList")
        var actions = obj["ActionList"]?.objectValue ?? JSONObject()
        for name in actions.keys {
            guard var a = actions[name]?.objectValue else { continue }
            if a["Type"] == nil { a["Type"] = "R" }
            if let s = a["InvokeNext"]?.stringValue { a["InvokeNext"] = .array([.string(s)]) }
            actions[name] = .object(a)
        }
        obj["ActionList"] = .object(actions)
        if obj["WorkflowName"] == nil { obj["WorkflowName"] = .string(workflowName) }
        return (.object(obj), "migrated from FaaSr 1.x: FunctionList → ActionList, Type R, WorkflowName '\(obj["WorkflowName"]?.stringValue ?? "")'")
    }
}
