import Testing
@testable import FaaSrCore

@Suite("Editing actions")
struct ActionEditTests {
    @Test func addActionUsesBuilderKeyOrder() throws {
        var wf = try ModelFixtures.workflow()
        let s = try wf.addAction("extra", functionName: "f", faasServer: "GH", type: .r, after: "start")
        #expect(wf.actionNames == ["start", "extra", "work", "done"])
        #expect(wf.action(named: "extra")?.object.keys == ["FunctionName", "FaaSServer", "Type", "Arguments", "InvokeNext"])
        #expect(wf.action(named: "extra")?.type == .r)
        #expect(s.changes.map(\.kind) == [.added])
        #expect(s.notes.isEmpty)
    }

    @Test func addActionToEmptyWorkflowSetsEntry() throws {
        var wf = Workflow(root: [:])
        let s = try wf.addAction("a", functionName: "f", faasServer: "S")
        #expect(wf.functionInvoke == "a")
        #expect(s.notes.count == 1)
    }

    @Test func addActionRejectsBadOrTakenNames() throws {
        var wf = try ModelFixtures.workflow()
        #expect(throws: EditError.nameTaken(kind: "action", name: "work")) {
            try wf.addAction("work", functionName: "f", faasServer: "GH")
        }
        #expect(throws: EditError.self) { try wf.addAction("bad_name", functionName: "f", faasServer: "GH") }
        #expect(throws: EditError.notFound(kind: "action", name: "zz")) {
            try wf.addAction("ok", functionName: "f", faasServer: "GH", after: "zz")
        }
        #expect(wf.actionNames == ["start", "work", "done"])
    }

    @Test func renameUpdatesEveryReference() throws {
        var wf = try Workflow(text: """
        {"FunctionInvoke": "a", "ActionList": {
          "a": {"FunctionName": "f", "InvokeNext": ["b(2)", {"True": ["b"], "False": ["c"]}, "bb"]},
          "b": {"FunctionName": "g", "InvokeNext": "c"},
          "c": {"FunctionName": "h", "InvokeNext": ["b(x)"], "Zed": 1}
        }, "ActionContainers": {"x": "i0", "b": "i1"}}
        """)
        let s = try wf.renameAction("b", to: "B2")
        #expect(wf.actionNames == ["a", "B2", "c"])
        #expect(wf.action(named: "a")?.object["InvokeNext"] == ["B2(2)", ["True": ["B2"], "False": ["c"]], "bb"])
        #expect(wf.action(named: "c")?.object["InvokeNext"] == ["B2(x)"])
        #expect(wf.action(named: "B2")?.object["InvokeNext"] == "c")
        #expect(wf.root["ActionContainers"]?.objectValue?.keys == ["x", "B2"])
        #expect(wf.functionInvoke == "a")
        #expect(!s.notes.isEmpty)
        try wf.renameAction("a", to: "first")
        #expect(wf.functionInvoke == "first")
        #expect(wf.action(named: "c")?.object.keys == ["FunctionName", "InvokeNext", "Zed"])
    }

    @Test func renameRenamesSelfLoops() throws {
        var wf = try Workflow(text: #"{"ActionList": {"a": {"InvokeNext": ["a"]}}}"#)
        try wf.renameAction("a", to: "z")
        #expect(wf.action(named: "z")?.object["InvokeNext"] == ["z"])
    }

    @Test func duplicateCopiesFieldsAndImage() throws {
        var wf = try ModelFixtures.workflow()
        try wf.duplicateAction("start", as: "start2", keepSuccessors: false)
        #expect(wf.actionNames == ["start", "start2", "work", "done"])
        let copy = try #require(wf.action(named: "start2"))
        #expect(copy.functionName == "begin")
        #expect(copy.object["InvokeNext"] == [])
        #expect(copy.object["Custom"] == true)
        #expect(wf.actionContainer(for: "start2") == "img:1")
        try wf.duplicateAction("work", as: "work2")
        #expect(wf.action(named: "work2")?.successors.map(\.name) == ["done"])
    }

    @Test func deleteReportsWhatElseChanges() throws {
        var wf = try ModelFixtures.workflow()
        let s = try wf.deleteAction("done")
        #expect(wf.actionNames == ["start", "work"])
        #expect(wf.action(named: "start")?.object["InvokeNext"] == ["work(3)", ["True": [], "False": []]])
        #expect(wf.action(named: "work")?.object["InvokeNext"] == [])
        #expect(s.notes.contains("Removes the edge from 'start' to 'done'."))
        #expect(s.notes.contains("Removes the edge from 'work' to 'done'."))
        #expect(wf.graph.unknownTargets.isEmpty)
    }

    @Test func deleteRemovesUnusedFunctionEntriesAndMovesEntry() throws {
        var wf = try ModelFixtures.workflow()
        let s = try wf.deleteAction("start")
        #expect(wf.root["FunctionGitRepo"]?.objectValue?.keys == ["work_fn"])
        #expect(wf.root["PyPIPackageDownloads"]?.objectValue?.isEmpty == true)
        #expect(wf.actionContainer(for: "start") == nil)
        #expect(wf.functionInvoke == "work")
        #expect(s.notes.contains("FunctionInvoke moves from 'start' to 'work'."))
        #expect(s.notes.contains("Removes the FunctionGitRepo entry 'begin' (no other action runs it)."))
    }

    @Test func deleteKeepsSharedFunctionEntries() throws {
        var wf = try ModelFixtures.workflow()
        try wf.duplicateAction("work", as: "work2")
        try wf.deleteAction("work")
        #expect(wf.root["FunctionGitRepo"]?.objectValue?.keys == ["begin", "work_fn"])
    }

    @Test func failedEditLeavesWorkflowUnchanged() throws {
        var wf = try ModelFixtures.workflow()
        let before = wf.document.root
        #expect(throws: EditError.self) { try wf.renameAction("start", to: "work") }
        #expect(throws: EditError.self) { try wf.deleteAction("ghost") }
        #expect(wf.document.root == before)
    }

    @Test func moveActionReorders() throws {
        var wf = try ModelFixtures.workflow()
        try wf.moveAction("done", to: 0)
        #expect(wf.actionNames == ["done", "start", "work"])
        #expect(throws: EditError.indexOutOfRange(3, count: 3)) { try wf.moveAction("done", to: 3) }
    }

    @Test func renameFunctionUpdatesMaps() throws {
        var wf = try ModelFixtures.workflow()
        let s = try wf.renameFunction("begin", to: "init")
        #expect(wf.action(named: "start")?.functionName == "init")
        #expect(wf.root["FunctionGitRepo"]?.objectValue?.keys == ["init", "work_fn"])
        #expect(wf.root["PyPIPackageDownloads"]?.objectValue?.keys == ["init"])
        #expect(s.notes.count == 3)
    }

    @Test func editsKeepUnknownKeysOrderAndNumbers() throws {
        var wf = try ModelFixtures.workflow()
        try wf.renameAction("work", to: "crunch")
        try wf.renameComputeServer("GH", to: "GitHub")
        let text = wf.serializedCanonical()
        #expect(text.contains(#""Extra": {\#n    "keep": 1.0\#n  }"#))
        #expect(wf.root.keys.first == "WorkflowName")
        #expect(wf.action(named: "start")?.object.keys.last == "Custom")
    }
}
