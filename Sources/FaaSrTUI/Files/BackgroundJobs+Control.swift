import TUIKit
#if canImport(Glibc)
import Glibc
#endif

/// The platform jobs: each runs the `faasr` program (register, invoke, timer, secrets, status)
/// and reports what it printed; cancelling stops the process and its children.
extension BackgroundJobs {
    /// Runs `faasr ARGS` to its end; nil status when it could not start or was cancelled.
    static func faasrOutput(_ args: [String], faasr: String?, environment: [String: String] = [:]) async -> ControlOutcome {
        guard let faasr else {
            return ControlOutcome(status: nil, lines: ["cannot find the faasr program: build it next to faasr-tui, put it on PATH, or set FAASR_BIN"])
        }
        let child: SpawnedProcess
        do { child = try SpawnedProcess([faasr] + args, environment: environment) } catch {
            return ControlOutcome(status: nil, lines: [error.description])
        }
        var lines = LineBuffer(), out: [String] = []
        while true {
            if Task.isCancelled {
                ProcessTree.stop(root: child.pid)
                while child.poll() == nil { await pause(5) }
                return ControlOutcome(status: nil, lines: out + ["cancelled"])
            }
            switch child.read() {
            case .data(let bytes): out += lines.feed(bytes)
            case .nothingYet: await pause(20)
            case .end:
                out += lines.finish()
                while child.poll() == nil { await pause(5) }
                return ControlOutcome(status: child.poll(), lines: out)
            }
        }
    }

    /// One platform operation.
    static func control(_ step: ControlStep, workflowPath: String, faasr: String?, send: @escaping @Sendable (AppEvent) -> Void) async {
        send(.control(step, await faasrOutput(step.arguments(workflowPath), faasr: faasr, environment: step.environment)))
    }

    /// Polls `faasr status --json` until every action has ended: every second while something
    /// changes, backing off to 8 s while nothing does (and after failed reads); gives up after
    /// 60 failed reads in a row.
    static func monitor(workflowPath: String, invocation: String?, faasr: String?, send: @escaping @Sendable (AppEvent) -> Void) async {
        var wait = 1000, failures = 0
        var last: MonitorEvent?
        while !Task.isCancelled {
            let out = await faasrOutput(["status", workflowPath, "--json"] + (invocation.map { [$0] } ?? []), faasr: faasr)
            if Task.isCancelled { break }
            if out.succeeded, let report = MonitorEvent.parse(out.lines.joined(separator: "\n")) {
                failures = 0
                if report != last { send(.monitor(report)); wait = 1000 } else { wait = min(8000, wait * 2) }
                last = report
                if case .report(_, _, true) = report { send(.monitor(.ended(cancelled: false))); return }
            } else {
                failures += 1
                send(.monitor(.problem(out.errorText)))
                if failures >= 60 || out.status == nil { send(.monitor(.ended(cancelled: false))); return }
                wait = min(8000, wait * 2)
            }
            // Sleep in slices so a cancel is seen at once.
            var slept = 0
            while slept < wait, !Task.isCancelled { await pause(50); slept += 50 }
        }
        send(.monitor(.ended(cancelled: true)))
    }
}
