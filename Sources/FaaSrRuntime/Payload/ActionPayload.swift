import FaaSrCore
import Foundation

/// The effective workflow of one action: the fetched workflow with every OVERWRITTEN key
/// replacing the same top-level key (FaaSr's `FaaSrPayload`).
///
/// Every key set through ``set(_:_:)`` lands in ``overwritten`` and is therefore forwarded to
/// all successors, as in FaaSr.
public struct ActionPayload: Sendable {
    /// The workflow as fetched (after secrets were filled in).
    public var base: JSONObject
    /// The top-level keys that override ``base``, forwarded to successors.
    public private(set) var overwritten: JSONObject
    /// Where the workflow came from (`PAYLOAD_URL`, a path or a URL); forwarded to successors.
    public var payloadURL: String

    /// Creates a payload from a fetched workflow and the OVERWRITTEN map.
    public init(base: JSONObject, overwritten: JSONObject, payloadURL: String) {
        self.base = base
        self.overwritten = overwritten
        self.payloadURL = payloadURL
    }

    /// The value of a top-level key (OVERWRITTEN first).
    public subscript(key: String) -> JSONValue? {
        if overwritten.contains(key) { return overwritten[key] }
        return base[key]
    }

    /// A string top-level value.
    public func string(_ key: String) -> String? { self[key]?.stringValue }

    /// Sets a top-level key; it is forwarded to successors.
    public mutating func set(_ key: String, _ value: JSONValue?) {
        if let value {
            overwritten[key] = value
        } else {
            overwritten[key] = nil
            base[key] = nil
        }
    }

    /// The merged workflow as one object (base order, then new keys).
    public var effective: JSONObject {
        var result = base
        for m in overwritten.members { result[m.key] = m.value }
        return result
    }

    /// The effective workflow as the core model: the fetched workflow with OVERWRITTEN
    /// applied as an overlay. Its graph, actions and `InvokeNext` are read with the same
    /// parser as validation, the designer and the CLI use.
    public var workflow: Workflow { Workflow(root: .object(effective)) }

    /// The action this process runs (`FunctionInvoke`).
    public var functionInvoke: String { string("FunctionInvoke") ?? "" }

    /// The rank of this copy, when it is one of N > 1 copies.
    public var functionRank: Int? {
        guard let v = self["FunctionRank"] else { return nil }
        switch v {
        case .number(let n): return n.intValue ?? Int(n.doubleValue)
        case .string(let s): return Int(s)
        default: return nil
        }
    }

    /// `ActionList`.
    public var actionList: JSONObject { self["ActionList"]?.objectValue ?? JSONObject() }
    /// `DataStores`.
    public var dataStores: JSONObject { self["DataStores"]?.objectValue ?? JSONObject() }
    /// `ComputeServers`.
    public var computeServers: JSONObject { self["ComputeServers"]?.objectValue ?? JSONObject() }
    /// The running action's entry in `ActionList`.
    public var currentAction: JSONObject? { actionList.object(functionInvoke) }

    /// `DefaultDataStore`.
    public var defaultDataStore: String { string("DefaultDataStore") ?? "" }

    /// `LoggingDataStore`, falling back to `DefaultDataStore` when null, absent or empty
    /// (FaaSr raises on absent; spec/runtime.md §1.8 REC).
    public var loggingDataStore: String {
        if let s = string("LoggingDataStore"), !s.isEmpty { return s }
        return defaultDataStore
    }

    /// `FaaSrLog`, `"FaaSrLog"` when null, absent or empty.
    public var faasrLog: String {
        if let s = string("FaaSrLog"), !s.isEmpty { return s }
        return "FaaSrLog"
    }

    /// `{FaaSrLog}/{WorkflowName}/{InvocationTimestamp}/{InvocationID}`.
    public var invocationFolder: String {
        [faasrLog, string("WorkflowName") ?? "", string("InvocationTimestamp") ?? "",
         string("InvocationID") ?? ""].joined(separator: "/")
    }

    /// The log file name: `{Action}.txt` or `{Action}({rank}).txt`.
    public var logFileName: String {
        if let r = functionRank { return "\(functionInvoke)(\(r)).txt" }
        return "\(functionInvoke).txt"
    }

    /// The completion marker key of this action (or rank).
    public var doneKey: String {
        let name = functionRank.map { "\(functionInvoke).\($0)" } ?? functionInvoke
        return "\(invocationFolder)/function_completions/\(name).done"
    }
}
