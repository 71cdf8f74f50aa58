import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

let legacyText = """
{"FunctionList": {"F1": {"FunctionName": "f1", "FaaSServer": "GH", "InvokeNext": "F2(3)"}, "F2": {"FunctionName": "f2", "FaaSServer": "GH"}},
 "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r"}},
 "DataStores": {"S3": {"Bucket": "b"}}, "FunctionInvoke": "F1", "DefaultDataStore": "S3"}
"""

@Suite("File journeys: browser, open, new from a template, save as")
struct FileJourneyTests {
    static let listing = [
        DirectoryEntry(name: "zeta.json", isDirectory: false), DirectoryEntry(name: "flows", isDirectory: true),
        DirectoryEntry(name: "legacy.json", isDirectory: false), DirectoryEntry(name: "notes.txt", isDirectory: false),
        DirectoryEntry(name: ".wf.json.faasr-recovery", isDirectory: false), DirectoryEntry(name: "alpha.json", isDirectory: false),
    ]

    @Test("the browser lists folders and JSON files, filters, walks folders, and opens a 1.x file with a migration notice")
    func browser() throws {
        var j = try Journey(text: tutorialText, path: "/work/flows/wf.json")
        j.press("C-o")
        #expect(j.effects.last == .listDirectory(path: "/work/flows"))
        j.send(.listed(path: "/work/flows", entries: Self.listing, error: nil))
        guard case .browser(let b) = j.state.mode else { Issue.record("no browser"); return }
        #expect(b.shown.map(\.name) == ["..", "flows", "alpha.json", "legacy.json", "zeta.json"])
        try j.expectGolden("browser")
        j.press("Down", "Enter")
        #expect(j.effects.last == .listDirectory(path: "/work/flows/flows"))
        j.send(.listed(path: "/work/flows/flows", entries: [], error: nil))
        j.press("BSpace")
        #expect(j.effects.last == .listDirectory(path: "/work/flows"))
        j.send(.listed(path: "/work/flows", entries: Self.listing, error: nil))
        j.press("text:leg")
        guard case .browser(let filtered) = j.state.mode else { Issue.record("no browser"); return }
        #expect(filtered.shown.map(\.name) == ["legacy.json"])
        j.press("Enter")
        #expect(j.effects.last == .open(path: "/work/flows/legacy.json"))
        #expect(j.state.mode == .normal)
        j.send(.opened(path: "/work/flows/legacy.json", text: legacyText, error: nil))
        #expect(j.state.filePath == "/work/flows/legacy.json")
        #expect(j.state.doc.actionNames == ["F1", "F2"])
        #expect(j.state.toast?.contains("migrated from FaaSr 1.x") == true)
        #expect(j.state.isDirty)
    }

    @Test("a folder that cannot be listed says why; Esc closes the browser")
    func browserError() throws {
        var j = try Journey(text: tutorialText)
        j.press(":", "text:e", "Enter")
        #expect(j.effects.last == .listDirectory(path: "/tmp"))
        j.send(.listed(path: "/tmp", entries: nil, error: "cannot list /tmp: Permission denied"))
        #expect(j.screen.contains("cannot list /tmp: Permission denied"))
        j.press("Escape")
        #expect(j.state.mode == .normal)
    }

