import Foundation

/// The summary `faasr local` prints at the end.
public enum LocalSummaryText {
    /// A table of actions with states and times, then where outputs and logs are.
    public static func render(_ s: LocalRun.Summary, storeDirectory: URL?, runDirectory: URL) -> String {
        var lines: [String] = []
        lines.append("")
        lines.append(s.succeeded ? "Workflow finished in \(String(format: "%.2f", s.seconds)) s" : "Workflow FAILED after \(String(format: "%.2f", s.seconds)) s")
        let width = max(8, s.rows.map(\.action.count).max() ?? 8)
        for r in s.rows {
            let name = r.action.padding(toLength: width, withPad: " ", startingAt: 0)
            var t = ""
            if let a = r.startTime, let b = r.endTime { t = String(format: "%6.2fs → %6.2fs", a, b) }
            let copies = r.expected > 1 ? " (\(r.finished)/\(r.expected) copies)" : ""
            lines.append("  \(name)  \(r.state.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)) \(t)\(copies)\(r.message.map { "  — \($0)" } ?? "")")
        }
        if let id = s.invocationID { lines.append("InvocationID \(id), timestamp \(s.invocationTimestamp ?? "?")") }
        if let storeDirectory {
            lines.append("Outputs and logs: \(storeDirectory.path)/<data store>/")
            if let id = s.invocationID, let ts = s.invocationTimestamp {
                lines.append("Logs of this run: under FaaSrLog/<workflow>/\(ts)/\(id)/ in the logging store")
            }
        }
        lines.append("Working directories: \(runDirectory.path)/actions/")
        return lines.joined(separator: "\n")
    }
}
