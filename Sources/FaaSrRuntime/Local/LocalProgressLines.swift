import Foundation

/// The progress of `faasr local` as lines (when its output is not a terminal): one line per
/// change of an action's state, copies finished or copies queued, stamped with the time of
/// that change and printed in the order the changes happened.
///
/// Snapshots reach ``lines(for:)`` from several tasks, so one taken earlier can arrive later;
/// each row carries the run's event number (``LocalRun/Row/sequence``), so only changes newer
/// than those already shown are printed, oldest first.
///
///     [   0.15s] split        running 1/3
///     [   0.39s] merge        running
///     [   1.02s] work         running 3/200, 4 running, 193 queued
public final class LocalProgressLines: @unchecked Sendable {
    private let lock = NSLock()
    private var shown: [String: String] = [:]
    private var seen: [String: Int] = [:]

    /// Creates a printer that has shown nothing yet.
    public init() {}

    /// What a row's line says after its time and name: the state, `finished/expected` for
    /// ranked actions, and the copies running and queued while some are queued.
    public static func status(_ r: LocalRun.Row) -> String {
        var text = r.state.rawValue
        if r.expected > 1 { text += " \(r.finished)/\(r.expected)" }
        if r.queued > 0 { text += (r.expected > 1 ? ", \(r.running) running" : "") + ", \(r.queued) queued" }
        return text
    }

    /// The lines for the changes in `rows` not shown yet, in the order they happened.
    public func lines(for rows: [LocalRun.Row]) -> [String] {
        lock.withLock {
            let fresh = rows.enumerated().filter { $0.element.sequence > (seen[$0.element.action] ?? -1) }
                .sorted { ($0.element.sequence, $0.offset) < ($1.element.sequence, $1.offset) }.map(\.element)
            var out: [String] = []
            for r in fresh {
                seen[r.action] = r.sequence
                let status = Self.status(r)
                if shown[r.action] == status { continue }
                shown[r.action] = status
                let name = r.action.padding(toLength: max(12, r.action.count), withPad: " ", startingAt: 0)
                out.append(String(format: "[%7.2fs] ", r.changedAt) + "\(name) \(status)")
            }
            return out
        }
    }
}
