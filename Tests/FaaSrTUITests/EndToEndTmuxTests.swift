import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrTUI

/// Journeys against the real binary in tmux.
@Suite("tmux journeys", .serialized)
struct EndToEndTmuxTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func copy(_ source: String, to dir: String, as name: String) throws -> String {
        let dest = dir + "/" + name
        try FileManager.default.copyItem(atPath: source, toPath: dest)
        return dest
    }

    @Test("build a 4-action diamond from an empty file with keys only, save, compare")
    func diamond() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        let file = dir + "/diamond.json"
        let t = TmuxSession(bin, args: [file], dir: dir)
        t.waitFor("new workflow")
        for name in ["start", "left", "right", "join"] {
            t.keys("a"); t.waitFor("New action name"); t.type(name); t.keys("Enter"); t.waitFor("added action '\(name)'")
        }
        t.keys("g", ">"); t.waitFor("invokes next"); t.type("left"); t.keys("Enter"); t.waitFor("edge start → left")
        t.keys(">"); t.waitFor("invokes next"); t.type("right"); t.keys("Enter"); t.waitFor("edge start → right")
        t.keys("j", ">"); t.waitFor("invokes next"); t.type("join"); t.keys("Enter"); t.waitFor("edge left → join")
        t.keys("j", ">"); t.waitFor("invokes next"); t.type("join"); t.keys("Enter"); t.waitFor("edge right → join")
        t.keys("2", "Enter", "j", "j", "Enter"); t.type("me"); t.keys("Enter"); t.waitFor("UserName = me")
        t.keys("3", "Enter", "j", "j", "Enter"); t.type("faasr"); t.keys("Enter"); t.waitFor("Bucket = faasr")
        t.keys("C-s"); t.waitFor("saved")
        t.waitFor("✓ valid")
        t.keys("q")
        #expect(t.exitStatus() == 0)
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("diamond.json"), encoding: .utf8)
        #expect(saved == expected)
        let doc = try DesignDocument(text: saved)
        #expect(WorkflowCheck.problems(in: doc).filter { $0.severity == .error } == [])
        #expect(!FileManager.default.fileExists(atPath: dir + "/.diamond.json.faasr-recovery"))
    }

    @Test("open a file with the browser, add a PyPI package in the list editor, save, compare the JSON")
    func browserPackageSave() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        let start = try copy(Self.packageRoot.appendingPathComponent("samples/tutorial/tutorial.json").path, to: dir, as: "first.json")
        let other = try copy(Self.packageRoot.appendingPathComponent("samples/diamond/diamond.json").path, to: dir, as: "other.json")
        // What the designer should write: the file as opened (migrated if it had to be) plus
        // the package, through the same document and editing API.
        var expected = try DesignerFiles.load(text: try String(contentsOfFile: other, encoding: .utf8), path: other).doc
        try expected.addItem("numpy", to: .functionMap(map: "PyPIPackageDownloads", function: "split"))
        let row = try #require(AppState(doc: expected, filePath: other).formRows.firstIndex { $0.label == "PyPI packages" })
        let t = TmuxSession(bin, args: [start], dir: dir)
        t.waitFor("NORMAL")
        t.keys("C-o"); t.waitFor("Open: ")
        t.waitFor("other.json")
        t.type("othe"); t.keys("Enter"); t.waitFor("Workflow diamond")
        t.keys("Enter")
        for _ in 0..<row { t.keys("j") }
        t.keys("Enter"); t.waitFor("New PyPI package")
        t.type("numpy"); t.keys("Enter"); t.waitFor("PyPI package 'numpy' added")
        t.keys("C-s"); t.waitFor("saved")
        t.keys("q")
        #expect(t.exitStatus() == 0)
        #expect(try String(contentsOfFile: other, encoding: .utf8) == expected.text)
        #expect(!FileManager.default.fileExists(atPath: dir + "/.other.json.faasr-recovery"))
    }

    @Test("open every sample and a 1.x corpus file")
    func openSamplesAndLegacy() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        let samples = SampleFiles.json()
        #expect(!samples.isEmpty)
        for (i, s) in samples.enumerated() {
            let f = try copy(Self.packageRoot.appendingPathComponent("samples/" + s).path, to: dir, as: "s\(i).json")
            let t = TmuxSession(bin, args: [f], dir: dir)
            t.waitFor("NORMAL")
            t.keys("q")
            #expect(t.exitStatus() == 0, "sample \(s)")
        }
        guard try SharedFixtures.require() else { return }
        let legacy = SharedFixtures.corpusDirectory.appendingPathComponent("FaaSr__FaaSr-tutorial__tutorial_larger.json").path
        if FileManager.default.fileExists(atPath: legacy) {
            let f = try copy(legacy, to: dir, as: "legacy.json")
            let t = TmuxSession(bin, args: [f], dir: dir)
            t.waitFor("migrated from FaaSr 1.x")
            t.keys("q"); t.waitFor("Quit without saving")
            t.keys("y")
            #expect(t.exitStatus() == 0)
        }
    }

    @Test("resize re-lays out the screen")
    func resize() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        let f = try copy(Self.packageRoot.appendingPathComponent("samples/tutorial/tutorial.json").path, to: dir, as: "t.json")
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("NORMAL")
        t.resize(width: 50, height: 12)
        t.waitFor("terminal too small")
        t.resize(width: 120, height: 40)
        t.waitFor("Workflow tutorial")
        #expect(t.screen.split(separator: "\n").first.map { $0.count } == 120)
        t.keys("q")
        #expect(t.exitStatus() == 0)
    }

    @Test("a cycle is made, flagged and undone")
    func cycle() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        let f = try copy(Self.packageRoot.appendingPathComponent("samples/tutorial/tutorial.json").path, to: dir, as: "t.json")
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("✓ valid")
        t.keys("j", ">"); t.waitFor("invokes next"); t.type("start"); t.keys("Enter")
        t.waitFor("error(s)")
        t.keys("u")
        t.waitFor("✓ valid")
        t.keys("q")
        #expect(t.exitStatus() == 0)
    }

    @Test("kill -9 mid-edit, then the edit is recovered on restart")
    func recovery() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        let f = try copy(Self.packageRoot.appendingPathComponent("samples/tutorial/tutorial.json").path, to: dir, as: "t.json")
        let original = try String(contentsOfFile: f, encoding: .utf8)
        do {
            let t = TmuxSession(bin, args: [f], dir: dir)
            t.waitFor("✓ valid")
            t.keys("j", "e"); t.waitFor("entry is now 'sum'")
            guard let pid = t.pid else { Issue.record("no pid"); return }
            kill(pid, SIGKILL)
            #expect(t.exitStatus() == 137)
        }
        #expect(try String(contentsOfFile: f, encoding: .utf8) == original)
        #expect(FileManager.default.fileExists(atPath: dir + "/.t.json.faasr-recovery"))
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("Unsaved edits from a session")
        t.keys("y")
        t.waitFor("recovered unsaved edits")
        t.keys("C-s"); t.waitFor("saved")
        t.keys("q")
        #expect(t.exitStatus() == 0)
        let doc = try DesignDocument(text: try String(contentsOfFile: f, encoding: .utf8))
        #expect(doc.entry == "sum")
        #expect(!FileManager.default.fileExists(atPath: dir + "/.t.json.faasr-recovery"))
    }

    @Test("quit with unsaved changes asks first")
    func quitAsks() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        let f = try copy(Self.packageRoot.appendingPathComponent("samples/tutorial/tutorial.json").path, to: dir, as: "t.json")
        let original = try String(contentsOfFile: f, encoding: .utf8)
        let t = TmuxSession(bin, args: [f], dir: dir)
        t.waitFor("✓ valid")
        t.keys("j", "e"); t.waitFor("entry is now 'sum'")
        t.keys("q"); t.waitFor("Quit without saving")
        t.keys("n"); t.waitFor("NORMAL")
        t.keys("q"); t.waitFor("Quit without saving")
        t.keys("y")
        #expect(t.exitStatus() == 0)
        #expect(try String(contentsOfFile: f, encoding: .utf8) == original)
    }

    @Test("colours: an error node in the theme's error colour; NO_COLOR and the monochrome theme draw none")
    func colours() throws {
        guard let bin = try TmuxSession.require() else { return }
        let dir = try temporaryFolder()
        // The tutorial with a cycle: sum → start makes 'sum' an error node.
        var doc = try DesignDocument(text: try String(contentsOfFile: Self.packageRoot.appendingPathComponent("samples/tutorial/tutorial.json").path, encoding: .utf8))
        try doc.addEdge(from: "sum", to: "start")
        let f = dir + "/cycle.json"
        try doc.text.write(toFile: f, atomically: true, encoding: .utf8)
        // Graph pane: right of the 25-column list, above the form (100×30 layout).
        let graphX = 26, graphRows = 13
        do {
            let t = TmuxSession(bin, args: [f], dir: dir, environment: ["NO_COLOR": ""])
            t.waitFor("error(s)")
            t.waitFor("! sum")
            let screen = t.styledScreen
            let bad = screen.style(of: "! sum", minX: graphX, maxY: graphRows)
            #expect(bad?.foreground == "31", "the error node is red (default-dark: error = red bold): \(String(describing: bad))")
            #expect(bad?.bold == true)
            let selected = screen.style(of: "start", minX: graphX, maxY: graphRows)
            #expect(selected?.foreground == "35", "the selected node has the accent colour (magenta): \(String(describing: selected))")
            t.keys("q")
            #expect(t.exitStatus() == 0)
        }
        for (args, env) in [([f], ["NO_COLOR": "1"]), (["--theme", "monochrome", f], ["NO_COLOR": ""])] {
            let t = TmuxSession(bin, args: args, dir: dir, environment: env)
            t.waitFor("error(s)")
            t.waitFor("! sum")
            let screen = t.styledScreen
            #expect(!screen.hasColour, "\(args) \(env): no colours at all")
            let bad = screen.style(of: "! sum", minX: graphX, maxY: graphRows)
            #expect(bad?.bold == true, "the error node keeps its attributes: \(String(describing: bad))")
            t.keys("q")
            #expect(t.exitStatus() == 0)
        }
    }

    @Test("a bad TERM is an error message, not a crash")
    func badTerm() throws {
        guard let bin = try TmuxSession.require() else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = [Self.packageRoot.appendingPathComponent("samples/tutorial/tutorial.json").path]
        p.environment = ["TERM": "bogus-terminal", "LANG": "C.UTF-8"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus != 0)
        #expect(String(decoding: data, as: UTF8.self).contains("terminal"))
    }
}
