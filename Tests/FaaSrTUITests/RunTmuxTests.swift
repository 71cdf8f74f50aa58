import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrTUI

/// `:run` with the real binaries in tmux: `faasr-tui` starts the `faasr` next to it.
@Suite("run tmux journeys", .serialized)
struct RunTmuxTests {
    /// Both binaries, or nil (skip) outside CI.
    func binaries() throws -> String? {
        guard let tui = try TmuxSession.require(), try RunSupport.faasr() != nil else { return nil }
        let beside = URL(fileURLWithPath: tui).deletingLastPathComponent().appendingPathComponent("faasr").path
        guard TmuxSession.run([beside, "local", "--help"]).status == 0 else {
            if SharedFixtures.isCI { throw NoLocalRun() }
            print("skipped: the faasr next to \(tui) has no `faasr local`")
            return nil
        }
        return tui
    }

    @Test("open samples/diamond, :run: every node shows done")
    func diamond() throws {
        guard let bin = try binaries() else { return }
        let path = try RunSupport.sample("diamond")
        let t = TmuxSession(bin, args: [path], width: 120, height: 36, dir: try temporaryFolder())
        t.waitFor("✓ valid")
        t.keys(":"); t.type("run"); t.keys("Enter")
        t.waitFor("run finished: 4/4 done", seconds: 120)
        // The layered drawing labels every box (the pane cuts the last border off).
        #expect(t.screen.components(separatedBy: "✓ done").count - 1 == 4, "\(t.screen)")
        t.keys("5"); t.keys("o"); t.waitFor("(lanes)")
        #expect(t.screen.components(separatedBy: "✓ done").count - 1 == 4)
        t.keys("q")
        #expect(t.exitStatus() == 0)
    }

    @Test("samples/failing: the failing node is failed and its log shows the traceback")
    func failing() throws {
        guard let bin = try binaries() else { return }
        let path = try RunSupport.sample("failing")
        let t = TmuxSession(bin, args: [path], width: 120, height: 36, dir: try temporaryFolder())
        t.waitFor("✓ valid")
        t.keys("R")
        t.waitFor("run failed", seconds: 120)
        #expect(t.screen.contains("✗ failed"))
        #expect(t.screen.contains("not run"))
        t.keys("5", "j", "Enter")
        t.waitFor("Log of boom")
        t.waitFor("Traceback (most recent call last)")
        #expect(t.screen.contains("ValueError: this sample fails on purpose"))
        t.keys("Escape"); t.waitFor("NORMAL")
        t.keys("q")
        #expect(t.exitStatus() == 0)
    }

    @Test("Esc cancels a long local run: no faasr run process is left")
    func cancel() throws {
        guard let bin = try binaries() else { return }
        let path = try RunSupport.fixture("slow")
        let folder = String(path[..<path.lastIndex(of: "/")!])
        let t = TmuxSession(bin, args: [path], width: 120, height: 36, dir: try temporaryFolder())
        t.waitFor("✓ valid")
        t.keys("R")
        t.waitFor("1/2 done · 1 running", seconds: 120)
        #expect(RunSupport.processes(under: folder).contains { $0.contains(" run ") })
        t.keys("Escape")
        t.waitFor("run cancelled", seconds: 20)
        #expect(RunSupport.processes(under: folder) == [])
        t.keys("q")
        #expect(t.exitStatus() == 0)
    }
}
