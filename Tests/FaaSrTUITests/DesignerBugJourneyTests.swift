import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrTUI

/// tmux journeys for issue 15's designer bugs (each failed on the code before the fix).
@Suite("tmux journeys: export, recovery, TERM, wrapping, palette, mouse", .serialized)
struct DesignerBugJourneyTests {
    static let demo = """
    {
      "ActionList": {
        "start": {"FunctionName": "f", "FaaSServer": "GH", "Type": "Python", "Arguments": {}, "InvokeNext": ["sum"]},
        "sum": {"FunctionName": "g", "FaaSServer": "GH", "Type": "Python", "Arguments": {}, "InvokeNext": []}
      },
      "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "me", "ActionRepoName": "repo", "Branch": "main"}},
      "DataStores": {"S3": {"Endpoint": "", "Bucket": "faasr", "Region": "us-east-1", "Writable": "TRUE"}},
      "FunctionInvoke": "start",
      "DefaultDataStore": "S3",
      "FunctionGitRepo": {"f": "me/repo", "g": "me/repo"},
      "WorkflowName": "demo-flow"
    }

    """

    func start(_ bin: String, text: String = demo, name: String = "demo-flow.json", width: Int = 100, height: Int = 30) throws -> (TmuxSession, String, String) {
        let dir = try temporaryFolder()
        let file = dir + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return (TmuxSession(bin, args: [file], width: width, height: height, dir: dir), dir, file)
    }

