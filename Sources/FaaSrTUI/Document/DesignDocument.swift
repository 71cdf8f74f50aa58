import FaaSrCore

/// The workflow being designed: the JSON tree (order and spelling kept) plus the layout of
/// the file it came from. Reading helpers live here; edits in `DesignDocument+Edits.swift`.
public struct DesignDocument: Equatable, Sendable {
    /// The whole workflow as JSON.
    public var root: JSONValue
    /// How the file was laid out, so a save keeps its indentation.
    public var format: JSONFormat

    /// Wraps a JSON tree.
    public init(root: JSONValue, format: JSONFormat = .canonical) {
        self.root = root
        self.format = format
    }

    /// Parses a workflow file's text.
    public init(text: String) throws(JSONParseError) {
        let doc = try JSONDocument(text: text)
        self.init(root: doc.root, format: doc.format)
    }

    /// The text a save writes.
    public var text: String { JSONPrinter.print(root, format: format) }

    /// Top-level keys.
    public enum Key {
        public static let actionList = "ActionList"
        public static let computeServers = "ComputeServers"
        public static let dataStores = "DataStores"
        public static let functionInvoke = "FunctionInvoke"
        public static let workflowName = "WorkflowName"
        public static let defaultDataStore = "DefaultDataStore"
        public static let loggingDataStore = "LoggingDataStore"
        public static let faasrLog = "FaaSrLog"
        public static let invocationID = "InvocationID"
        public static let invocationIDFromDate = "InvocationIDFromDate"
        public static let actionContainers = "ActionContainers"
        public static let functionGitRepo = "FunctionGitRepo"
    }

    private func keys(_ table: String) -> [String] {
        var seen = Set<String>()
        return (root[table]?.objectValue?.keys ?? []).filter { seen.insert($0).inserted }
    }

    /// Action names in file order.
    public var actionNames: [String] { keys(Key.actionList) }
    /// Compute server names in file order.
    public var serverNames: [String] { keys(Key.computeServers) }
    /// Data store names in file order.
    public var storeNames: [String] { keys(Key.dataStores) }

    /// The action's JSON object.
    public func action(_ name: String) -> JSONObject? { root[Key.actionList]?[name]?.objectValue }
    /// The server's JSON object.
    public func server(_ name: String) -> JSONObject? { root[Key.computeServers]?[name]?.objectValue }
    /// The store's JSON object.
    public func store(_ name: String) -> JSONObject? { root[Key.dataStores]?[name]?.objectValue }

    /// The outgoing edges of an action, in list order.
    public func edges(of action: String) -> [Edge] { Edge.list(from: self.action(action)?["InvokeNext"]) }

    /// The entry action (`FunctionInvoke`).
    public var entry: String? { root[Key.functionInvoke]?.stringValue }

    /// A top-level string value.
    public func string(_ key: String) -> String? { root[key]?.stringValue }

    /// Pointer to an action.
    public static func actionPointer(_ name: String) -> JSONPointer { JSONPointer(tokens: [Key.actionList, name]) }
    /// Pointer to a server.
    public static func serverPointer(_ name: String) -> JSONPointer { JSONPointer(tokens: [Key.computeServers, name]) }
    /// Pointer to a store.
    public static func storePointer(_ name: String) -> JSONPointer { JSONPointer(tokens: [Key.dataStores, name]) }

    /// Actions whose `InvokeNext` names `target`.
    public func predecessors(of target: String) -> [String] {
        actionNames.filter { a in edges(of: a).contains { $0.target == target } }
    }

    /// A new workflow with the web builder's defaults (a GitHub Actions server `GH`, a data
    /// store `S3`, no actions).
    public static func template(name: String = "unnamed-workflow") -> DesignDocument {
        let root: JSONValue = [
            "ActionList": [:],
            "ComputeServers": ["GH": FaaSType.gitHubActions.facts.newServer],
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
