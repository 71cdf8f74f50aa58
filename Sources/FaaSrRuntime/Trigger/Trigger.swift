import FaaSrCore
@_exported import FaaSrPlatformAPI
import Foundation

/// Builds the trigger requests for a finished action.
enum Successors {
    /// The successors to start for `result`, in InvokeNext order; a conditional with a null
    /// result is an error, a missing branch is empty (FaaSr crashes there).
    static func targets(of action: String, in workflow: Workflow, result: Bool?) throws -> [Successor] {
        let next = workflow.action(named: action)?.invokeNext ?? .absent
        if result == nil, next.hasConditional {
            throw RuntimeFailure("InvokeNext contains conditionals but function did not return a value (return True or False)")
        }
        var out: [Successor] = []
        for item in next.items {
            switch item {
            case .successor(let s): out.append(s)
            case .conditional(let t, let f, _): out += (result == true ? t : f) ?? []
            case .other: break
            }
        }
        return out
    }

    /// The requests for one target: N copies with ranks 1...N, or one without a rank.
    static func requests(for target: Successor, payload: ActionPayload) throws -> [TriggerRequest] {
        guard let entry = payload.actionList.object(target.name) else {
            throw RuntimeFailure("InvokeNext names \(target.name), which is not an action")
        }
        let serverName = entry.string("FaaSServer") ?? ""
        guard let server = payload.computeServers.object(serverName) else {
            throw RuntimeFailure("invalid server name: \(target.name) runs on '\(serverName)', which is not a key of ComputeServers")
        }
        let workflow = payload.string("WorkflowName") ?? ""
        var out: [TriggerRequest] = []
        for rank in 1...max(1, target.copies) {
            var over = payload.overwritten
            over["FunctionInvoke"] = .string(target.name)
            if target.copies > 1 { over["FunctionRank"] = .number(JSONNumber(rank)) } else { over["FunctionRank"] = nil }
            let type = server.string("FaaSType") ?? ""
            if (server["UseSecretStore"]?.isTruthy ?? false) && PlatformFacts.named(type)?.payloadDelivery != .actionParameters {
                over["ComputeServers"] = nil
                over["DataStores"] = nil
            } else {
                over["ComputeServers"] = .object(payload.computeServers)
                over["DataStores"] = .object(payload.dataStores)
            }
            out.append(TriggerRequest(action: target.name, rank: target.copies > 1 ? rank : nil, serverName: serverName,
                                      server: server, overwritten: over, payloadURL: payload.payloadURL,
                                      functionName: "\(workflow)-\(target.name)", resources: entry.object("Resources"),
                                      container: payload["ActionContainers"]?.objectValue?.string(target.name),
                                      type: entry.string("Type")))
        }
        return out
    }
}

/// Starts successors on this machine: each request becomes a file in a queue folder that
/// `faasr local` watches and turns into a `faasr run` process.
public struct LocalTrigger: Trigger {
    /// The queue folder.
    public let queue: URL
    /// Creates a trigger writing into `queue`.
    public init(queue: URL) { self.queue = queue }

    public func trigger(_ request: TriggerRequest) async throws {
        try FileManager.default.createDirectory(at: queue, withIntermediateDirectories: true)
        let body = JSONValue.object(JSONObject([
            .init(key: "PAYLOAD_URL", value: .string(request.payloadURL)),
            .init(key: "OVERWRITTEN", value: .object(request.overwritten)),
        ])).compactText
        let name = "\(Date().timeIntervalSince1970)-\(UUID().uuidString)"
        let tmp = queue.appendingPathComponent(".\(name).tmp")
        try Data(body.utf8).write(to: tmp)
        try FileManager.default.moveItem(at: tmp, to: queue.appendingPathComponent("\(name).json"))
    }
}
