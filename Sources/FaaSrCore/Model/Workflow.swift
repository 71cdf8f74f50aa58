/// A FaaSr workflow: a lossless ``JSONDocument`` with typed read access to every 2.x field.
///
/// `Workflow` is a value: edits (see `Sources/FaaSrCore/Editing`) return a changed copy and
/// keep every unknown key, the key order and number spellings. Reads never fail: a field that
/// is absent or has the wrong type reads as nil (the validator reports why).
public struct Workflow: Sendable {
    /// The underlying document (tree, layout and source locations).
    public var document: JSONDocument

    /// Wraps a loaded document.
    public init(document: JSONDocument) { self.document = document }

    /// Parses a workflow text.
    public init(text: String) throws(JSONParseError) { document = try JSONDocument(text: text) }

    /// Parses workflow bytes (UTF-8).
    public init(bytes: [UInt8]) throws(JSONParseError) { document = try JSONDocument(bytes: bytes) }

    /// A workflow built in memory from a JSON value.
    public init(root: JSONValue) { document = JSONDocument(root: root) }

    /// The top-level object (empty when the document is not an object).
    public var root: JSONObject { document.root.objectValue ?? JSONObject() }

    /// Whether the document's top level is an object.
    public var isObject: Bool { document.root.objectValue != nil }

    /// The raw value of a top-level key.
    public subscript(key: String) -> JSONValue? { root[key] }

    /// The value at a pointer.
    public func value(at pointer: JSONPointer) -> JSONValue? { document.root.value(at: pointer) }

    /// Where the value at `pointer` was in the source (or its nearest ancestor), if loaded from text.
    public func location(of pointer: JSONPointer) -> SourceLocation? { document.location(of: pointer) }

    private func string(_ key: String) -> String? { root[key]?.stringValue }

    // MARK: Top-level scalars

    /// `FunctionInvoke`: the entry action.
    public var functionInvoke: String? { string(WorkflowKey.functionInvoke) }
    /// `WorkflowName`.
    public var workflowName: String? { string(WorkflowKey.workflowName) }
    /// `DefaultDataStore`.
    public var defaultDataStore: String? { string(WorkflowKey.defaultDataStore) }
    /// `LoggingDataStore` as written (may be absent or null).
    public var loggingDataStore: String? { string(WorkflowKey.loggingDataStore) }
    /// The store logs go to: `LoggingDataStore`, or `DefaultDataStore` when it is absent or
    /// null (spec/runtime.md §1.8 recommendation).
    public var effectiveLoggingDataStore: String? { loggingDataStore ?? defaultDataStore }
    /// `FaaSrLog` as written.
    public var faasrLog: String? { string(WorkflowKey.faasrLog) }
    /// The log folder FaaSr uses: `FaaSrLog`, or `"FaaSrLog"` when absent, null or empty.
    public var effectiveFaaSrLog: String {
        if let s = faasrLog, !s.isEmpty { return s }
        return "FaaSrLog"
    }
    /// `InvocationID`.
    public var invocationID: String? { string(WorkflowKey.invocationID) }
    /// `InvocationIDFromDate` (an strftime format).
    public var invocationIDFromDate: String? { string(WorkflowKey.invocationIDFromDate) }
    /// `InvocationTimestamp`.
    public var invocationTimestamp: String? { string(WorkflowKey.invocationTimestamp) }
    /// `FunctionRank`.
    public var functionRank: Int? { root[WorkflowKey.functionRank]?.numberValue?.intValue }
    /// `RerunOnMatchedInvocationID`.
    public var rerunOnMatchedInvocationID: Bool? { root[WorkflowKey.rerunOnMatchedInvocationID]?.boolValue }
    /// `Secrets`: user secret names (non-strings skipped).
    public var secrets: [String]? { root[WorkflowKey.secrets]?.arrayValue?.compactMap(\.stringValue) }

    // MARK: Named maps

    /// The members of a top-level object with each repeated key once, at its first place and
    /// with its last value (what Python's `json` gives FaaSr). Linear time.
    func uniqueMembers(_ key: String) -> [(name: String, value: JSONValue)] {
        guard let o = root[key]?.objectValue else { return [] }
        var position: [String: Int] = [:]
        var out: [(name: String, value: JSONValue)] = []
        out.reserveCapacity(o.count)
        for m in o.members {
            if let i = position[m.key] {
                out[i].value = m.value
            } else {
                position[m.key] = out.count
                out.append((m.key, m.value))
            }
        }
        return out
    }

    /// The unique keys of a top-level object, in first-appearance order.
    private func uniqueKeys(_ key: String) -> [String] {
        guard let o = root[key]?.objectValue else { return [] }
        var seen = Set<String>(), out: [String] = []
        for k in o.keys where seen.insert(k).inserted { out.append(k) }
        return out
    }

