import FaaSrCore
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

@Suite("Reducer journeys")
struct ReducerJourneyTests {
    /// The key sequence that builds the 4-action diamond from the template (also used by the
    /// tmux journey).
    static func buildDiamond(_ j: inout Journey) {
        for name in ["start", "left", "right", "join"] { j.press("a", "text:\(name)", "Enter") }
        j.press("g", ">", "text:left", "Enter", ">", "text:right", "Enter")
        j.press("j", ">", "text:join", "Enter", "j", ">", "text:join", "Enter")
        j.press("2", "Enter", "j", "j", "Enter", "text:me", "Enter")
        j.press("3", "Enter", "j", "j", "Enter", "text:faasr", "Enter")
        j.press("1")
    }

    @Test("a diamond is built from the template with keys only, validates, and saves")
    func diamond() throws {
        var j = Journey.empty()
        Self.buildDiamond(&j)
        let d = j.state.doc
        #expect(d.actionNames == ["start", "left", "right", "join"])
        #expect(d.edges(of: "start").map(\.target) == ["left", "right"])
        #expect(d.edges(of: "left").map(\.target) == ["join"])
        #expect(d.edges(of: "right").map(\.target) == ["join"])
        #expect(d.entry == "start")
        #expect(j.state.problems.filter { $0.severity == .error } == [])
        j.press("C-s")
        guard case .save(let path, let text)? = j.effects.last else { Issue.record("no save effect"); return }
        #expect(path == "/tmp/new.json")
        #expect(text == d.text)
        let fixture = EndToEndTmuxTests.fixtures.appendingPathComponent("diamond.json")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" || !FileManager.default.fileExists(atPath: fixture.path) {
            try text.write(to: fixture, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOf: fixture, encoding: .utf8)))
        try j.expectGolden("diamond")
        j.send(.saved(path: path, error: nil))
        #expect(!j.state.isDirty)
        #expect(j.effects.last == .removeRecovery(path: "/tmp/.new.json.faasr-recovery"))
    }

    @Test("every edit autosaves to the recovery file; undo is one step per logical edit")
    func undoAndAutosave() throws {
        var j = try Journey(text: tutorialText)
        j.press("Tab", "Tab", "j", "Enter")
        #expect(j.state.inlineEdit != nil)
        j.press("C-u", "text:renamed_fn", "Enter")
        #expect(j.state.doc.action("start")?["FunctionName"] == "renamed_fn")
        #expect(j.state.history.past.count == 1)
        #expect(j.effects.last == .writeRecovery(path: "/tmp/.wf.json.faasr-recovery", text: j.state.doc.text))
        j.press("u")
        #expect(j.state.doc.action("start")?["FunctionName"] == "create")
        #expect(!j.state.isDirty)
        #expect(j.effects.last == .removeRecovery(path: "/tmp/.wf.json.faasr-recovery"))
        j.press("C-r")
        #expect(j.state.doc.action("start")?["FunctionName"] == "renamed_fn")
    }

    @Test("a cycle is flagged in the problems and the graph, and undone")
    func cycle() throws {
        var j = try Journey(text: tutorialText)
        j.press("j", ">", "text:start", "Enter")
        #expect(j.state.doc.edges(of: "sum").map(\.target) == ["start"])
        let cycle = j.state.problems.first { $0.message.contains("cycle") }
        #expect(cycle?.severity == .error)
        #expect(cycle?.action != nil)
        #expect(j.screen.contains("✗ 3 error(s)"))
        try j.expectGolden("cycle")
        j.press("u")
        #expect(j.state.problems.allSatisfy { !$0.message.contains("cycle") })
    }

    @Test("renaming an action updates the edges and the entry that name it")
    func renameFollows() throws {
        var j = try Journey(text: tutorialText)
        j.press("j", "r", "C-u", "text:total", "Enter")
        #expect(j.state.doc.actionNames == ["start", "total"])
        #expect(j.state.doc.edges(of: "start").map(\.target) == ["total"])
        j.press("g", "r", "C-u", "text:begin", "Enter")
        #expect(j.state.doc.entry == "begin")
    }

    @Test("delete asks first, lists what else changes, and defaults to No")
    func deleteConfirm() throws {
        var j = try Journey(text: tutorialText)
        j.press("j", "d")
        guard case .confirm(_, _, let details, _) = j.state.mode else { Issue.record("no confirm"); return }
        #expect(details.contains { $0.contains("start") })
        try j.expectGolden("delete-confirm")
        j.press("Enter")
        #expect(j.state.doc.actionNames == ["start", "sum"])
        j.press("d", "y")
        #expect(j.state.doc.actionNames == ["start"])
        #expect(j.state.doc.edgeTexts(of: "start") == [])
    }

    @Test("quit with unsaved changes asks first; without changes it quits")
    func quitConfirm() throws {
        var j = try Journey(text: tutorialText)
        j.press("q")
        #expect(j.effects.last == .quit)
        var k = try Journey(text: tutorialText)
        k.press("e", "j", "e")
        #expect(k.state.isDirty)
        k.press("q")
        guard case .confirm = k.state.mode else { Issue.record("no confirm"); return }
        #expect(!k.effects.contains(.quit))
        k.press("n")
        #expect(k.state.mode == .normal)
        k.press("q", "y")
        #expect(k.effects.last == .quit)
    }

    @Test("edges: branch True/False, rank, remove in the form")
    func edgeEditing() throws {
        var j = try Journey(text: tutorialText)
        j.press("Enter")
        let row = j.state.formRows.firstIndex { $0.label == "  next" }!
        for _ in 0..<row { j.press("j") }
        j.press("t")
        #expect(j.state.doc.edgeTexts(of: "start") == ["sum True"])
        #expect(j.state.doc.action("start")?["InvokeNext"] == [["True": ["sum"]]])
        j.press("t")
        #expect(j.state.doc.edgeTexts(of: "start") == ["sum False"])
        j.press("+", "+")
        #expect(j.state.doc.edgeTexts(of: "start") == ["sum(3) False"])
        try j.expectGolden("edge-false-rank")
        j.press("x")
        #expect(j.state.doc.edgeTexts(of: "start") == [])
        #expect(j.state.history.past.count == 5)
    }

    @Test("typed arguments: numbers, booleans and JSON stay typed; text is a string")
    func typedArguments() throws {
        var j = try Journey(text: tutorialText)
        j.press("Enter")
        let add = j.state.formRows.firstIndex { $0.label == "  + argument" }!
        for _ in 0..<add { j.press("j") }
        j.press("Enter", "text:flag=true", "Enter")
        j.press("Enter", "text:cfg={\"a\": [1, 2]}", "Enter")
        j.press("Enter", "text:name=hello world", "Enter")
        let args = j.state.doc.action("start")?["Arguments"]
        #expect(args?["n"] == 3)
        #expect(args?["flag"] == true)
        #expect(args?["cfg"] == ["a": [1, 2]])
        #expect(args?["name"] == "hello world")
    }

    @Test("a new compute server gets the per-type form with required fields marked")
    func serverForm() throws {
        var j = try Journey(text: tutorialText)
        j.press("2", "a", "text:Lam", "Enter", "Enter")
        #expect(j.state.doc.server("AWS")?["FaaSType"] == "Lambda")
        #expect(j.state.doc.server("AWS")?["Region"] == "us-east-1")
        let labels = j.state.formRows.map { ($0.required ? "*" : "") + $0.label }
        #expect(labels.prefix(3) == ["*Name", "*FaaSType", "*Region"])
        try j.expectGolden("server-form")
    }

    @Test("Enter on a problem jumps to the field")
    func problemJump() throws {
        var j = try Journey(text: tutorialText)
        j.press("2", "Enter", "j", "j", "Enter", "C-u", "Enter")
        let isUserName = { (p: Problem) in p.pointer.description.hasPrefix("/ComputeServers/GH") && p.message.contains("UserName") }
        #expect(j.state.problems.contains(where: isUserName), "\(j.state.problems)")
        j.press("1", "6")
        let footer = j.screen.split(separator: "\n").first { $0.contains("/ComputeServers/GH") }.map(String.init) ?? ""
        #expect(footer.contains("6:70 /ComputeServers/GH"), "line:col of the problem in: \(footer)")
        guard let i = j.state.problems.firstIndex(where: isUserName) else { return }
        for _ in 0..<i { j.press("j") }
        j.press("Enter")
        #expect(j.state.section == .servers)
        #expect(j.state.focus == .details)
        #expect(j.state.formRows[j.state.fieldIndex].label == "UserName")
    }

    @Test("the command palette fuzzy-matches commands")
    func palette() throws {
        var j = try Journey(text: tutorialText)
        j.press(":", "text:valid", "Enter")
        #expect(j.state.focus == .problems)
        j.press(":", "text:ad act", "Enter")
        guard case .prompt(let title, _, .addAction) = j.state.mode else { Issue.record("no prompt"); return }
        #expect(title == "New action name")
        j.press("Escape", ":", "text:w", "Enter")
        #expect(j.effects.last == .save(path: "/tmp/wf.json", text: j.state.doc.text))
        j.press(":", "text:export", "Enter")
        j.answerExportCheck()
        guard case .export(let files)? = j.effects.last else { Issue.record("no export"); return }
        #expect(files.map(\.path) == ["/tmp/tutorial.json", "/tmp/tutorial-layout.json"])
    }

    @Test("help is generated from the keymap")
    func help() throws {
        var j = try Journey(text: tutorialText)
        j.press("?")
        #expect(j.screen.contains("undo"))
        #expect(j.screen.contains("command palette"))
        try j.expectGolden("help")
        j.press("x")
        #expect(j.state.mode == .normal)
    }

    @Test("/ filters the list")
    func filter() throws {
        var j = try Journey(text: tutorialText)
        j.press("/", "text:su", "Enter")
        #expect(j.state.names(in: .actions) == ["sum"])
        j.press("Escape")
        #expect(j.state.names(in: .actions) == ["start", "sum"])
    }

    @Test("resize re-lays out; too small says so")
    func resize() throws {
        var j = try Journey(text: tutorialText)
        j.send(.resize(Size(width: 50, height: 10)))
        #expect(j.screen.hasPrefix("terminal too small"))
        j.send(.resize(Size(width: 120, height: 40)))
        #expect(render(j.state).canvas.width == 120)
    }

    @Test("a 1.x file is migrated on open with a notice, and starts dirty")
    func legacy() throws {
        let text = """
        {"FunctionList": {"F1": {"FunctionName": "f1", "FaaSServer": "GH", "InvokeNext": "F2(3)"}, "F2": {"FunctionName": "f2", "FaaSServer": "GH"}},
         "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r"}},
         "DataStores": {"S3": {"Bucket": "b"}}, "FunctionInvoke": "F1", "DefaultDataStore": "S3"}
        """
        let j = try Journey(text: text, path: "/tmp/legacy.json")
        #expect(j.state.doc.actionNames == ["F1", "F2"])
        #expect(j.state.doc.edgeTexts(of: "F1") == ["F2(3) always"])
        #expect(j.state.toast?.contains("migrated from FaaSr 1.x") == true)
        #expect(j.state.isDirty)
    }

    @Test("the preview shows the pending save as a diff")
    func preview() throws {
        var j = try Journey(text: tutorialText)
        j.press("e", "j", "e", ":", "text:preview", "Enter")
        #expect(j.screen.contains("- ") && j.screen.contains("+ "))
    }

    @Test("ASCII glyphs when the locale is not UTF-8")
    func ascii() throws {
        var j = try Journey(text: tutorialText)
        j.state.glyphs = .ascii
        let screen = j.screen
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII })
    }
}
