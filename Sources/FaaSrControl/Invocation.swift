import FaaSrCore
import FaaSrPlatformAPI
import FaaSrRuntime
import Foundation

/// `faasr invoke`: starts the entry action as FaaSr's invoke does (spec/platforms.md §2, §3),
/// through the same platform code actions use to trigger their successors. Unlike FaaSr,
/// invoke makes the InvocationID and InvocationTimestamp itself and passes them in OVERWRITTEN
/// (the runtime keeps values it is given), so it can print the ID and follow the run.
public struct Invocation: Sendable {
    /// `InvocationID`.
    public var id: String
    /// `InvocationTimestamp` (`%Y-%m-%dT%H-%M-%S`, UTC).
    public var timestamp: String
    /// The entry action.
    public var entry: String
    /// The platform's answer for the entry action.
    public var receipt: TriggerReceipt
    /// Things the user should know (e.g. the file changed since register).
    public var warnings: [String]

    /// Starts a new invocation of a registered workflow.
    public static func start(_ target: ControlTarget, now: Date = Date()) async throws -> Invocation {
        let workflow = target.workflow
        guard let entry = workflow.functionInvoke, let action = workflow.action(named: entry) else {
            throw ControlError("the workflow has no entry action", hint: "set FunctionInvoke to an action of ActionList")
        }
        guard let serverName = action.faasServer, let server = workflow.computeServer(named: serverName) else {
            throw ControlError("the entry action \(entry) has no compute server", hint: "set its FaaSServer to one of ComputeServers")
        }
        try target.requireSecrets(for: [server])
        let (payloadURL, _) = try await Registration.registered(target)
        var warnings: [String] = []
        if let copy = try? await target.logStore().getData(Registration.copyKey(target)),
           copy != FileManager.default.contents(atPath: target.path) {
            warnings.append("\(target.path) changed since it was registered; actions run the registered copy (run faasr register to deploy the change)")
        }
        let timestamp = InvocationIdentity.timestamp(now)
        var id = (workflow.invocationID ?? "").trimmingCharacters(in: .whitespaces)
        if id.isEmpty {
            if let format = workflow.invocationIDFromDate, !format.isEmpty {
                do { id = try InvocationIdentity.id(fromDate: timestamp, format: format) } catch { throw ControlError("\(error)") }
            } else {
                id = UUID().uuidString.lowercased()
            }
        }
        var over = JSONObject([
            .init(key: "FunctionInvoke", value: .string(entry)),
            .init(key: "InvocationID", value: .string(id)),
            .init(key: "InvocationTimestamp", value: .string(timestamp)),
        ])
        let request = try entryRequest(target, action: entry, server: server, overwritten: &over, payloadURL: payloadURL)
        let receipt: TriggerReceipt
        do { receipt = try await target.trigger.submit(request) } catch {
            throw ControlError("\(error)", hint: "the invocation did not start; fix this and run faasr invoke again")
        }
        return Invocation(id: id, timestamp: timestamp, entry: entry, receipt: receipt, warnings: warnings)
    }

    /// The request that starts `action`. When its server does not use a secret store, the
    /// servers and stores travel in OVERWRITTEN with their credentials filled in, as FaaSr sends them.
    static func entryRequest(_ target: ControlTarget, action: String, server: ComputeServer, overwritten: inout JSONObject,
                             payloadURL: String) throws -> TriggerRequest {
        let filled = filledServer(target, server)
        if server.useSecretStore != true {
            var servers = JSONObject()
            for s in target.workflow.computeServers { servers[s.name] = .object(filledServer(target, s)) }
            var stores = JSONObject()
            for d in target.workflow.dataStores {
                var o = d.object
                for field in ["AccessKey", "SecretKey"] where (o[field]?.stringValue ?? "").isEmpty {
                    if let v = target.secrets["\(d.name)_\(field)"] { o[field] = .string(v) }
                }
                stores[d.name] = .object(o)
            }
            overwritten["ComputeServers"] = .object(servers)
            overwritten["DataStores"] = .object(stores)
        }
        let entry = target.workflow.action(named: action)
        return TriggerRequest(action: action, rank: nil, serverName: server.name, server: filled, overwritten: overwritten,
                              payloadURL: payloadURL, functionName: "\(target.name)-\(action)",
                              resources: entry?.object["Resources"]?.objectValue,
                              container: target.workflow.actionContainer(for: action), type: entry?.typeText)
    }

    /// A server entry with its credential fields filled from the secrets.
    static func filledServer(_ target: ControlTarget, _ server: ComputeServer) -> JSONObject {
        var o = server.object
        for (field, suffix) in server.faasType?.secretFields ?? [] where (o[field]?.stringValue ?? "").isEmpty {
            if let v = target.secrets["\(server.name)_\(suffix)"] { o[field] = .string(v) }
        }
        return o
    }
}
