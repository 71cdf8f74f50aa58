import FaaSrCore
import FaaSrRuntime
import FaaSrStorage
import Foundation

/// One action (or one rank of a ranked action) of an invocation, as the logging store tells.
public struct ActionStatus: Sendable, Codable, Equatable {
    /// Where it is.
    public enum State: String, Sendable, Codable { case waiting, running, done, failed, skipped }
    /// The action's name.
    public var action: String
    /// Its rank, for N > 1 copies.
    public var rank: Int?
    /// Where it is.
    public var state: State
    /// The compute server.
    public var server: String
    /// The platform it ran on (from its job record).
    public var platform: String?
    /// The platform's job or run id.
    public var jobID: String?
    /// When its function started (ISO 8601).
    public var started: String?
    /// When it ended: its log's time (ISO 8601).
    public var ended: String?

    /// `name` or `name(rank)`.
    public var label: String { rank.map { "\(action)(\($0))" } ?? action }
}

/// An invocation's state, read from the logging store (spec/runtime.md: `.done` markers,
/// `{Action}.txt` logs) plus the job records actions write (`platform_jobs/`): done = its
/// `.done` marker; failed = a log but no marker; running = a job record only; skipped = every
/// predecessor finished and none triggered it (a branch not taken, or a failure upstream);
/// failed also when a predecessor logged that its trigger was refused.
public struct InvocationReport: Sendable, Codable {
    /// `WorkflowName`.
    public var workflow: String
    /// `InvocationID`.
    public var invocationID: String
    /// `InvocationTimestamp`.
    public var timestamp: String
    /// The invocation's folder in the logging store.
    public var folder: String
    /// Every action (rank), in ActionList order.
    public var actions: [ActionStatus]

    /// Every action ended (done, failed or skipped).
    public var finished: Bool { actions.allSatisfy { $0.state != .waiting && $0.state != .running } }
    /// Some action failed.
    public var failed: Bool { actions.contains { $0.state == .failed } }

    /// Reads the state of invocation `id` at `timestamp`.
    public static func read(_ target: ControlTarget, store: any ObjectStore, timestamp: String, id: String) async throws -> InvocationReport {
        let folder = "\(target.logRoot)/\(timestamp)/\(id)"
        let listing = try await store.list(prefix: folder + "/")
        var objects: [String: ObjectInfo] = [:]
        for o in listing.objects { objects[String(o.key.dropFirst(folder.count + 1))] = o }
        let workflow = target.workflow
        let graph = workflow.graph
        var logs: [String: String] = [:]
        func log(_ name: String) async -> String? {
            if let cached = logs[name] { return cached }
            guard objects[name] != nil, let data = try? await store.getData("\(folder)/\(name)") else { return nil }
            let text = String(decoding: data, as: UTF8.self)
            logs[name] = text
            return text
        }
        func units(_ action: String) -> [Int?] {
            let n = graph.rank(of: action) ?? 1
            return n > 1 ? Array(1...n) : [nil]
        }
        var memo: [String: [ActionStatus]] = [:]
        func status(_ action: String, depth: Int = 0) async -> [ActionStatus] {
            if let known = memo[action] { return known }
            let server = workflow.action(named: action)?.faasServer ?? ""
            var out: [ActionStatus] = []
            for rank in units(action) {
                var s = ActionStatus(action: action, rank: rank, state: .waiting, server: server)
                let unit = rank.map { "\(action).\($0)" } ?? action
                let logName = rank.map { "\(action)(\($0)).txt" } ?? "\(action).txt"
                if let marker = objects["\(JobMarker.folder)/\(unit).json"],
                   let data = try? await store.getData(marker.key), let record = (try? JSONParser.parse(Array(data)))?.objectValue {
                    s.platform = record["Platform"]?.stringValue
                    s.jobID = record["JobID"]?.stringValue
                    s.started = record["Started"]?.stringValue
                    s.state = .running
                }
                let done = objects["function_completions/\(unit).done"]
                let logInfo = objects[logName]
                if done != nil { s.state = .done } else if logInfo != nil { s.state = .failed }
                s.ended = (logInfo ?? done)?.lastModified.map { ISO8601DateFormatter().string(from: $0) }
                if s.state == .waiting, depth < 10_000 {
                    let preds = graph.predecessors(of: action)
                    if !preds.isEmpty {
                        var allFinished = true, triggered = false, refused = false
                        for p in preds {
                            for ps in await status(p, depth: depth + 1) {
                                switch ps.state {
                                case .skipped: continue
                                case .waiting, .running: allFinished = false
                                case .done, .failed:
                                    let text = await log(ps.rank.map { "\(p)(\($0)).txt" } ?? "\(p).txt")
                                    if text == nil { allFinished = false }
                                    let lines = text?.split(separator: "\n") ?? []
                                    if lines.contains(where: { Self.line($0, triggers: action) }) { triggered = true }
                                    if lines.contains(where: { Self.line($0, couldNotTrigger: action) }) { refused = true }
                                }
                            }
                        }
                        // Not started: a branch not taken, unless a predecessor's trigger was refused.
                        if allFinished && !triggered { s.state = refused ? .failed : .skipped }
                    }
                }
                out.append(s)
            }
            memo[action] = out
            return out
        }
        var actions: [ActionStatus] = []
        for name in workflow.actionNames { actions += await status(name) }
        return InvocationReport(workflow: target.name, invocationID: id, timestamp: timestamp, folder: folder, actions: actions)
    }

    /// Whether a log line records a refused trigger of `action` (`could not trigger join: …`).
    static func line(_ line: Substring, couldNotTrigger action: String) -> Bool {
        guard let r = line.range(of: "could not trigger \(action)") else { return false }
        return line[r.upperBound...].first.map { $0 == ":" || $0 == "(" } ?? true
    }

    /// Whether a log line records triggering `action` (`triggered join`, `triggered work(2)`).
    static func line(_ line: Substring, triggers action: String) -> Bool {
        guard let r = line.range(of: "triggered \(action)") else { return false }
        let rest = line[r.upperBound...]
        return rest.isEmpty || rest.first == "(" || rest.first == " "
    }

    /// The timestamp of invocation `id`, or of the latest invocation when `id` is nil.
    public static func locate(_ target: ControlTarget, store: any ObjectStore, id: String?) async throws -> (timestamp: String, id: String) {
        let root = target.logRoot + "/"
        for stamp in try await InvocationListing.timestamps(target, store: store).reversed() {
            let ids = try await InvocationListing.ids(target, store: store, timestamp: stamp)
            if let id {
                if ids.contains(id) { return (stamp, id) }
            } else if let last = ids.last {
                return (stamp, last)
            }
        }
        if let id {
            throw ControlError("no invocation \(id) of \(target.name) in the logging store (under \(root))", hint: "run faasr status \(target.path) to see the latest one")
        }
        throw ControlError("\(target.name) has no invocations in the logging store yet (under \(root))", hint: "start one with faasr invoke \(target.path)")
    }
}
