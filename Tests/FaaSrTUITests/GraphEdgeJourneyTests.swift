import FaaSrCore
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// A fan-out/fan-in: `start` invokes `a`, `b` and `c`, which all invoke `join`.
let fanText = """
{
  "ActionList": {
    "start": {"FunctionName": "start", "FaaSServer": "GH", "Type": "Python", "InvokeNext": ["a", "b", "c"]},
    "a": {"FunctionName": "a", "FaaSServer": "GH", "Type": "Python", "InvokeNext": ["join"]},
    "b": {"FunctionName": "b", "FaaSServer": "GH", "Type": "Python", "InvokeNext": ["join"]},
    "c": {"FunctionName": "c", "FaaSServer": "GH", "Type": "Python", "InvokeNext": ["join"]},
    "join": {"FunctionName": "join", "FaaSServer": "GH", "Type": "Python"}
  },
  "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "me", "ActionRepoName": "FaaSr-workflow", "Branch": "main"}},
  "DataStores": {"S3": {"Endpoint": "", "Bucket": "faasr", "Region": "us-east-1", "Writable": "TRUE"}},
  "FunctionInvoke": "start",
  "DefaultDataStore": "S3",
  "FunctionGitRepo": {"start": "me/repo", "a": "me/repo", "b": "me/repo", "c": "me/repo", "join": "me/repo"},
  "WorkflowName": "fan"
}
"""

/// Editing edges in the graph pane: keys in, state, effects and a screen golden out.
@Suite("Graph edge journeys")
struct GraphEdgeJourneyTests {
    static let recovery = "/tmp/.wf.json.faasr-recovery"

    func invokeNext(_ j: Journey, _ a: String = "start") -> JSONValue? { j.state.doc.action(a)?["InvokeNext"] }

    /// Every edit re-validates: the problems are the validator's for the new document.
    func expectLiveProblems(_ j: Journey, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(j.state.problems == WorkflowCheck.problems(in: j.state.doc), sourceLocation: sourceLocation)
    }

    @Test("] and [ cycle through the selected action's outgoing edges; Esc and moving clear the choice")
    func selectEdges() throws {
        var j = try Journey(text: fanText)
        j.press("5", "]")
        #expect(j.state.focus == .dag)
        #expect(j.state.graphEdge == EdgeSelection(from: "start", target: "a", condition: .always))
        #expect(j.screen.contains("edge 1/3 start → a always"))
        j.press("]")
        #expect(j.state.selectedEdgeIndex == 1)
        try j.expectGolden("graph-edge-select")
        j.press("[", "[")
        #expect(j.state.graphEdge?.target == "c", "wraps around")
        j.press("Escape")
        #expect(j.state.graphEdge == nil)
        #expect(j.state.focus == .dag)
        j.press("]", "j")
        #expect(j.state.selectedEdgeIndex == nil)
        #expect(j.state.selectedAction != "start")
        j.press("G", "]")
        #expect(j.state.graphEdge == nil)
        #expect(j.state.toast == "'join' invokes nothing yet: > adds an edge")
        #expect(j.effects.isEmpty, "selecting edits nothing")
        #expect(j.state.history.past.isEmpty)
    }

    @Test("t makes the selected edge True, False, then unconditional; one undo step each")
    func branch() throws {
        var j = try Journey(text: fanText)
        j.press("5", "]", "t")
        #expect(invokeNext(j) == ["b", "c", ["True": ["a"]]])
        #expect(j.state.graphEdge == EdgeSelection(from: "start", target: "a", condition: .onTrue), "the selection follows the edge")
        #expect(j.effects.last == .writeRecovery(path: Self.recovery, text: j.state.doc.text))
        expectLiveProblems(j)
        try j.expectGolden("graph-edge-true")
        j.press("t")
        #expect(j.state.doc.edgeTexts(of: "start").contains("a False"))
        j.press("t")
        #expect(j.state.doc.edgeTexts(of: "start").contains("a always"))
        #expect(j.state.history.past.count == 3)
        j.press("u")
        #expect(j.state.doc.edgeTexts(of: "start").contains("a False"))
        // The palette names the branch outright.
        j.press(":", "text:edge true", "Enter")
        #expect(j.state.doc.edgeTexts(of: "start").contains("a True"))
        j.press(":", "text:edge true", "Enter")
        #expect(j.state.toast == "start → a is already True")
        j.press(":", "text:edge always", "Enter")
        #expect(j.state.doc.edges(of: "start").map(\.condition) == [.always, .always, .always])
        expectLiveProblems(j)
    }

    @Test("# sets and clears the selected edge's rank F(N); + and - step it; bad input changes nothing")
    func rank() throws {
        var j = try Journey(text: fanText)
        j.press("5", "]", "]", "#")
        guard case .prompt(let title, _, .setRank) = j.state.mode else { Issue.record("no rank prompt"); return }
        #expect(title == "Rank of start → b (empty or 1 clears)")
        j.press("text:3", "Enter")
        #expect(invokeNext(j) == ["a", "b(3)", "c"])
        #expect(j.state.history.past.count == 1)
        expectLiveProblems(j)
        try j.expectGolden("graph-edge-rank")
        j.press("+")
        #expect(invokeNext(j) == ["a", "b(4)", "c"])
        j.press("-", "-", "-")
        #expect(invokeNext(j) == ["a", "b", "c"])
        j.press("#", "text:0", "Enter")
        #expect(j.state.toast?.contains("'0' is not a rank") == true)
        #expect(invokeNext(j) == ["a", "b", "c"])
        j.press("#", "text:2", "Enter", "#", "C-u", "Enter")
        #expect(invokeNext(j) == ["a", "b", "c"])
        #expect(j.state.toast == "rank of start → b cleared")
        #expect(j.state.history.past.count == 7)
        #expect(j.state.graphEdge?.target == "b")
    }

