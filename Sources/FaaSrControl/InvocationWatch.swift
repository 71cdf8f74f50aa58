import FaaSrCore
import FaaSrPlatformAPI
import FaaSrStorage
import Foundation

/// Following an invocation until every action ends (`invoke --wait`, `logs --follow`).
public enum InvocationWatch {
    /// Polls the logging store every `interval` seconds, calling `progress` with each new
    /// report, until every action has ended or `timeout` passes. When the entry's job ends
    /// without the entry writing anything (a job that could not start the runtime), the entry
    /// is reported failed, with the platform's job state.
    public static func wait(_ target: ControlTarget, invocation: Invocation, timeout: TimeInterval, interval: TimeInterval = 1,
                            progress: @Sendable (InvocationReport) -> Void) async throws -> InvocationReport {
        let store = try target.logStore()
        let deadline = Date().addingTimeInterval(timeout)
        let platform = try target.workflow.action(named: invocation.entry)?.faasServer
            .flatMap { target.workflow.computeServer(named: $0) }.map { try target.platform($0) }
        var last: InvocationReport?
        var entryEndedAt: Date?
        while true {
            var report = try await InvocationReport.read(target, store: store, timestamp: invocation.timestamp, id: invocation.id)
            if let i = report.actions.firstIndex(where: { $0.action == invocation.entry }), report.actions[i].state == .waiting,
               let platform, let state = try? await platform.status(of: invocation.receipt),
               [.succeeded, .failed, .cancelled].contains(state) {
                // Give the store a moment: the job may have ended just after writing.
                let ended = entryEndedAt ?? Date()
                entryEndedAt = ended
                if Date().timeIntervalSince(ended) > 5 {
                    report.actions[i].state = .failed
                    report.actions[i].jobID = invocation.receipt.jobID
                    report.actions[i].platform = target.workflow.computeServer(named: report.actions[i].server)?.faasTypeText
                    for j in report.actions.indices where j != i && report.actions[j].state == .waiting { report.actions[j].state = .skipped }
                    progress(report)
                    throw ControlError("the entry action's job \(invocation.receipt.jobID ?? "?") on \(invocation.receipt.serverName) ended (\(state.rawValue)) without starting the action",
                                       hint: "read the job's output on the cluster ({WorkingDirectory}/\(target.name)-\(invocation.entry)-\(invocation.receipt.jobID ?? "ID").err); check FAASR_BIN or the container engine")
                }
            }
            if last.map({ $0.actions != report.actions }) ?? true { progress(report) }
            last = report
            if report.finished { return report }
            if Date() > deadline {
                throw ControlError("invocation \(invocation.id) did not finish within \(Int(timeout)) s",
                                   hint: "follow it with faasr status \(target.path) \(invocation.id)")
            }
            try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
        }
    }
}

/// Text for people.
public enum StatusText {
    /// The report as a table: action, state, server, platform job, start and end times.
    public static func table(_ r: InvocationReport) -> String {
        let done = r.actions.filter { $0.state == .done }.count
        var rows = [["ACTION", "STATE", "SERVER", "JOB", "STARTED", "ENDED"]]
        for a in r.actions {
            let job = a.jobID.map { "\(a.platform ?? "") \($0)".trimmingCharacters(in: .whitespaces) } ?? "-"
            rows.append([a.label, a.state.rawValue, a.server, job, a.started ?? "-", a.ended ?? "-"])
        }
        let widths = (0..<6).map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out = "\(r.workflow)  invocation \(r.invocationID)  (\(r.timestamp))  \(done)/\(r.actions.count) done\n"
        for row in rows {
            out += row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return out
    }

    /// The report as JSON.
    public static func json(_ r: InvocationReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(r)) ?? Data(), as: UTF8.self)
    }
}

/// The FaaSr logs of an invocation's actions (`{Action}.txt` in its folder).
public enum ActionLogs {
    /// Each action's (rank's) log that exists, in ActionList order; `only` picks one action.
    public static func read(_ target: ControlTarget, store: any ObjectStore, report: InvocationReport, only: String? = nil) async throws -> [(label: String, text: String)] {
        var out: [(String, String)] = []
        for a in report.actions where only == nil || a.action == only || a.label == only {
            let name = a.rank.map { "\(a.action)(\($0)).txt" } ?? "\(a.action).txt"
            let key = "\(report.folder)/\(name)"
            guard try await store.exists(key) else { continue }
            out.append((a.label, String(decoding: try await store.getData(key), as: UTF8.self)))
        }
        return out
    }
}
