import FaaSrTestSupport
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// The designer registers samples/diamond on the real test SLURM cluster, invokes it and
/// watches it finish in the monitor (moto is the logging store): once through ``Program`` and
/// a ``FakeTerminal``, once with the real `faasr-tui` in tmux.
@Suite("SLURM designer journeys", .serialized)
struct SLURMJourneyTests {
    @Test("fake terminal: :register (plan, y), :invoke (y), the monitor shows 4/4 done with job ids; M lists it as started here, and a second designer finds it in the store")
    func registerInvokeMonitor() async throws {
        guard let f = try SLURMDesignerFixture.make("tui-slurm") else { return }
        let state = try EffectRunner.startState(path: f.workflow, size: Size(width: 140, height: 40), glyphs: .unicode)
        let term = FakeTerminal(size: Size(width: 140, height: 40), script: [
            .waitFor("✓ valid", seconds: 30),
            .key(.char(":")), .type("register"), .key(.enter), .waitFor("Apply this plan?", seconds: 180),
            .key(.char("y")), .waitFor("Registered diamond", seconds: 180),
            .key(.char(":")), .type("invoke"), .key(.enter), .waitFor("on its platforms now?", seconds: 30),
            .key(.char("y")), .waitFor("finished: 4/4 done", seconds: 600),
            .key(.char("M")), .waitFor("started here", seconds: 180),
            .key(.enter), .waitUntil("the chosen invocation watched to its end", seconds: 300) {
                !$0.contains("Monitor which invocation") && $0.contains("finished: 4/4 done")
            },
        ])
        let program = Program(state: state, terminal: term, timing: .nonBlocking, faasr: try f.wrapper())
        await program.run()
        for failure in term.failures { Issue.record(Comment(rawValue: failure)) }
        let run = try #require(program.state.run)
        #expect(run.phase == .finished(succeeded: true), "\(program.state.messages.suffix(20))")
        let started = try #require(program.state.startedInvocations.first)
        #expect(run.invocationID == started.id)
        for a in ["start", "left", "right", "join"] {
            #expect(run.actions[a]?.state == .done)
            #expect(run.actions[a]?.jobID?.contains("SLURM") == true, "\(a): \(run.actions[a]?.jobID ?? "no job id")")
        }
        #expect(!program.state.messages.joined().contains(f.slurm.token), "no secret in the messages")

        // A second designer started nothing: M lists the invocation from the logging store.
        let fresh = try EffectRunner.startState(path: f.workflow, size: Size(width: 140, height: 40), glyphs: .unicode)
        let again = FakeTerminal(size: Size(width: 140, height: 40), script: [
            .waitFor("✓ valid", seconds: 30), .key(.char("M")), .waitFor(started.id, seconds: 180), .key(.enter),
            .waitUntil("the store's invocation watched to its end", seconds: 300) {
                !$0.contains("Monitor which invocation") && $0.contains("finished: 4/4 done")
            },
        ])
        let second = Program(state: fresh, terminal: again, timing: .nonBlocking, faasr: try f.wrapper())
        await second.run()
        for failure in again.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(second.state.startedInvocations.isEmpty && second.state.run?.invocationID == started.id)
        #expect(!(second.state.messages.first { $0.contains(started.id) } ?? "").isEmpty, "the listing named it")

        // The CLI side: `faasr status --list` names it, as text and as JSON.
        let text = try FaasrExecutable.run(["status", f.workflow, "--list"], environment: f.environment, inheritEnvironment: false)
        #expect(text.status == 0 && text.out.contains(started.id), "\(text.out)\(text.err)")
        let json = try FaasrExecutable.run(["status", f.workflow, "--list", "--json"], environment: f.environment, inheritEnvironment: false)
        #expect(RecentInvocation.parse(json.out)?.first?.id == started.id, "\(json.out)\(json.err)")
    }

    @Test("tmux with the real binaries: register, invoke and watch it finish in the monitor")
    func tmuxRegisterInvokeMonitor() throws {
        guard let tui = try TmuxSession.require(), let f = try SLURMDesignerFixture.make("tui-slurm-tmux") else { return }
        let t = TmuxSession(tui, args: [f.workflow], width: 140, height: 40, dir: f.dir, environment: f.environment)
        t.waitFor("✓ valid")
        t.keys(":"); t.type("register"); t.keys("Enter")
        guard t.waitFor("Apply this plan?", seconds: 180) else { return }
        #expect(t.screen.contains("create"))
        t.keys("y")
        guard t.waitFor("Registered diamond", seconds: 180) else { return }
        t.keys(":"); t.type("invoke"); t.keys("Enter")
        t.waitFor("on its platforms now?")
        t.keys("y")
        guard t.waitForAny(["invoked: InvocationID", "finished: 4/4 done"], seconds: 180) else { return }
        guard t.waitFor("finished: 4/4 done", seconds: 600) else { return }
        #expect(t.screen.components(separatedBy: "✓ done").count - 1 >= 4, "\(t.screen)")
        t.keys("5"); t.keys("o"); t.waitFor("(lanes)")
        #expect(t.screen.contains("SLURM"), "job ids in the lane list: \(t.screen)")
        t.keys("q")
        #expect(t.exitStatus() == 0)
    }
}
