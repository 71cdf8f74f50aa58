import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import Foundation

/// `faasr timer set|unset`: a schedule that starts a new invocation of a registered workflow
/// at its entry action (each firing gets its own InvocationID, as FaaSr's GitHub timer).
public enum TimerControl {
    /// The timer request for `target` (`--target`, default the entry; a rank suffix `(N)` is dropped).
    public static func request(_ target: ControlTarget, cron: String, action: String?) async throws -> (TimerRequest, any ComputePlatform) {
        do { _ = try CronSchedule(cron) } catch { throw ControlError("--cron \(error)", hint: "e.g. --cron '*/10 * * * *' (every 10 minutes, UTC)") }
        var name = action ?? target.workflow.functionInvoke ?? ""
        if let paren = name.firstIndex(of: "(") { name = String(name[..<paren]) }
        guard let entry = target.workflow.action(named: name) else {
            throw ControlError("there is no action named '\(name)'", hint: "use one of: \(target.workflow.actionNames.joined(separator: ", "))")
        }
        let predecessors = target.workflow.graph.predecessors(of: name)
        guard predecessors.isEmpty else {
            throw ControlError("\(name) runs after \(predecessors.joined(separator: ", ")); a timer starts a new invocation, which begins at an action without predecessors",
                               hint: "leave out --target to use the entry action \(target.workflow.functionInvoke ?? "")")
        }
        guard let serverName = entry.faasServer, let server = target.workflow.computeServer(named: serverName) else {
            throw ControlError("\(name) has no compute server", hint: "set its FaaSServer")
        }
        try target.requireSecrets(for: [server])
        let (payloadURL, _) = try await Registration.registered(target)
        var over = JSONObject([.init(key: "FunctionInvoke", value: .string(name))])
        let request = try Invocation.entryRequest(target, action: name, server: server, overwritten: &over, payloadURL: payloadURL)
        return (TimerRequest(cron: cron, request: request), try target.platform(server))
    }
}
