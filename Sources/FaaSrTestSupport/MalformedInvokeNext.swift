import FaaSrCore

/// The malformed `InvokeNext` items of issue 10, with the one verdict and parsed target that
/// validation, the designer's document, the runtime's payload and the CLI must all give
/// (docs/compatibility.md, "One InvokeNext parser"). Each case is the single item of action
/// `A`'s `InvokeNext` in ``workflow(_:)``, whose other action is `B`.
public enum MalformedInvokeNext {
    /// One item and what everyone must make of it.
    public struct Case: Sendable, CustomStringConvertible {
        /// The item, as the JSON text written in the file.
        public var itemText: String
        /// Whether the workflow is accepted (runnable) with this item.
        public var accepted: Bool
        /// The parsed target (`Successor.name`), nil when the item is not a target at all
        /// (a value of another shape: no edge).
        public var target: String?
        /// The parsed rank count (`Successor.rank`).
        public var rank: Int?

        public var description: String { itemText }

        /// The item as a value.
        public var item: JSONValue { try! JSONDocument(text: itemText).root }
    }

    /// The table: the issue's malformed items, plus two well-formed controls.
    public static let cases: [Case] = [
        Case(itemText: #""B""#, accepted: true, target: "B", rank: nil),
        Case(itemText: #""B(2)""#, accepted: true, target: "B", rank: 2),
        // Schema pattern ^[a-zA-Z][a-zA-Z0-9-]*(\([0-9]+\))?$ fails; FaaSr splits at "(".
        Case(itemText: #""B(2)junk""#, accepted: false, target: "B", rank: nil),
        Case(itemText: #""B(x)""#, accepted: false, target: "B", rank: nil),
        Case(itemText: #""B()""#, accepted: false, target: "B", rank: nil),
        // Schema-valid, but zero copies: rejected by the graph rules (FaaSr takes B for a root).
        Case(itemText: #""B(0)""#, accepted: false, target: "B", rank: 0),
        Case(itemText: #""B(-1)""#, accepted: false, target: "B", rank: nil),
        // No trimming: " B" names no action.
        Case(itemText: #"" B""#, accepted: false, target: " B", rank: nil),
        Case(itemText: #""B(2""#, accepted: false, target: "B", rank: nil),
        // Other shapes: no edge at all.
        Case(itemText: #"{"True":"B"}"#, accepted: false, target: nil, rank: nil),
        Case(itemText: #"{"true":["B"]}"#, accepted: false, target: nil, rank: nil),
        Case(itemText: #"[["B"]]"#, accepted: false, target: nil, rank: nil),
        Case(itemText: "3", accepted: false, target: nil, rank: nil),
        Case(itemText: "null", accepted: false, target: nil, rank: nil),
    ]

    /// A complete, otherwise valid 2.x workflow whose action `A` has `InvokeNext: [item]`
    /// and whose action `B` exists (so only the item decides the verdict).
    public static func workflowText(_ c: Case) -> String {
        """
        {
          "WorkflowName": "wf",
          "FunctionInvoke": "A",
          "DefaultDataStore": "S3",
          "ActionList": {
            "A": {"FunctionName": "a", "FaaSServer": "GH", "Type": "Python", "InvokeNext": [\(c.itemText)]},
            "B": {"FunctionName": "b", "FaaSServer": "GH", "Type": "Python", "InvokeNext": []}
          },
          "ComputeServers": {"GH": {"FaaSType": "\(FaaSType.gitHubActions.rawValue)", "UserName": "u", "ActionRepoName": "r", "Branch": "main", "UseSecretStore": true}},
          "DataStores": {"S3": {"Endpoint": "http://127.0.0.1:9", "Bucket": "faasr", "Region": "us-east-1"}},
          "FunctionGitRepo": {"a": "u/r", "b": "u/r"}
        }
        """
    }

    /// The case's workflow, parsed.
    public static func workflow(_ c: Case) -> Workflow { try! Workflow(text: workflowText(c)) }

    /// The successors core reads from `A`'s `InvokeNext` (the parsed targets of the item).
    public static func parsedTargets(_ w: Workflow) -> [Successor] { w.action(named: "A")?.invokeNext.successors ?? [] }
}
