import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// Journeys against the real binary for the document bugs of issue 15, and the corpus sweep.
@Suite("tmux journeys: the document", .serialized)
struct DocumentTmuxTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func corpus(_ name: String) -> String { SharedFixtures.corpusDirectory.appendingPathComponent(name).path }

    /// The index of the first problem matching `match` when `path` is opened.
    func problemIndex(_ path: String, _ match: (Problem, DesignDocument) -> Bool) throws -> Int {
        let s = try DesignerFiles.state(text: try String(contentsOfFile: path, encoding: .utf8), path: path, size: Size(width: 100, height: 30), glyphs: .unicode)
        return try #require(s.problems.firstIndex { match($0, s.doc) })
    }

    @Test("#1 a 2.x file opens as written; '_' names are renamed only by the quick fix the user picks, undoably")
    func twoXAsWritten() throws {
        guard let bin = try TmuxSession.require(), try SharedFixtures.require() else { return }
        let dir = try temporaryFolder()
        let f = dir + "/cycled.json"
        try FileManager.default.copyItem(atPath: corpus("dekkov__FaaSr-cli__cycled-workflow.json"), toPath: f)
        let original = try Data(contentsOf: URL(fileURLWithPath: f))
        let i = try problemIndex(f) { p, d in QuickFix.offered(for: p, in: d) == .dashNames }
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("NORMAL")
        t.waitFor("start_github")
        #expect(!t.screen.contains("migrated"))
        #expect(!t.screen.contains("start-github"))
        t.keys("6")
        for _ in 0..<i { t.keys("j") }
        t.waitFor("f fixes: rename")
        t.keys("f"); t.waitFor("renamed start_github → start-github")
        t.keys("u"); t.waitFor("undid")
        t.waitFor("start_github")
        t.keys("q")
        #expect(t.exitStatus() == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: f)) == original)
    }

    @Test("#3 Enter on 'InvokeNext item 3' lands on next → ghost3")
    func jumpToItem() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        var doc = try DesignDocument(text: try String(contentsOf: Self.fixtures.appendingPathComponent("diamond.json"), encoding: .utf8))
        doc.root.setValue(["join", "right", "ghost3"], at: JSONPointer(tokens: ["ActionList", "left", "InvokeNext"]))
        let f = dir + "/wf.json"
        try doc.text.write(toFile: f, atomically: true, encoding: .utf8)
        let i = try problemIndex(f) { p, _ in p.pointer.description == "/ActionList/left/InvokeNext/2" }
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("NORMAL")
        t.keys("6")
        for _ in 0..<i { t.keys("j") }
        t.keys("Enter")
        t.waitFor("Action left")
        // x removes the row under the cursor: it must be the ghost3 edge.
        t.keys("x"); t.waitFor("removed edge")
        #expect(t.screen.contains("removed edge left → ghost3"))
        t.keys("q"); t.waitFor("Quit without saving"); t.keys("y")
        #expect(t.exitStatus() == 0)
    }

    @Test("#4 :preview of the 43-action 1.x file marks the changes and scrolls; only Esc closes it")
    func preview() throws {
        guard let bin = try TmuxSession.require(), try SharedFixtures.require() else { return }
        let dir = try temporaryFolder()
        let f = dir + "/sw.json"
        try FileManager.default.copyItem(atPath: corpus("Ashish-Ramrakhiani__FaaSr-synthetic__test__small_workflow_ow__small_workflow_ow.json"), toPath: f)
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("migrated from FaaSr 1.x")
        t.keys(":"); t.type("preview"); t.keys("Enter")
        t.waitFor("Pending save")
        t.waitFor("│+ ")
        #expect(t.screen.contains("│- ") && t.screen.contains("UseSecretStore"))
        // n jumps to the next block of changes: the view scrolls, the preview stays open.
        let before = t.screen
        t.keys("n", "n", "n")
        usleep(300_000)
        #expect(t.screen.contains("Pending save"))
        #expect(t.screen != before, "n scrolls")
        t.keys("G"); usleep(200_000)
        #expect(t.screen.contains("Pending save"), "G scrolls, it does not close")
        t.keys("Escape")
        t.waitFor("NORMAL")
        t.keys("q"); t.waitFor("Quit without saving"); t.keys("y")
        #expect(t.exitStatus() == 0)
    }

    @Test("#5 the migration's to-dos are in the problems pane; GH_PAT once; the quit dialog names the unsaved migration")
    func todos() throws {
        guard let bin = try TmuxSession.require(), try SharedFixtures.require() else { return }
        let dir = try temporaryFolder()
        let f = dir + "/sw.json"
        try FileManager.default.copyItem(atPath: corpus("Ashish-Ramrakhiani__FaaSr-synthetic__test__small_workflow_gh__small_workflow_gh.json"), toPath: f)
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("migrated from FaaSr 1.x")
        t.keys("6")
        t.waitFor("to do:")
        #expect(!t.screen.contains("✓ valid 0/0"))
        t.keys("4", "j", "Enter"); t.waitFor("Secret store")
        #expect(t.screen.components(separatedBy: "GH_PAT ").count - 1 <= 1, "GH_PAT listed once")
        t.keys("q"); t.waitFor("Quit without saving")
        #expect(!t.screen.contains("0 unsaved edit(s)"))
        #expect(t.screen.contains("migration from FaaSr 1.x"))
        t.keys("y")
        #expect(t.exitStatus() == 0)
    }

    @Test("#8 y proposes start-copy, which Enter accepts")
    func duplicate() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        let f = dir + "/wf.json"
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("diamond.json").path, toPath: f)
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("NORMAL")
        t.keys("y"); t.waitFor("Copy of 'start'")
        t.keys("Enter"); t.waitFor("duplicated 'start' as 'start-copy'")
        t.keys("q"); t.waitFor("Quit without saving"); t.keys("y")
        #expect(t.exitStatus() == 0)
    }

    @Test("#12 FunctionGitRepo is not required with FunctionLocalFile; a new store opens its form on Bucket")
    func requiredFields() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        var doc = try DesignDocument(text: try String(contentsOf: Self.fixtures.appendingPathComponent("diamond.json"), encoding: .utf8))
        doc.root.setValue(["start": "start.py"], at: JSONPointer(tokens: ["FunctionLocalFile"]))
        let f = dir + "/wf.json"
        try doc.text.write(toFile: f, atomically: true, encoding: .utf8)
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("NORMAL")
        t.keys("Enter"); t.waitFor("FunctionLocalFile")
        #expect(!t.screen.contains("*FunctionGitRepo"))
        #expect(t.screen.contains(" FunctionGitRepo"))
        t.keys("Escape")
        usleep(300_000)  // an Escape followed at once by a key reads as Alt+key
        t.keys("3", "a"); t.waitFor("New data store name")
        t.type("S4"); t.keys("Enter"); t.waitFor("added data store 'S4'")
        t.keys("Enter"); t.type("bkt"); t.keys("Enter"); t.waitFor("Bucket = bkt")
        t.keys("q"); t.waitFor("Quit without saving"); t.keys("y")
        #expect(t.exitStatus() == 0)
    }
}
