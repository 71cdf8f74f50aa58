import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// `:run` in the designer through ``Program`` and a ``FakeTerminal``: real `faasr local`
/// processes, no ncurses. Each journey is a script of keys and waits on the screen.
@Suite("run journeys (fake terminal)", .serialized)
struct RunJourneyTests {
    /// Runs `script` on the workflow at `path`; returns the program and the terminal.
    func play(_ path: String, faasr: String, _ script: [FakeTerminal.Step]) async throws -> (Program, FakeTerminal) {
        let state = try EffectRunner.startState(path: path, size: Size(width: 120, height: 36), glyphs: .unicode)
        let term = FakeTerminal(size: Size(width: 120, height: 36), script: script)
        let program = Program(state: state, terminal: term, timing: .nonBlocking, faasr: faasr)
        await program.run()
        for f in term.failures { Issue.record(Comment(rawValue: f)) }
        return (program, term)
    }

    @Test("R runs samples/diamond: every action's box says done, the status bar says finished")
    func diamondRuns() async throws {
        guard let faasr = try RunSupport.faasr() else { return }
        let path = try RunSupport.sample("diamond")
        let (p, term) = try await play(path, faasr: faasr, [.key(.char("R")), .waitFor("run finished", seconds: 120),
            // The layered drawing (one row taller than its pane here) labels every box.
            .key(.char("5")), .waitFor("Workflow diamond", seconds: 5)])
        let layered = term.screen
        #expect(layered.components(separatedBy: "✓ done").count - 1 == 4, "\(layered)")
        // The lane list (one row per action) shows every action's state at once too.
        let (_, lanes) = try await play(path, faasr: faasr, [.key(.char("R")), .waitFor("run finished", seconds: 120),
            .key(.char("5")), .key(.char("o")), .waitFor("(lanes)", seconds: 5)])
        #expect(lanes.screen.components(separatedBy: "✓ done").count - 1 == 4)
        let run = try #require(p.state.run)
        #expect(run.phase == .finished(succeeded: true))
        #expect(run.actions.count == p.state.doc.actionNames.count)
        #expect(run.actions.values.allSatisfy { $0.state == .done && $0.endTime != nil })
        #expect(term.screen.components(separatedBy: "✓ done").count - 1 == run.actions.count)
    }

    @Test(":run samples/failing: the failing action is failed, the next not run, its log shows the traceback")
    func failingRun() async throws {
        guard let faasr = try RunSupport.faasr() else { return }
        let path = try RunSupport.sample("failing")
        let (p, term) = try await play(path, faasr: faasr, [
            .key(.char(":")), .type("run"), .key(.enter), .waitFor("run failed", seconds: 120),
            .key(.char("5")), .key(.char("j")), .key(.enter), .waitFor("Log of boom", seconds: 5),
            .waitFor("Traceback (most recent call last)", seconds: 10),
        ])
        let run = try #require(p.state.run)
        #expect(run.phase == .finished(succeeded: false))
        #expect(run.actions["start"]?.state == .done)
        #expect(run.actions["boom"]?.state == .failed)
        #expect(run.actions["never"]?.state == .notRun)
        #expect(term.screen.contains("Traceback (most recent call last)"))
        #expect(p.state.logText.contains("raise ValueError(reason)"))
    }

    @Test("Esc cancels a long run: the run says cancelled and no process of it is left")
    func cancelLongRun() async throws {
        guard let faasr = try RunSupport.faasr() else { return }
        let path = try RunSupport.fixture("slow")
        let folder = String(path[..<path.lastIndex(of: "/")!])
        let (p, _) = try await play(path, faasr: faasr, [
            .key(.char("R")), .waitFor("1/2 done · 1 running", seconds: 120),
            .key(.char("G")), .key(.char("L")), .waitFor("sleeping 120 s", seconds: 20),
            .key(.escape), .key(.escape), .waitFor("run cancelled", seconds: 20),
        ])
        #expect(p.state.run?.phase == .cancelled)
        #expect(p.state.run?.actions["wait"]?.state == .notRun)
        #expect(RunSupport.processes(under: folder) == [])
    }

    @Test("quitting while a run is in flight stops its processes before the program returns")
    func quitStopsRun() async throws {
        guard let faasr = try RunSupport.faasr() else { return }
        let path = try RunSupport.fixture("slow")
        let folder = String(path[..<path.lastIndex(of: "/")!])
        _ = try await play(path, faasr: faasr, [.key(.char("R")), .waitFor("1/2 done · 1 running", seconds: 120), .key(.char("q"))])
        #expect(RunSupport.processes(under: folder) == [])
    }

    @Test("no faasr program: the run says where to get one, the designer stays usable")
    func missingFaasr() async throws {
        let path = try RunSupport.sample("diamond")
        let (p, term) = try await play(path, faasr: "/nonexistent/faasr", [.key(.char("R")), .waitFor("could not", seconds: 10), .key(.char("j"))])
        guard case .failed(let why) = p.state.run?.phase else { Issue.record("the run did not fail"); return }
        #expect(why.contains("cannot start /nonexistent/faasr"))
        #expect(p.state.selectedAction == "left")
        #expect(term.frames > 2)
    }
}
