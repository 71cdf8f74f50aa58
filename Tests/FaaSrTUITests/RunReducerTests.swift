import FaaSrCore
import Testing
import TUIKit
@testable import FaaSrTUI

/// The run's pure side: when `:run` starts, how events fold into the state, the keys.
@Suite("run reducer")
struct RunReducerTests {
    func state(_ path: String = "/tmp/x/diamond.json") throws -> AppState {
        let text = try String(contentsOf: RunSupport.packageRoot.appendingPathComponent("samples/diamond/diamond.json"), encoding: .utf8)
        return try DesignerFiles.state(text: text, path: path, size: Size(width: 120, height: 36), glyphs: .unicode)
    }

    @Test("R starts a local run of the saved file; a second R while it runs starts nothing")
    func startsOnce() throws {
        var s = try state()
        #expect(reduce(&s, .key(.char("R"))) == [.start(.localRun(workflowPath: "/tmp/x/diamond.json"))])
        #expect(s.run?.phase == .starting)
        #expect(s.run?.actions.values.allSatisfy { $0.state == .waiting } == true)
        #expect(reduce(&s, .key(.function(5))) == [])
        #expect(s.toast?.contains("Esc cancels") == true)
    }

    @Test("unsaved edits or errors: :run refuses and says why")
    func refuses() throws {
        var s = try state()
        _ = reduce(&s, .key(.char("a")))
        _ = reduce(&s, .key(.char("z")))
        _ = reduce(&s, .key(.enter))
        #expect(s.isDirty)
        #expect(reduce(&s, .key(.char("R"))) == [])
        #expect(s.toast?.contains("save first") == true)
        #expect(s.run == nil)
    }

    @Test("events fold in: states and times per action; Esc cancels; the end marks the rest not run")
    func events() throws {
        var s = try state()
        _ = reduce(&s, .key(.char("R")))
        _ = reduce(&s, .run(.parse(#"{"event":"start","runDirectory":"/tmp/r","storeDirectory":"/tmp/s"}"#)))
        #expect(s.run?.phase == .running)
        _ = reduce(&s, .run(.parse(#"{"event":"action","action":"start","state":"done","started":1,"finished":1,"expected":1,"startTime":0.01,"endTime":0.15,"message":null,"logs":["/tmp/s/S3/start.txt"],"outputs":[]}"#)))
        #expect(s.run?.actions["start"]?.state == .done)
        #expect(s.run?.actions["start"]?.logFiles == ["/tmp/s/S3/start.txt"])
        #expect(render(s).canvas.plainText().contains("✓ done 0.14s"))
        #expect(reduce(&s, .key(.escape)) == [.cancel(.run)])
        #expect(s.run?.phase == .cancelling)
        _ = reduce(&s, .run(.ended(succeeded: nil, seconds: nil, status: 143, cancelled: true, message: nil)))
        #expect(s.run?.phase == .cancelled)
        #expect(s.run?.actions.values.filter { $0.state == .notRun }.count == s.doc.actionNames.count - 1)
        // Once it ended, Esc and C-c are theirs again (C-c quits).
        #expect(reduce(&s, .key(.ctrl("c"))).contains(.quit))
    }

    @Test("a line that is not an event is kept as output; the summary line is parsed")
    func parse() {
        #expect(RunEvent.parse("faasr local: no such file /x") == .output("faasr local: no such file /x"))
        #expect(RunEvent.parse(#"{"event":"finished","succeeded":true,"seconds":1.5,"invocationID":"x"}"#)
                == .ended(succeeded: true, seconds: 1.5, status: nil, cancelled: false, message: nil))
    }

    @Test("L opens the selected action's log and tails its files; Esc closes it and stops the tail")
    func logView() throws {
        var s = try state()
        #expect(reduce(&s, .key(.char("L"))) == [])
        #expect(s.toast?.contains("no run yet") == true)
        _ = reduce(&s, .key(.char("R")))
        _ = reduce(&s, .run(.parse(#"{"event":"action","action":"start","state":"running","started":1,"finished":0,"expected":1,"startTime":0.01,"endTime":null,"message":null,"logs":[],"outputs":["/tmp/r/out.txt"]}"#)))
        #expect(reduce(&s, .key(.char("L"))) == [.start(.tail(action: "start", files: ["/tmp/r/out.txt"]))])
        _ = reduce(&s, .logText(action: "start", text: "line 1\nline 2\n"))
        #expect(render(s).canvas.plainText().contains("line 2"))
        #expect(reduce(&s, .key(.escape)) == [.cancel(.logTail)])
        #expect(s.mode == .normal)
    }

    @Test("the help and the palette list the run keys from the keymap")
    func help() {
        let lines = DesignerKeymap.keymap.helpLines(in: .dag, width: 100).joined(separator: "\n")
        #expect(lines.contains("run the workflow locally"))
        #expect(lines.contains("log in the last run"))
        #expect(DesignerKeymap.paletteCommand("run") == .runLocal)
        #expect(DesignerKeymap.paletteCommand("cancel") == .cancelRun)
        #expect(DesignerKeymap.paletteCommand("log") == .showLog)
    }
}
