import FaaSrCore

/// How one action ended.
public struct ActionOutcome: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable {
        /// The user function ran and succeeded.
        case succeeded
        /// A fan-in contender that did not run the join (a predecessor missing, or lost the
        /// election): a clean exit 0, as FaaSr.
        case aborted
        /// Anything else.
        case failed
    }
    /// What happened.
    public var kind: Kind
    /// The function's result (true/false/null).
    public var result: Bool?
    /// Why it failed or aborted.
    public var message: String?
    /// The effective InvocationID.
    public var invocationID: String?
    /// The effective InvocationTimestamp.
    public var invocationTimestamp: String?
    /// Where the action's log was written (store name and key), when it was.
    public var logKey: String?
    /// How many successor invocations were sent.
    public var triggered: Int

    /// FaaSr's exit code: 0 for success and clean fan-in aborts, 1 for failure.
    public var exitCode: Int32 { kind == .failed ? 1 : 0 }
}

extension ActionOutcome {
    /// The outcome as a JSON object (the `--status-file` of `faasr run`).
    public var jsonText: String {
        var o = JSONObject()
        o["kind"] = .string(kind.rawValue)
        o["exitCode"] = .number(JSONNumber(Int(exitCode)))
        o["result"] = result.map(JSONValue.bool) ?? .null
        o["message"] = message.map(JSONValue.string) ?? .null
        o["invocationID"] = invocationID.map(JSONValue.string) ?? .null
        o["invocationTimestamp"] = invocationTimestamp.map(JSONValue.string) ?? .null
        o["logKey"] = logKey.map(JSONValue.string) ?? .null
        o["triggered"] = .number(JSONNumber(triggered))
        return JSONValue.object(o).compactText
    }
}
