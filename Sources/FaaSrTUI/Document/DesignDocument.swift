import FaaSrCore

/// The workflow being designed: FaaSrCore's ``Workflow`` (the lossless JSON tree, its layout
/// and the text it was parsed from), read and edited only through the core's model, graph and
/// editing API. The designer's own state (selection, undo history, source positions) lives in
/// ``AppState``; this type adds no model of its own.
public struct DesignDocument: Equatable, Sendable {
    /// The core workflow.
    public var workflow: Workflow

    /// Wraps a core workflow.
    public init(workflow: Workflow) { self.workflow = workflow }

    /// Wraps a JSON tree.
    public init(root: JSONValue, format: JSONFormat = .canonical) {
        workflow = Workflow(document: JSONDocument(root: root, format: format))
    }

    /// Parses a workflow file's text (once; the parse also answers source positions).
    public init(text: String) throws(JSONParseError) {
        workflow = try Workflow(text: text)
    }

    /// The whole workflow as JSON.
    public var root: JSONValue {
        get { workflow.document.root }
        set { workflow.document.root = newValue }
    }

    /// How the file was laid out, so a save keeps its indentation.
    public var format: JSONFormat {
        get { workflow.document.format }
        set { workflow.document.format = newValue }
    }

    /// Two documents are equal when they would save the same text.
    public static func == (a: DesignDocument, b: DesignDocument) -> Bool { a.format == b.format && a.root == b.root }

    /// The text a save writes.
    public var text: String { JSONPrinter.print(root, format: format) }

    /// Action names in file order (the core's reading: a repeated key once).
    public var actionNames: [String] { workflow.actionNames }
    /// Compute server names in file order.
    public var serverNames: [String] { workflow.computeServerNames }
    /// Data store names in file order.
    public var storeNames: [String] { workflow.dataStoreNames }

    /// The action's JSON object.
    public func action(_ name: String) -> JSONObject? { root[WorkflowKey.actionList]?[name]?.objectValue }
    /// The server's JSON object.
    public func server(_ name: String) -> JSONObject? { root[WorkflowKey.computeServers]?[name]?.objectValue }
    /// The store's JSON object.
    public func store(_ name: String) -> JSONObject? { root[WorkflowKey.dataStores]?[name]?.objectValue }

    /// The outgoing edges of an action, in `InvokeNext` order, as FaaSrCore parses them (a
    /// conditional object gives its `True` targets, then its `False` targets).
    public func edges(of action: String) -> [WorkflowEdge] {
        guard let a = workflow.action(named: action) else { return [] }
        return a.successors.map { WorkflowEdge(from: action, to: $0.name, branch: $0.branch, rank: $0.rank, raw: $0.raw, pointer: $0.pointer) }
    }

    /// The entry action (`FunctionInvoke`).
    public var entry: String? { root[WorkflowKey.functionInvoke]?.stringValue }

    /// A top-level string value.
    public func string(_ key: String) -> String? { root[key]?.stringValue }

    /// Pointer to an action.
    public static func actionPointer(_ name: String) -> JSONPointer { JSONPointer(tokens: [WorkflowKey.actionList, name]) }
    /// Pointer to a server.
    public static func serverPointer(_ name: String) -> JSONPointer { JSONPointer(tokens: [WorkflowKey.computeServers, name]) }
    /// Pointer to a store.
    public static func storePointer(_ name: String) -> JSONPointer { JSONPointer(tokens: [WorkflowKey.dataStores, name]) }

    /// Actions whose `InvokeNext` names `target`.
    public func predecessors(of target: String) -> [String] {
        actionNames.filter { a in edges(of: a).contains { $0.to == target } }
    }

    /// A new workflow with the web builder's defaults (a GitHub Actions server `GH`, a data
    /// store `S3`, no actions).
    public static func template(name: String = "unnamed-workflow") -> DesignDocument {
        let root: JSONValue = [
            "ActionList": [:],
            "ComputeServers": ["GH": FaaSTypeDefaults.newServer("GitHubActions")],
            "DataStores": ["S3": ["Endpoint": "", "Bucket": "", "Region": "us-east-1", "Writable": "TRUE"]],
            "FunctionInvoke": "",
            "DefaultDataStore": "S3",
            "FaaSrLog": "FaaSrLog",
            "LoggingDataStore": "S3",
            "WorkflowName": .string(name),
        ]
        return DesignDocument(root: root)
    }
}
