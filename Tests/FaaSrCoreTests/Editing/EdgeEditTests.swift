import Testing
@testable import FaaSrCore

@Suite("Editing edges")
struct EdgeEditTests {
    private func chain() throws -> Workflow {
        try Workflow(text: """
        {"ActionList": {"a": {"InvokeNext": ["b"]}, "b": {"InvokeNext": "c"}, "c": {}, "d": {"InvokeNext": []}}}
        """)
    }

    @Test func addsPlainRankedAndConditionalEdges() throws {
        var wf = try chain()
        try wf.addSuccessor(from: "a", to: "c", rank: 2)
        try wf.addSuccessor(from: "a", to: "d", branch: .onTrue)
        try wf.addSuccessor(from: "a", to: "c", branch: .onFalse)
        try wf.addSuccessor(from: "a", to: "b", branch: .onFalse)
        #expect(wf.action(named: "a")?.object["InvokeNext"] == ["b", "c(2)", ["True": ["d"], "False": ["c", "b"]]])
        let s = try wf.addSuccessor(from: "c", to: "d")
        #expect(wf.action(named: "c")?.object["InvokeNext"] == ["d"])
        #expect(s.changes.first?.kind == .added)
    }

    @Test func addToBareStringMakesAList() throws {
        var wf = try chain()
        let s = try wf.addSuccessor(from: "b", to: "d")
        #expect(wf.action(named: "b")?.object["InvokeNext"] == ["c", "d"])
        #expect(s.notes.count == 1)
    }

    @Test func refusesDuplicatesUnknownsAndBadRanks() throws {
        var wf = try chain()
        #expect(throws: EditError.edgeExists(from: "a", to: "b", branch: .always)) { try wf.addSuccessor(from: "a", to: "b") }
        #expect(throws: EditError.notFound(kind: "action", name: "x")) { try wf.addSuccessor(from: "a", to: "x") }
        #expect(throws: EditError.invalidRank(0)) { try wf.addSuccessor(from: "a", to: "c", rank: 0) }
    }

    @Test func removesEdgesInEveryForm() throws {
        var wf = try Workflow(text: #"{"ActionList": {"a": {"InvokeNext": ["b(2)", {"True": ["b"], "False": ["c"]}]}, "b": {}, "c": {}}}"#)
        try wf.removeSuccessor(from: "a", to: "b", branch: .onTrue)
        #expect(wf.action(named: "a")?.object["InvokeNext"] == ["b(2)", ["True": [], "False": ["c"]]])
        try wf.removeSuccessor(from: "a", to: "b")
        #expect(wf.action(named: "a")?.successors.map(\.name) == ["c"])
        #expect(throws: EditError.edgeNotFound(from: "a", to: "b")) { try wf.removeSuccessor(from: "a", to: "b") }
    }

    @Test func removesBareStringEdge() throws {
        var wf = try chain()
        try wf.removeSuccessor(from: "b", to: "c")
        #expect(wf.action(named: "b")?.object["InvokeNext"] == [])
    }

    @Test func reordersItems() throws {
        var wf = try Workflow(text: #"{"ActionList": {"a": {"InvokeNext": ["b", "c", "d"]}, "b": {}, "c": {}, "d": {}}}"#)
        try wf.moveSuccessor(of: "a", from: 2, to: 0)
        #expect(wf.action(named: "a")?.object["InvokeNext"] == ["d", "b", "c"])
        #expect(throws: EditError.indexOutOfRange(5, count: 3)) { try wf.moveSuccessor(of: "a", from: 5, to: 0) }
    }

    @Test func shiftsPlainEdgesPastItemsAndBranchEdgesWithinTheirBranch() throws {
        var wf = try Workflow(text: #"{"ActionList": {"a": {"InvokeNext": ["b(2)", {"True": ["c", "d"], "False": ["b"]}, "d"]}, "b": {}, "c": {}, "d": {}}}"#)
        try wf.shiftSuccessor(from: "a", to: "b", by: 1)
        #expect(wf.action(named: "a")?.object["InvokeNext"] == [["True": ["c", "d"], "False": ["b"]], "b(2)", "d"])
        try wf.shiftSuccessor(from: "a", to: "d", branch: .onTrue, by: -1)
        #expect(wf.action(named: "a")?.object["InvokeNext"] == [["True": ["d", "c"], "False": ["b"]], "b(2)", "d"])
        let s = try wf.shiftSuccessor(from: "a", to: "d", by: -2)
        #expect(wf.action(named: "a")?.object["InvokeNext"] == ["d", ["True": ["d", "c"], "False": ["b"]], "b(2)"])
        #expect(s.changes.first?.kind == .modified)
        #expect(throws: EditError.indexOutOfRange(-1, count: 3)) { try wf.shiftSuccessor(from: "a", to: "d", by: -1) }
        #expect(throws: EditError.indexOutOfRange(1, count: 1)) { try wf.shiftSuccessor(from: "a", to: "b", branch: .onFalse, by: 1) }
        #expect(throws: EditError.edgeNotFound(from: "a", to: "c")) { try wf.shiftSuccessor(from: "a", to: "c", by: 1) }
        #expect(throws: EditError.notFound(kind: "action", name: "x")) { try wf.shiftSuccessor(from: "x", to: "c", by: 1) }
    }

    @Test func setsBranchKeepingRank() throws {
        var wf = try Workflow(text: #"{"ActionList": {"a": {"InvokeNext": ["b(3)", "c"]}, "b": {}, "c": {}}}"#)
        try wf.setBranch(from: "a", to: "b", branch: .onTrue)
        #expect(wf.action(named: "a")?.object["InvokeNext"] == ["c", ["True": ["b(3)"]]])
        try wf.setBranch(from: "a", to: "b", branch: .onFalse)
        #expect(wf.action(named: "a")?.object["InvokeNext"] == ["c", ["True": [], "False": ["b(3)"]]])
        try wf.setBranch(from: "a", to: "b", branch: .always)
        #expect(wf.action(named: "a")?.successors.last?.raw == "b(3)")
        #expect(wf.action(named: "a")?.successors.last?.branch == .always)
    }

    @Test func setsAndClearsRank() throws {
        var wf = try chain()
        try wf.setRank(from: "a", to: "b", rank: 4)
        #expect(wf.graph.edges.first?.rank == 4)
        try wf.setRank(from: "a", to: "b", rank: nil)
        #expect(wf.action(named: "a")?.object["InvokeNext"] == ["b"])
        #expect(throws: EditError.edgeNotFound(from: "a", to: "d")) { try wf.setRank(from: "a", to: "d", rank: 2) }
    }
}