    /// The action names, in `ActionList` order (a repeated key listed once, at its first place,
    /// with its last value, as FaaSr's JSON reader sees it).
    public var actionNames: [String] { uniqueKeys(WorkflowKey.actionList) }
    /// Every action, in `ActionList` order.
    public var actions: [Action] { uniqueMembers(WorkflowKey.actionList).map { Action(name: $0.name, value: $0.value) } }
    /// The action named `name`.
    public func action(named name: String) -> Action? {
        guard let v = root[WorkflowKey.actionList]?.objectValue?[name] else { return nil }
        return Action(name: name, value: v)
    }

    /// The compute server names, in order.
    public var computeServerNames: [String] { uniqueKeys(WorkflowKey.computeServers) }
    /// Every compute server, in order.
    public var computeServers: [ComputeServer] {
        uniqueMembers(WorkflowKey.computeServers).map { ComputeServer(name: $0.name, value: $0.value) }
    }
    /// The compute server named `name`.
    public func computeServer(named name: String) -> ComputeServer? {
        guard let v = root[WorkflowKey.computeServers]?.objectValue?[name] else { return nil }
        return ComputeServer(name: name, value: v)
    }

    /// The data store names, in order.
    public var dataStoreNames: [String] { uniqueKeys(WorkflowKey.dataStores) }
    /// Every data store, in order.
    public var dataStores: [DataStore] {
        uniqueMembers(WorkflowKey.dataStores).map { DataStore(name: $0.name, value: $0.value) }
    }
    /// The data store named `name`.
    public func dataStore(named name: String) -> DataStore? {
        guard let v = root[WorkflowKey.dataStores]?.objectValue?[name] else { return nil }
        return DataStore(name: name, value: v)
    }

    /// `VMConfig`, when present and an object.
    public var vmConfig: VMConfig? { root[WorkflowKey.vmConfig]?.objectValue.map(VMConfig.init(object:)) }

    /// `ActionContainers`: container image per action name, in order.
    public var actionContainers: [NamedStrings] { NamedStrings.entries(of: root, key: WorkflowKey.actionContainers) }
    /// The container image for action `name`.
    public func actionContainer(for name: String) -> String? {
        root[WorkflowKey.actionContainers]?.objectValue?[name]?.stringValue
    }

    /// `FunctionGitRepo`: code location(s) per function name.
    public var functionGitRepo: [NamedStrings] { NamedStrings.entries(of: root, key: WorkflowKey.functionGitRepo) }
    /// `FunctionLocalFile`: code baked into the container, per function name.
    public var functionLocalFile: [NamedStrings] { NamedStrings.entries(of: root, key: WorkflowKey.functionLocalFile) }
    /// `FunctionCRANPackage`.
    public var functionCRANPackage: [NamedStrings] { NamedStrings.entries(of: root, key: WorkflowKey.functionCRANPackage) }
    /// `FunctionGitHubPackage`.
    public var functionGitHubPackage: [NamedStrings] { NamedStrings.entries(of: root, key: WorkflowKey.functionGitHubPackage) }
    /// `PyPIPackageDownloads`.
    public var pyPIPackageDownloads: [NamedStrings] { NamedStrings.entries(of: root, key: WorkflowKey.pyPIPackageDownloads) }
    /// `PythonPackageGitHub` (schema only).
    public var pythonPackageGitHub: [NamedStrings] { NamedStrings.entries(of: root, key: WorkflowKey.pythonPackageGitHub) }
    /// `PythonCondaPackage` (schema only).
    public var pythonCondaPackage: [NamedStrings] { NamedStrings.entries(of: root, key: WorkflowKey.pythonCondaPackage) }
    /// Any function-keyed map by its top-level key (one of ``WorkflowKey/functionMaps``).
    public func functionMap(_ key: String) -> [NamedStrings] { NamedStrings.entries(of: root, key: key) }

    // MARK: Derived

    /// The function names used by actions, in first-use order.
    public var functionNames: [String] {
        var seen = Set<String>(), out: [String] = []
        for a in actions { if let f = a.functionName, seen.insert(f).inserted { out.append(f) } }
        return out
    }

    /// The workflow's graph of actions (computed on each call; cheap).
    public var graph: WorkflowGraph { WorkflowGraph(self) }

    // MARK: Output

    /// The text in the canonical style (2-space indent, final newline).
    public func serializedCanonical() -> String { document.serializedCanonical() }
    /// The text in the original file's layout.
    public func serializedPreservingLayout() -> String { document.serializedPreservingLayout() }
}
