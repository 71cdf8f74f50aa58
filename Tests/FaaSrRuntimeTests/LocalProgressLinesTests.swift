import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// Without a terminal, `faasr local` prints one line per change, stamped with the time of
/// that change, in the order the changes happened (issue 16: `[0.39s] merge running` used to
/// come before `[0.15s] split running 1/3`).
@Suite struct LocalProgressLinesTests {
    static func row(_ action: String, _ state: LocalRun.State, at time: Double, sequence: Int,
                    finished: Int = 0, expected: Int = 1, queued: Int = 0) -> LocalRun.Row {
        var r = LocalRun.Row(action: action, state: state, started: finished, finished: finished, expected: expected)
        r.changedAt = time
        r.sequence = sequence
        r.queued = queued
        return r
    }

    /// The times of `[   0.15s] name ...` lines.
    static func times(_ lines: [String]) -> [Double] {
        lines.compactMap { line in
            guard line.hasPrefix("["), let end = line.firstIndex(of: "s") else { return nil }
            return Double(line[line.index(after: line.startIndex)..<end].trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func linesFollowTheEventsNotTheActionList() {
        let view = LocalProgressLines()
        // ActionList order is split, merge; merge changed first (0.15 s), split later (0.39 s).
        let lines = view.lines(for: [
            Self.row("split", .running, at: 0.39, sequence: 7, finished: 1, expected: 3),
            Self.row("merge", .running, at: 0.15, sequence: 5),
        ])
        #expect(lines == ["[   0.15s] merge        running", "[   0.39s] split        running 1/3"])
    }

    @Test func anOlderSnapshotArrivingLateShowsNothing() {
        let view = LocalProgressLines()
        _ = view.lines(for: [Self.row("a", .done, at: 0.5, sequence: 9)])
        // A snapshot taken before: a's row is older than the one shown.
        #expect(view.lines(for: [Self.row("a", .running, at: 0.2, sequence: 4)]).isEmpty)
        let later = view.lines(for: [Self.row("a", .done, at: 0.5, sequence: 9), Self.row("b", .running, at: 0.6, sequence: 10)])
        #expect(later == ["[   0.60s] b            running"])
    }

    @Test func queuedCopiesAreShown() {
        let r = Self.row("work", .running, at: 1, sequence: 1, finished: 3, expected: 200, queued: 193)
        #expect(LocalProgressLines.status(r) == "running 3/200, 0 running, 193 queued")
        #expect(LocalProgressLines.status(Self.row("join", .waiting, at: 1, sequence: 1, queued: 1)) == "waiting, 1 queued")
        let table = LocalProgressTable.lines([r], elapsed: 2)
        #expect(table.count == 3 && table[1].contains("193") && table[2].contains("193 queued"), "\(table)")
    }

    /// Through the executable (its output is a pipe): every line's time is at least the one
    /// before, over a ranked fan-out whose copies queue behind `--jobs 2`.
    @Test func theExecutablePrintsLinesInTimeOrder() async throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = temporaryDirectory("lines")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try LocalJobsTests.fanOut(in: dir, copies: 5, seconds: 0.2)
        let r = try FaasrExecutable.run(["local", file.path, "--jobs", "2", "--store-dir", dir.appendingPathComponent("stores").path,
                                         "--run-dir", dir.appendingPathComponent("run").path], in: dir)
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init).filter { $0.hasPrefix("[") }
        let times = Self.times(lines)
        #expect(times.count == lines.count && times.count >= 8, "\(r.out)")
        #expect(times == times.sorted(), "lines out of time order:\n\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("work") && $0.contains("done 5/5") }, "\(r.out)")
    }
}
