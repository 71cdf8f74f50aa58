import FaaSrCore
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

@Suite("Recovery dialog and the command table")
struct RecoveryAndPaletteTests {
    static let recovery = "/tmp/.wf.json.faasr-recovery"

    func offered() throws -> Journey {
        var j = try Journey(text: tutorialText)
        var edited = j.state.doc
        edited.setTop(WorkflowKey.workflowName, .string("edited"))
        j.send(.recovery(path: Self.recovery, text: edited.text))
        guard case .confirm(_, _, _, .recover) = j.state.mode else { Issue.record("no recovery offer"); return j }
        return j
    }

    @Test("Esc keeps the recovery file: not removed, not autosaved over, not removed by quit; :recover offers it again")
    func escapeKeeps() throws {
        var j = try offered()
        j.press("Escape")
        #expect(j.state.mode == .normal)
        #expect(j.state.keptRecovery == Self.recovery)
        #expect(!j.effects.contains(.removeRecovery(path: Self.recovery)))
        j.press("e")  // an edit: no autosave over the kept file
        #expect(!j.effects.contains { if case .writeRecovery = $0 { true } else { false } })
        j.press(":", "text:recover", "Enter")
        #expect(j.effects.last == .readRecovery(path: Self.recovery))
        #expect(j.state.keptRecovery == nil)
        var k = try offered()
        k.press("Escape", "q")
        #expect(k.effects == [.quit])
    }

    @Test("n deletes the recovery file, y restores it; other keys do nothing")
    func explicitChoices() throws {
        var j = try offered()
        j.press("x", "Enter", "j")
        guard case .confirm(_, _, _, .recover) = j.state.mode else { Issue.record("a stray key closed the dialog"); return }
        j.press("n")
        #expect(j.effects == [.removeRecovery(path: Self.recovery)])
        var k = try offered()
        k.press("y")
        #expect(k.state.doc.string(WorkflowKey.workflowName) == "edited")
        #expect(k.state.isDirty)
    }

    @Test("start-up offers the recovery file through the same dialog as opening a file")
    func oneDialog() throws {
        let dir = try temporaryFolder()
        let file = dir + "/wf.json"
        let recovery = AppState.recoveryPath(for: file)
        try tutorialText.write(toFile: file, atomically: true, encoding: .utf8)
        let edited = tutorialText.replacingOccurrences(of: "\"tutorial\"", with: "\"edited\"")
        try edited.write(toFile: recovery, atomically: true, encoding: .utf8)
        let atStart = try EffectRunner.startState(path: file, size: Size(width: 100, height: 30), glyphs: .unicode)
        var opened = try DesignerFiles.state(text: tutorialText, path: file, size: Size(width: 100, height: 30), glyphs: .unicode)
        _ = reduce(&opened, .recovery(path: recovery, text: edited))
        #expect(atStart.mode == opened.mode)
        guard case .confirm(_, _, _, .recover) = atStart.mode else { Issue.record("no recovery offer at start"); return }
    }

    @Test("every palette name comes from the key table; arguments parse; help names arrows in ASCII")
    func table() {
        let names = DesignerKeymap.keymap.bindings.flatMap(\.names)
        #expect(DesignerKeymap.paletteEntries.map(\.name) == names)
        #expect(Set(names).count == names.count, "no palette name twice")
        #expect(DesignerKeymap.paletteCommand("w out.json") == .saveTo("out.json"))
        #expect(DesignerKeymap.paletteCommand("e  a b.json") == .openPath("a b.json"))
        #expect(DesignerKeymap.paletteCommand("export /tmp/x") == .exportTo("/tmp/x"))
        #expect(DesignerKeymap.paletteCommand("validate") == .validate)
        #expect(DesignerKeymap.paletteCommand("validate now") == nil)
        let ascii = DesignerKeymap.keymap.helpLines(in: .list, ascii: true).joined(separator: "\n")
        #expect(ascii.contains("j/Down") && ascii.contains("l/Right") && !ascii.contains("↓"))
        let list = DesignerKeymap.keymap.helpLines(in: .list).joined(separator: "\n")
        for text in ["select the next outgoing edge", "edge: set or clear the rank", ":export [FOLDER]", ":recover"] {
            #expect(list.contains(text), "list help lacks \(text)")
        }
        for l in DesignerKeymap.keymap.helpLines(in: .details, width: 40) { #expect(DisplayWidth.of(l) <= 40 + 12, "\(l)") }
    }

    @Test("the palette's selection moves with Down past the visible rows and stays in range")
    func paletteScroll() throws {
        var j = try Journey(text: tutorialText)
        j.press(":")
        for _ in 0..<100 { j.press("Down") }
        let count = AppState.paletteSuggestions("").count
        #expect(j.state.mode == .palette(TextField(), selected: count - 1))
        #expect(j.screen.contains(DesignerKeymap.paletteEntries[count - 1].name))
    }

    @Test("a click on a graph node selects it")
    func clickNode() throws {
        var j = try Journey(text: tutorialText)
        let layout = ScreenLayout(size: j.state.size)
        let lines = j.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var hit: (x: Int, y: Int)?
        for (y, l) in lines.enumerated() where y < layout.dag.maxY {
            let tail = String(Array(l).dropFirst(layout.dag.x))
            if let r = tail.range(of: " sum ") { hit = (layout.dag.x + tail.distance(from: tail.startIndex, to: r.lowerBound) + 1, y); break }
        }
        guard let (x, y) = hit else { Issue.record("no sum node"); return }
        j.send(.mouse(MouseEvent(kind: .press, x: x, y: y)))
        #expect(j.state.focus == .dag)
        #expect(j.state.selectedAction == "sum")
    }
}
