import Testing
@testable import FaaSrCore

@Suite("Editing package lists, containers and secret names")
struct ListEditTests {
    @Test func packageListsAddReplaceRemove() throws {
        var wf = try ModelFixtures.workflow()
        let map = WorkflowKey.pyPIPackageDownloads
        try wf.addFunctionMapItem(map, function: "f", value: "  numpy ")
        try wf.addFunctionMapItem(map, function: "f", value: "pandas")
        #expect(wf.root[map]?["f"] == ["numpy", "pandas"])
        #expect(throws: EditError.nameTaken(kind: "\(map) entry", name: "numpy")) { try wf.addFunctionMapItem(map, function: "f", value: "numpy") }
        #expect(throws: EditError.self) { try wf.addFunctionMapItem(map, function: "f", value: "   ") }
        #expect(throws: EditError.nameTaken(kind: "\(map) entry", name: "pandas")) { try wf.replaceFunctionMapItem(map, function: "f", at: 0, with: "pandas") }
        let s = try wf.replaceFunctionMapItem(map, function: "f", at: 0, with: "scipy")
        #expect(s.changes.count == 1)
        #expect(wf.root[map]?["f"] == ["scipy", "pandas"])
        try wf.removeFunctionMapItem(map, function: "f", at: 1)
        try wf.removeFunctionMapItem(map, function: "f", at: 0)
        #expect(wf.root[map]?["f"] == nil && wf.root[map]?["begin"] == ["numpy"], "other functions' entries stay")
        var alone = Workflow(root: ["ActionList": [:], "PyPIPackageDownloads": ["f": ["x"]]])
        try alone.removeFunctionMapItem(map, function: "f", at: 0)
        #expect(alone.root[map] == nil, "an emptied map goes (the schema wants at least one entry)")
        #expect(throws: EditError.indexOutOfRange(0, count: 0)) { try wf.removeFunctionMapItem(map, function: "f", at: 0) }
    }

    @Test func singleStringEntryBecomesAList() throws {
        var wf = Workflow(root: ["ActionList": [:], "FunctionCRANPackage": ["f": "dplyr"]])
        try wf.addFunctionMapItem(WorkflowKey.functionCRANPackage, function: "f", value: "tidyr")
        #expect(wf.root["FunctionCRANPackage"]?["f"] == ["dplyr", "tidyr"])
    }

    @Test func containerSetAndCleared() throws {
        var wf = try ModelFixtures.workflow()
        let name = try #require(wf.actionNames.first)
        try wf.setActionContainer(name, image: " ghcr.io/me/img:1 ")
        #expect(wf.actionContainer(for: name) == "ghcr.io/me/img:1")
        try wf.setActionContainer(name, image: nil)
        #expect(wf.actionContainer(for: name) == nil)
        #expect(wf.root[WorkflowKey.actionContainers] == nil || wf.root[WorkflowKey.actionContainers]?.objectValue?.isEmpty == false)
        #expect(throws: EditError.notFound(kind: "action", name: "nope")) { try wf.setActionContainer("nope", image: "x") }
    }

    @Test func secretNamesFollowTheSchemaPattern() throws {
        var wf = Workflow(root: ["ActionList": [:]])
        try wf.addSecretName("MY_KEY")
        try wf.addSecretName("OTHER_2")
        #expect(wf.secrets == ["MY_KEY", "OTHER_2"])
        #expect(throws: EditError.invalidName(kind: "secret", name: "lower", rule: Workflow.secretNameRule)) { try wf.addSecretName("lower") }
        #expect(throws: EditError.nameTaken(kind: "secret", name: "MY_KEY")) { try wf.addSecretName("MY_KEY") }
        try wf.renameSecretName(at: 1, to: "THIRD")
        #expect(wf.secrets == ["MY_KEY", "THIRD"])
        try wf.removeSecretName(at: 0)
        try wf.removeSecretName(at: 0)
        #expect(wf.root["Secrets"] == nil)
        #expect(Workflow.isValidSecretName("A1_B") && !Workflow.isValidSecretName("1A") && !Workflow.isValidSecretName("A-B"))
    }
}
