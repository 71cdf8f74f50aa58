import FaaSrCore
import Testing
@testable import FaaSrTUI

@Suite("Web builder export and more edits")
struct ExportTests {
    @Test("export: the document as it is (no containers added, empties kept), credentials out, layout from FaaSrLayout")
    func export() throws {
        let doc = try DesignDocument(text: tutorialText)
        let wf = try JSONDocument(text: WebBuilderExport.workflowText(doc)).root
        #expect(wf == doc.root)
        #expect(wf["ActionContainers"] == nil)
        #expect(wf["DataStores"]?["S3"]?["Endpoint"] == "")
        let layout = try JSONDocument(text: WebBuilderExport.layoutText(doc)).root
        #expect(layout["nodes"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["start", "sum"])
        #expect(layout["edges"]?.arrayValue?.first?["id"] == "start-sum")
    }

    @Test("servers and stores can be duplicated; unknown action keys are editable rows")
    func duplicateAndExtraKeys() throws {
        var j = try Journey(text: tutorialText)
        j.press("2", "y", "C-u", "text:GH2", "Enter")
        #expect(j.state.doc.serverNames == ["GH", "GH2"])
        j.press("3", "y", "C-u", "text:S3b", "Enter")
        #expect(j.state.doc.storeNames == ["S3", "S3b"])
        var k = try Journey(text: tutorialText.replacingOccurrences(of: "\"Type\": \"Python\", \"Arguments\"", with: "\"Type\": \"Python\", \"MaxMemory\": 512, \"Arguments\""))
        k.press("Enter")
        let i = try #require(k.state.formRows.firstIndex { $0.label == "MaxMemory" })
        for _ in 0..<i { k.press("j") }
        k.press("Enter", "C-u", "text:1024", "Enter")
        #expect(k.state.doc.action("start")?["MaxMemory"] == 1024)
        k.press("4", "Enter", "G", "Enter", "text:VMConfig={\"Name\": \"vm1\", \"Provider\": \"AWS\"}", "Enter")
        #expect(k.state.doc.root["VMConfig"]?["Provider"] == "AWS")
        k.press("4", "G")
        #expect(k.state.selectedName == "VMConfig")
        #expect(k.state.formRows.contains { $0.label == "Name" && $0.value == "vm1" })
    }
}

@Suite("Mouse and keys")
struct MouseTests {
    @Test("a click focuses the pane under it and selects the row; the wheel moves")
    func click() throws {
        var j = try Journey(text: tutorialText)
        let layout = ScreenLayout(size: j.state.size)
        j.send(.mouse(MouseEvent(kind: .press, x: layout.list.x + 3, y: layout.list.y + 3)))
        #expect(j.state.focus == .list)
        #expect(j.state.selectedName == "sum")
        j.send(.mouse(MouseEvent(kind: .press, x: layout.details.x + 3, y: layout.details.y + 2)))
        #expect(j.state.focus == .details)
        #expect(j.state.fieldIndex == 1)
        j.send(.mouse(MouseEvent(kind: .wheelDown, x: 0, y: 0)))
        #expect(j.state.fieldIndex == 2)
    }

    @Test("Ctrl-C asks before quitting with unsaved changes")
    func ctrlC() throws {
        var j = try Journey(text: tutorialText)
        j.press("e", "j", "e", "C-c")
        guard case .confirm = j.state.mode else { Issue.record("no confirm"); return }
        #expect(!j.effects.contains(.quit))
    }
}
