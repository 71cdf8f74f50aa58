import Testing
@testable import FaaSrCore

@Suite("Editing servers, stores and fields")
struct ResourceEditTests {
    @Test func addsRenamesAndDeletesServers() throws {
        var wf = try ModelFixtures.workflow()
        try wf.addComputeServer("OW", type: .openWhisk, fields: [("Endpoint", "https://x"), ("Namespace", "n")])
        #expect(wf.computeServer(named: "OW")?.object.keys == ["FaaSType", "Endpoint", "Namespace"])
        let r = try wf.renameComputeServer("GH", to: "GitHub")
        #expect(wf.computeServerNames == ["GitHub", "AWS", "OW"])
        #expect(wf.action(named: "start")?.faasServer == "GitHub")
        #expect(wf.action(named: "work")?.faasServer == "GitHub")
        #expect(r.notes == ["Updated FaaSServer in start, work."])
        let d = try wf.deleteComputeServer("AWS")
        #expect(d.notes == ["done still name 'AWS' as FaaSServer; choose another server."])
        try wf.duplicateComputeServer("GitHub", as: "GH2")
        #expect(wf.computeServerNames == ["GitHub", "GH2", "OW"])
        try wf.deleteComputeServer("GitHub", reassignTo: "GH2")
        #expect(wf.action(named: "start")?.faasServer == "GH2")
        #expect(throws: EditError.nameTaken(kind: "compute server", name: "OW")) { try wf.renameComputeServer("GH2", to: "OW") }
    }

    @Test func addsRenamesAndDeletesStores() throws {
        var wf = try ModelFixtures.workflow()
        try wf.addDataStore("Minio", bucket: "m", endpoint: "http://127.0.0.1:9000")
        #expect(wf.dataStore(named: "Minio")?.object.keys == ["Endpoint", "Bucket", "Region"])
        let r = try wf.renameDataStore("S3", to: "Main")
        #expect(wf.defaultDataStore == "Main")
        #expect(wf.loggingDataStore == "Main")
        #expect(r.notes.count == 2)
        #expect(wf.dataStoreNames == ["Main", "Minio"])
        let d = try wf.deleteDataStore("Main")
        #expect(wf.defaultDataStore == "Minio")
        #expect(d.notes.contains("DefaultDataStore moves from 'Main' to 'Minio'."))
        let last = try wf.deleteDataStore("Minio")
        #expect(last.notes.contains("DefaultDataStore still names 'Minio'; add a data store."))
    }

    @Test func firstStoreBecomesDefault() throws {
        var wf = Workflow(root: [:])
        try wf.addDataStore("S3", bucket: "b")
        #expect(wf.defaultDataStore == "S3")
    }

    @Test func setsAndRemovesFields() throws {
        var wf = try ModelFixtures.workflow()
        let s = try wf.setActionField("work", "MaxMemory", to: .number(JSONNumber(text: "512.0")))
        #expect(s.changes.first?.kind == .added)
        #expect(wf.action(named: "work")?.object.keys.last == "MaxMemory")
        try wf.setActionField("work", "FunctionName", to: "renamed")
        #expect(wf.action(named: "work")?.object.keys.first == "FunctionName")
        try wf.setTopLevelField("WorkflowName", to: "other")
        #expect(wf.root.keys.first == "WorkflowName")
        try wf.setField("/VMConfig/RunnerName", to: "r1")
        #expect(wf.vmConfig?.runnerName == "r1")
        try wf.setField("/New/Nested", to: 1)
        #expect(wf.root["New"] == ["Nested": 1])
        let rm = try wf.removeField("/Extra")
        #expect(rm.changes.first?.kind == .removed)
        #expect(try wf.removeField("/Nope").isEmpty)
        #expect(throws: EditError.badPath("/Secrets/x/y")) { try wf.setField("/Secrets/x/y", to: 1) }
        #expect(wf.serializedCanonical().contains(#""MaxMemory": 512.0"#))
    }
}
