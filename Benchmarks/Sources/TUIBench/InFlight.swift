// Keystroke → frame through the designer's real main loop (`Program`) while a background job
// is in flight: a local run streaming action events, or a monitor polling the logging store.
// The jobs run the `faasr` they are given; here small scripts stand in for `faasr local` (an
// endless event stream for every action) and `faasr status --json` (a report of every action,
// different on each poll), so the loop folds real job events between the keys it times.
import FaaSrCore
import FaaSrTUI
import Foundation

/// A terminal that presses `j`/`k` `keys` times, `gapMs` apart, and times each key from the
/// moment it is read to the frame presented after it.
final class TimingTerminal: Terminal {
    let size: Size
    private var left: Int
    private let gapMs: Int
    private var pending: UInt64?
    private var down = true
    private(set) var times: [Double] = []

    init(size: Size, keys: Int, gapMs: Int) {
        self.size = size
        self.left = keys
        self.gapMs = gapMs
    }

    var hasEnded: Bool { left == 0 && pending == nil }

    func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard pending == nil, left > 0 else { return nil }
        usleep(UInt32(gapMs * 1000))
        left -= 1
        down.toggle()
        pending = DispatchTime.now().uptimeNanoseconds
        return .key(.char(down ? "j" : "k"))
    }

    func present(_ canvas: Canvas, cursor: (x: Int, y: Int)?) {
        guard let p = pending else { return }
        times.append(Double(DispatchTime.now().uptimeNanoseconds - p) / 1e6)
        pending = nil
    }

    func close() {}
}

/// Writes an executable shell script.
func script(_ path: String, _ body: String) throws {
    try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
}

/// `faasr status --json` for `actions`, each in one of the states, shifted by `shift`.
func statusReport(_ actions: [String], shift: Int) -> String {
    let states = ["done", "running", "waiting", "failed", "done"]
    let items = actions.enumerated().map { i, a in
        "{\"action\": \"\(a)\", \"state\": \"\(states[(i + shift) % states.count])\", \"platform\": \"SLURM\", \"jobID\": \"\(1000 + i)\"}"
    }
    return "{\"invocationID\": \"bench\", \"actions\": [\(items.joined(separator: ", "))]}\n"
}

/// Runs `job` in a ``Program`` on `state` while `keys` keys are timed; prints the numbers.
func timeKeys(_ label: String, state: AppState, job: Job, faasr: String, keys: Int = 300, gapMs: Int = 20) async {
    let term = TimingTerminal(size: state.size, keys: keys, gapMs: gapMs)
    var timing = Program.Timing()
    timing.busyMilliseconds = 0
    timing.idleMilliseconds = 0
    let program = Program(state: state, terminal: term, timing: timing, faasr: faasr)
    program.startJob(job)
    await program.run()
    let t = term.times
    let events = program.state.run?.actions.values.filter { $0.state != .waiting }.count ?? 0
    print(String(format: "%@: keystroke → frame wall median %.2f ms, p95 %.2f ms, max %.2f ms (%d keys, %d of %d actions reported)",
                 label, percentile(t, 0.5), percentile(t, 0.95), t.max() ?? 0, t.count, events, program.state.run?.actions.count ?? 0))
}

/// The run and monitor in flight on the workflow at `url` (copied to a scratch folder).
func inFlight(_ base: AppState, text: String) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tuibench-\(getpid())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/workflow.json"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    var state = base
    state.filePath = path
    let names = state.graphIndex.names

    // A local run: an action event every 5 ms, cycling through every action's states.
    let lines = names.enumerated().map { i, a in
        "{\"event\":\"action\",\"action\":\"\(a)\",\"state\":\"\(i % 2 == 0 ? "running" : "done")\",\"started\":1,\"finished\":\(i % 2),\"expected\":1,\"startTime\":\(i)}"
    }
    try lines.joined(separator: "\n").write(toFile: dir + "/events", atomically: true, encoding: .utf8)
    try script(dir + "/faasr-local", """
        echo '{"event":"start","runDirectory":"\(dir)/run"}'
        while :; do while read -r l; do echo "$l"; sleep 0.005; done < '\(dir)/events'; done
        """)
    var running = state
    running.run = RunState(workflowPath: path, actions: names)
    await timeKeys("\(names.count) actions, local run in flight (Program)", state: running,
                   job: .localRun(workflowPath: path), faasr: dir + "/faasr-local")

    // A monitor: every poll reads a report of every action that differs from the last one.
    try statusReport(names, shift: 0).write(toFile: dir + "/status-a", atomically: true, encoding: .utf8)
    try statusReport(names, shift: 1).write(toFile: dir + "/status-b", atomically: true, encoding: .utf8)
    try script(dir + "/faasr-status", """
        if [ -f '\(dir)/flip' ]; then rm '\(dir)/flip'; cat '\(dir)/status-a'; else touch '\(dir)/flip'; cat '\(dir)/status-b'; fi
        """)
    var watching = state
    var r = RunState(workflowPath: path, actions: names)
    r.invocationID = "latest"
    watching.run = r
    await timeKeys("\(names.count) actions, monitor poll in flight (Program)", state: watching,
                   job: .monitor(workflowPath: path, invocation: nil), faasr: dir + "/faasr-status")
}