    @Test("15.2 :export leaves the open file alone, asks before overwriting, warns about a cycle, keeps Arguments {} and Endpoint \"\"")
    func export() throws {
        guard let bin = try TmuxSession.require() else { return }
        let (t, dir, file) = try start(bin)
        t.waitFor("NORMAL")
        t.keys("5", "j", ">"); t.waitFor("invokes next"); t.type("start"); t.keys("Enter"); t.waitFor("edge sum → start")
        t.keys(":"); t.type("export"); t.keys("Enter")
        t.waitFor("Export for the web builder")
        t.waitFor("file being edited")
        t.waitFor("the workflow is invalid")
        t.keys("y"); t.waitFor("exported")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == Self.demo, "the open file is untouched")
        let out = try JSONDocument(text: try String(contentsOfFile: dir + "/demo-flow.webbuilder.json", encoding: .utf8)).root
        #expect(out["ActionList"]?["start"]?["Arguments"] == .object(JSONObject()))
        #expect(out["DataStores"]?["S3"]?["Endpoint"] == "")
        #expect(out["ActionContainers"] == nil)
        #expect(FileManager.default.fileExists(atPath: dir + "/demo-flow-layout.json"))
        // A second export asks before overwriting; Esc writes nothing.
        let before = try String(contentsOfFile: dir + "/demo-flow-layout.json", encoding: .utf8)
        t.keys("u"); t.waitFor("undid")
        t.keys(":"); t.type("export"); t.keys("Enter")
        t.waitFor("overwrites")
        t.keys("Escape"); t.waitFor("export cancelled")
        #expect(try String(contentsOfFile: dir + "/demo-flow-layout.json", encoding: .utf8) == before)
        t.keys("q")
        #expect(t.exitStatus() == 0)
    }

    @Test("15.6 Esc in the recovery dialog keeps the recovery file, and it is offered again")
    func recoveryEscape() throws {
        guard let bin = try TmuxSession.require() else { return }
        let (t, dir, file) = try start(bin)
        let recovery = dir + "/.demo-flow.json.faasr-recovery"
        try Self.demo.replacingOccurrences(of: "\"Branch\": \"main\"", with: "\"Branch\": \"dev\"").write(toFile: recovery, atomically: true, encoding: .utf8)
        t.waitFor("Recover")
        t.keys("Escape"); t.waitFor("recovery file kept")
        #expect(FileManager.default.fileExists(atPath: recovery))
        t.keys("q")
        #expect(t.exitStatus() == 0)
        #expect(FileManager.default.fileExists(atPath: recovery), "quitting does not remove a kept recovery file")
        let again = TmuxSession(bin, args: [file], dir: dir)
        again.waitFor("Recover")
        again.keys("n"); again.waitFor("recovery file deleted")
        again.keys("q")
        #expect(again.exitStatus() == 0)
        #expect(!FileManager.default.fileExists(atPath: recovery))
    }

    @Test("15.7 TERM=dumb is refused with a clear message")
    func dumbTerminal() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        let file = dir + "/wf.json"
        try Self.demo.write(toFile: file, atomically: true, encoding: .utf8)
        let t = TmuxSession("/usr/bin/env", args: ["TERM=dumb", bin, file], dir: dir)
        let status = t.exitStatus()
        #expect(status != nil && status != 0)
        let err = (try? String(contentsOfFile: t.stderrFile, encoding: .utf8)) ?? ""
        #expect(err.contains("terminal type 'dumb' cannot move the cursor"), "\(err)")
    }

    /// The text of the columns `x..<x+width` of each screen row, joined by spaces.
    func column(_ screen: String, x: Int, width: Int) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let chars = Array(line)
            guard chars.count > x else { return "" }
            return String(chars[x..<min(chars.count, x + width)]).trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    @Test("15.9 a problem and its hint are shown in full in the 43-column problems pane; help text wraps")
    func wrapping() throws {
        guard let bin = try TmuxSession.require() else { return }
        let text = Self.demo.replacingOccurrences(of: "\"UserName\": \"me\", ", with: "")
        let (t, _, _) = try start(bin, text: text, width: 160, height: 40)
        t.waitFor("NORMAL")
        let layout = ScreenLayout(size: Size(width: 160, height: 40))
        #expect(layout.problems.width - 2 == 43)
        t.keys("6"); t.waitFor("hint:")
        let doc = try DesignDocument(text: text)
        let p = try #require(WorkflowCheck.problems(in: doc).first)
        let pane = column(t.screen, x: layout.problems.x + 1, width: layout.problems.width - 2)
        #expect(pane.contains(p.message), "\(p.message) in \(pane)")
        if let h = p.hint { #expect(pane.contains("hint: " + h), "\(h) in \(pane)") }
        t.keys("3", "Enter", "?"); t.waitFor("Keys (form)")
        #expect(t.screen.contains("field)"), "help text is wrapped, not cut")
        t.keys("Escape"); t.waitFor("NORMAL")
        t.keys("q")
        #expect(t.exitStatus() == 0)
    }

    @Test("15.10 the palette highlights its row and scrolls; help lists the edge keys; LANG=C help names arrows and dashes plainly")
    func paletteAndHelp() throws {
        guard let bin = try TmuxSession.require() else { return }
        let (t, dir, file) = try start(bin)
        t.waitFor("NORMAL")
        t.keys(":"); t.waitFor("Command")
        let entries = DesignerKeymap.paletteEntries
        for _ in 0..<12 { t.keys("Down") }
        t.waitFor(entries[12].name)
        // The 12 keys may still be arriving when the name first shows: poll for the highlight.
        var selectedRow: Int?
        let end = Date().addingTimeInterval(10)
        while selectedRow == nil && Date() < end {
            selectedRow = t.styledScreen.rows.firstIndex { row in row.contains { $0.style.reverse } && String(row.map(\.character)).contains(entries[12].help.prefix(20)) }
            if selectedRow == nil { usleep(50_000) }
        }
        #expect(selectedRow != nil, "row 13 of the palette is highlighted and visible:\n\(t.screen)")
        t.keys("Escape"); t.waitFor("NORMAL")
        t.keys("?"); t.waitFor("Keys (list)")
        // The overlay's title can be on screen before its body: wait for each line.
        for k in ["]", "t", "#"] { t.waitFor("│ \(k)         ", seconds: 5) }
        t.waitFor("edge: set or clear the rank", seconds: 5)
        t.keys("Escape"); t.waitFor("NORMAL")
        t.keys("q")
        #expect(t.exitStatus() == 0)
        let c = TmuxSession(bin, args: [file], dir: dir, environment: ["LANG": "C", "LC_ALL": "C"])
        c.waitFor("NORMAL")
        c.keys("?"); c.waitFor("Keys (list)")
        c.waitFor("j/Down", seconds: 5); c.waitFor("l/Right", seconds: 5)
        c.waitFor("Keys (list) - any key closes", seconds: 5)
        #expect(!c.screen.contains("l/>") && !c.screen.contains("j/v"))
        c.keys("Escape"); c.waitFor("NORMAL")
        c.keys("q")
        #expect(c.exitStatus() == 0)
    }

    @Test("15.11 a click on a node in the graph selects it")
    func clickNode() throws {
        guard let bin = try TmuxSession.require() else { return }
        let (t, _, _) = try start(bin)
        t.waitFor("Action start")
        let layout = ScreenLayout(size: Size(width: 100, height: 30))
        let lines = t.screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var hit: (x: Int, y: Int)?
        for (y, l) in lines.enumerated() where y < layout.dag.maxY {
            let row = String(l)
            if let r = row.range(of: " sum ") {
                let x = row.distance(from: row.startIndex, to: r.lowerBound) + 1
                if x > layout.dag.x { hit = (x, y); break }
            }
        }
        let at = try #require(hit, "the graph draws sum:\n\(t.screen)")
        TmuxSession.run(["tmux", "-L", t.socket, "send-keys", "-t", "app", "-H", "1b", "5b", "4d", "20",
                         String(33 + at.x, radix: 16), String(33 + at.y, radix: 16)])
        TmuxSession.run(["tmux", "-L", t.socket, "send-keys", "-t", "app", "-H", "1b", "5b", "4d", "23",
                         String(33 + at.x, radix: 16), String(33 + at.y, radix: 16)])
        t.waitFor("Action sum")
        t.keys("q")
        #expect(t.exitStatus() == 0)
    }
}
