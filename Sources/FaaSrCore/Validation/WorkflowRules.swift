/// The rules beyond the schema: the workflow graph and references between its parts.
enum WorkflowRules {
    static func check(_ workflow: JSONValue) -> [Diagnostic] {
        guard workflow.objectValue != nil else { return [] }
        let context = RuleContext(workflow)
        return GraphRules.check(context) + ReferenceRules.check(context)
    }
}
