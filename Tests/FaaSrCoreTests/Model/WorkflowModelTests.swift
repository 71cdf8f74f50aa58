import Testing
@testable import FaaSrCore

@Suite("Workflow model")
struct WorkflowModelTests {
    @Test func readsTopLevelFields() throws {
        let wf = try ModelFixtures.workflow()
        #expect(wf.workflowName == "demo")
        #expect(wf.functionInvoke == "start")
        #expect(wf.defaultDataStore == "S3")
        #expect(wf.loggingDataStore == "S3")
        #expect(wf.effectiveFaaSrLog == "FaaSrLog")
        #expect(wf.secrets == ["MY_KEY"])
        #expect(wf.invocationID == nil)
        #expect(wf.functionRank == nil)
    }

    @Test func appliesRuntimeDefaults() throws {
        let wf = try Workflow(text: #"{"DefaultDataStore": "D", "LoggingDataStore": null, "FaaSrLog": ""}"#)
        #expect(wf.effectiveLoggingDataStore == "D")
        #expect(wf.effectiveFaaSrLog == "FaaSrLog")
    }

    @Test func readsActionsInOrder() throws {
        let wf = try ModelFixtures.workflow()
        #expect(wf.actionNames == ["start", "work", "done"])
        let start = try #require(wf.action(named: "start"))
        #expect(start.functionName == "begin")
        #expect(start.faasServer == "GH")
        #expect(start.type == .python)
        #expect(start.arguments?["n"] == 5)
        #expect(start.unknownKeys == ["Custom"])
        #expect(wf.action(named: "work")?.type == .r)
        #expect(wf.action(named: "nope") == nil)
        #expect(wf.functionNames == ["begin", "work_fn", "finish"])
    }

    @Test func duplicateActionKeysReadAsFaaSrDoes() throws {
        let wf = try Workflow(text: #"{"ActionList": {"a": {"FunctionName": "x"}, "b": {}, "a": {"FunctionName": "y"}}}"#)
        #expect(wf.actionNames == ["a", "b"])
        #expect(wf.actions.first?.functionName == "y")
    }

    @Test func readsServersStoresAndMaps() throws {
        let wf = try ModelFixtures.workflow()
        #expect(wf.computeServerNames == ["GH", "AWS"])
        let gh = try #require(wf.computeServer(named: "GH"))
        #expect(gh.faasType == .gitHubActions)
        #expect(gh.userName == "u")
        #expect(gh.useSecretStore == true)
        #expect(wf.computeServer(named: "AWS")?.faasType == .lambda)
        #expect(wf.computeServer(named: "AWS")?.useSecretStore == nil)
        let s3 = try #require(wf.dataStore(named: "S3"))
        #expect(s3.bucket == "b")
        #expect(s3.isAnonymous)
        #expect(s3.inlineCredentialFields.isEmpty)
        #expect(wf.actionContainer(for: "work") == "img:2")
        #expect(wf.functionGitRepo.map(\.values) == [["o/r"], ["o/a", "o/b"]])
        #expect(wf.functionGitRepo.first?.isSingleString == true)
        #expect(wf.pyPIPackageDownloads.first?.pointer == "/PyPIPackageDownloads/begin")
        #expect(wf.vmConfig?.name == "VM")
        #expect(wf.vmConfig?.provider == "AWS")
    }

    @Test func toleratesWrongShapes() throws {
        let wf = try Workflow(text: #"{"ActionList": [1], "ComputeServers": "x", "Secrets": {}}"#)
        #expect(wf.actions.isEmpty)
        #expect(wf.computeServers.isEmpty)
        #expect(wf.secrets == nil)
        let notObject = try Workflow(text: "[]")
        #expect(!notObject.isObject)
        #expect(notObject.functionInvoke == nil)
    }

    @Test func locatesFields() throws {
        let wf = try ModelFixtures.workflow()
        let loc = try #require(wf.location(of: "/ActionList/work/FunctionName"))
        #expect(loc.line == 17)
    }

    @Test func roundTripsUnedited() throws {
        let wf = try ModelFixtures.workflow()
        let again = try Workflow(text: wf.serializedPreservingLayout())
        #expect(again.document.root == wf.document.root)
    }
}
