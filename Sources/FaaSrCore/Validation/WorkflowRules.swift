/// The graph and reference rules (filled in on top of the workflow model).
enum WorkflowRules {
    static func check(_ workflow: JSONValue) -> [Diagnostic] { [] }
}