    @Test("the runner lists a real folder: absolute path, folders marked, hidden and non-JSON names left out")
    func realListing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("faasr-tui-list-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for f in ["b.json", "a.json", ".hidden.json", "readme.md"] { FileManager.default.createFile(atPath: dir + "/" + f, contents: Data("{}".utf8)) }
        guard case .listed(let path, let entries?, nil) = EffectRunner.perform(.listDirectory(path: dir + "/sub/..")) else {
            Issue.record("no listing"); return
        }
        #expect(path.hasPrefix("/") && !path.contains(".."))
        #expect(FileBrowser.visible(entries) == [DirectoryEntry(name: "sub", isDirectory: true), DirectoryEntry(name: "a.json", isDirectory: false),
                                                   DirectoryEntry(name: "b.json", isDirectory: false)])
        guard case .listed(_, nil, let error?) = EffectRunner.perform(.listDirectory(path: dir + "/missing")) else {
            Issue.record("no error"); return
        }
        #expect(error.contains("missing"))
    }

    @Test("opening another file over unsaved changes asks first; yes drops the old recovery file")
    func openAsks() throws {
        var j = try Journey(text: tutorialText)
        j.press("e", "j", "e")
        #expect(j.state.isDirty)
        j.press(":", "text:e /tmp/other.json", "Enter")
        guard case .confirm(_, let message, _, .discardAndOpen(let path)) = j.state.mode else { Issue.record("no confirm"); return }
        #expect(message == "Discard unsaved changes and open other.json?")
        #expect(path == "/tmp/other.json")
        j.press("n")
        #expect(!j.effects.contains(.open(path: "/tmp/other.json")))
        #expect(j.state.isDirty)
        j.press(":", "text:e /tmp/other.json", "Enter", "y")
        #expect(j.effects.last == .open(path: "/tmp/other.json"))
        j.send(.opened(path: "/tmp/other.json", text: tutorialText, error: nil))
        #expect(j.effects.suffix(2) == [.removeRecovery(path: "/tmp/.wf.json.faasr-recovery"), .readRecovery(path: "/tmp/.other.json.faasr-recovery")])
        j.send(.recovery(path: "/tmp/.other.json.faasr-recovery", text: nil))
        #expect(j.state.mode == .normal)
        #expect(j.state.filePath == "/tmp/other.json" && !j.state.isDirty)
        j.send(.opened(path: "/tmp/bad.json", text: "{ nope", error: nil))
        #expect(j.state.filePath == "/tmp/other.json")
        #expect(j.state.toast?.contains("/tmp/bad.json") == true)
    }

    @Test(":new offers the templates; a template starts unsaved with no file; asks over unsaved changes")
    func newFromTemplate() throws {
        var j = try Journey(text: tutorialText)
        j.press(":", "text:new", "Enter")
        guard case .picker(_, let options, _, _, .newTemplate) = j.state.mode else { Issue.record("no picker"); return }
        #expect(options.map { String($0.split(separator: " ")[0]) } == ["empty", "tutorial", "diamond", "conditional"])
        j.press("text:diam")
        try j.expectGolden("new-template")
        j.press("Enter")
        #expect(j.state.doc.actionNames == ["start", "left", "right", "join"])
        #expect(j.state.filePath == nil && j.state.isDirty)
        #expect(j.state.problems.filter { $0.severity == .error } == [])
        j.press(":", "text:new conditional", "Enter")
        guard case .confirm(_, _, _, .discardAndNew("conditional")) = j.state.mode else { Issue.record("no confirm"); return }
        j.press("y")
        #expect(j.state.doc.edges(of: "start").map(\.condition) == [.onTrue, .onFalse])
        j.press("C-s")
        guard case .prompt(_, _, .saveAs) = j.state.mode else { Issue.record("no save-as prompt"); return }
        j.press("C-u", "text:/tmp/cond.json", "Enter")
        #expect(j.effects.last == .save(path: "/tmp/cond.json", text: j.state.doc.text))
        j.send(.saved(path: "/tmp/cond.json", error: nil))
        #expect(j.state.filePath == "/tmp/cond.json" && !j.state.isDirty)
    }

    @Test("every template validates, and samples/templates holds the same files")
    func templates() throws {
        let dir = EndToEndTmuxTests.packageRoot.appendingPathComponent("samples/templates")
        for name in WorkflowTemplates.names {
            let doc = try #require(WorkflowTemplates.document(name), "template \(name)")
            let errors = WorkflowCheck.problems(in: doc).filter { $0.severity == .error }
            #expect(name == "empty" ? true : errors.isEmpty, "\(name): \(errors)")
            let file = dir.appendingPathComponent("\(name).json")
            let text = doc.text
            if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" || !FileManager.default.fileExists(atPath: file.path) {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == text, "samples/templates/\(name).json differs from the compiled-in template")
        }
    }

    @Test(":w PATH saves elsewhere and the file becomes PATH; the preview diff shows the pending save")
    func saveAs() throws {
        var j = try Journey(text: tutorialText)
        j.press("e", "j", "e", ":", "text:w /tmp/copy.json", "Enter")
        #expect(j.effects.last == .save(path: "/tmp/copy.json", text: j.state.doc.text))
        j.press(":", "text:preview", "Enter")
        #expect(j.screen.contains("+   \"FunctionInvoke\": \"sum\""))
        j.press("q")
        j.send(.saved(path: "/tmp/copy.json", error: nil))
        #expect(j.state.filePath == "/tmp/copy.json")
        #expect(j.effects.suffix(2) == [.removeRecovery(path: "/tmp/.copy.json.faasr-recovery"), .removeRecovery(path: "/tmp/.wf.json.faasr-recovery")])
    }

    @Test("a file opened in the session offers its recovery file, as at start-up")
    func recoveryOnOpen() throws {
        var j = try Journey(text: tutorialText)
        j.press(":", "text:e /tmp/b.json", "Enter")
        j.send(.opened(path: "/tmp/b.json", text: tutorialText, error: nil))
        #expect(j.effects.last == .readRecovery(path: "/tmp/.b.json.faasr-recovery"))
        var edited = j.state.doc
        edited.setTop("WorkflowName", "recovered-name")
        j.send(.recovery(path: "/tmp/.b.json.faasr-recovery", text: edited.text))
        guard case .confirm(let title, _, _, .recover) = j.state.mode else { Issue.record("no recovery offer"); return }
        #expect(title == "Recover")
        j.press("y")
        #expect(j.state.doc.string("WorkflowName") == "recovered-name" && j.state.isDirty)
    }
}