    @Test("J and K move the selected edge later and earlier in the trigger order")
    func reorder() throws {
        var j = try Journey(text: fanText)
        j.press("5", "]", "J")
        #expect(invokeNext(j) == ["b", "a", "c"])
        #expect(j.state.selectedEdgeIndex == 1, "the selection follows the edge")
        j.press("J")
        #expect(invokeNext(j) == ["b", "c", "a"])
        try j.expectGolden("graph-edge-order")
        j.press("J")
        #expect(j.state.toast?.contains("already the last edge") == true)
        #expect(j.state.history.past.count == 2)
        j.press("K")
        #expect(invokeNext(j) == ["b", "a", "c"])
        // A True edge moves within its branch; a plain edge past the whole conditional object.
        j.press("t", "[", "t", "K")
        #expect(invokeNext(j) == ["b", ["True": ["c", "a"]]])
        j.press("[", "J")
        #expect(invokeNext(j) == [["True": ["c", "a"]], "b"])
        expectLiveProblems(j)
        j.press("u", "u")
        #expect(invokeNext(j) == ["b", ["True": ["a", "c"]]])
    }

    @Test("x removes the selected edge; validation updates the problems and the error styling")
    func remove() throws {
        var j = try Journey(text: fanText)
        // A cycle made in the graph: join → start.
        j.press("5", "G", ">", "text:start", "Enter")
        #expect(j.state.doc.edges(of: "join").map(\.target) == ["start"])
        #expect(j.state.problems.contains { $0.severity == .error && $0.message.contains("cycle") })
        let before = render(j.state).canvas
        #expect(before.cells.contains { $0.role == .error }, "the cycle is drawn in error style")
        #expect(j.screen.contains("error(s)"))
        j.press("]")
        try j.expectGolden("graph-edge-cycle")
        j.press("x")
        #expect(j.state.doc.edges(of: "join") == [])
        #expect(j.state.graphEdge == nil)
        #expect(!j.state.problems.contains { $0.severity == .error })
        #expect(!render(j.state).canvas.cells.contains { $0.role == .error })
        expectLiveProblems(j)
        // Removing keeps the next edge selected.
        j.press("g", "]", "]", "x")
        #expect(invokeNext(j) == ["a", "c"])
        #expect(j.state.graphEdge?.target == "c")
        #expect(j.state.history.past.count == 3)
        j.press("u")
        #expect(invokeNext(j) == ["a", "b", "c"])
    }

    @Test("edge keys without a selected edge explain what to do, and change nothing")
    func noEdgeSelected() throws {
        var j = try Journey(text: fanText)
        j.press("5", "t")
        #expect(j.state.toast?.hasPrefix("select an edge first") == true)
        j.press("x", "#", "J")
        #expect(j.state.mode == .normal)
        #expect(j.state.history.past.isEmpty)
    }

    @Test("the graph's edge keys are in the keymap, so help and the palette list them")
    func keysListed() throws {
        let dagHelp = DesignerKeymap.keymap.helpLines(in: .dag).joined(separator: "\n")
        for text in ["select the next outgoing edge", "edge: cycle always, True, False", "edge: set or clear the rank",
                     "edge: move earlier", "edge: remove the selected edge"] {
            #expect(dagHelp.contains(text), "help lacks \(text)")
        }
        let palette = AppState.paletteSuggestions("edge").map(\.name)
        #expect(palette.contains("edge true") && palette.contains("edge false") && palette.contains("edge always"))
        var j = try Journey(text: fanText)
        j.press("5", "?")
        #expect(j.screen.contains("select the next outgoing edge"))
    }
}

@Suite("Graph view choice")
struct GraphViewChoiceTests {
    /// A chain of `n` actions.
    static func chain(_ n: Int) -> DesignDocument {
        var doc = DesignDocument.template()
        for i in 0..<n { try? doc.addAction("step\(i)") }
        for i in 1..<n { try? doc.addEdge(from: "step\(i - 1)", to: "step\(i)") }
        return doc
    }

    @Test("a 300-action workflow opens in the layered drawing, larger ones in the lane list; o switches")
    func layeredForLargeWorkflows() throws {
        var s = AppState(doc: Self.chain(300), filePath: nil)
        #expect(!s.showLanes)
        _ = reduce(&s, .key(.char("5")))
        _ = reduce(&s, .key(.char("G")))
        #expect(s.selectedAction == "step299")
        #expect(render(s).canvas.plainText().contains("step299"), "the viewport follows the selection")
        let huge = AppState(doc: Self.chain(AppState.laneThreshold + 1), filePath: nil)
        #expect(huge.showLanes)
        _ = reduce(&s, .key(.char("o")))
        #expect(s.showLanes)
    }
}
