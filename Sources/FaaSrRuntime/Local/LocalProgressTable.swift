import Foundation

/// The progress of `faasr local` on a terminal: one row per action, redrawn in place, with
/// its state, copies finished, running and queued, and its times.
///
///     action        state        copies    running  queued  time
///     start         done                                      0.00s → 0.31s
///     work          running      12/200          4     184    0.31s →
///     join          waiting
public enum LocalProgressTable {
    /// The table's lines for `rows` (ActionList order), `elapsed` seconds into the run.
    public static func lines(_ rows: [LocalRun.Row], elapsed: Double) -> [String] {
        let width = max(12, rows.map(\.action.count).max() ?? 12)
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        func right(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        var out = [pad("action", width) + "  " + pad("state", 17) + " " + right("copies", 9) + " " + right("running", 8)
                   + " " + right("queued", 7) + "  time"]
        for r in rows {
            let copies = r.expected > 1 ? "\(r.finished)/\(r.expected)" : ""
            let running = r.running > 0 ? "\(r.running)" : ""
            let queued = r.queued > 0 ? "\(r.queued)" : ""
            var time = ""
            if let a = r.startTime { time = String(format: "%.2fs → ", a) + (r.endTime.map { String(format: "%.2fs", $0) } ?? "") }
            out.append(pad(r.action, width) + "  " + pad(r.state.rawValue, 17) + " " + right(copies, 9) + " " + right(running, 8)
                       + " " + right(queued, 7) + "  " + time)
        }
        out.append(String(format: "%.1fs", elapsed) + "  \(rows.reduce(0) { $0 + $1.running }) running, "
                   + "\(rows.reduce(0) { $0 + $1.queued }) queued")
        return out
    }
}
