import Testing
@testable import FaaSrCore

@Suite("1.x migration")
struct MigrationTests {
    private func migrate(_ text: String, _ options: MigrationOptions = MigrationOptions(fileName: "my_flow.json")) throws -> MigrationResult {
        Migrator.migrate(try Workflow(text: text), options: options)
    }

    private let minimal = """
    {"FunctionInvoke": "start", "DefaultDataStore": "S3",
     "FunctionList": {"start": {"FunctionName": "f", "FaaSServer": "GH", "InvokeNext": "next"},
                      "next": {"FunctionName": "g", "FaaSServer": "GH"}},
     "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Token": "GH_TOKEN"}},
     "DataStores": {"S3": {"Endpoint": "https://s3", "Bucket": "b", "AccessKey": "AK", "SecretKey": "SK", "Writable": "TRUE"}}}
    """

    @Test func detectsFormats() throws {
        #expect(try Workflow(text: minimal).format == .v1)
        #expect(try Workflow(text: #"{"ActionList": {}}"#).format == .v2)
        #expect(try Workflow(text: #"{"LoggingServer": "S3"}"#).format == .v1)
        #expect(try Workflow(text: "{}").format == .unknown)
        let kinds = Set(try Workflow(text: minimal).legacyFeatures.map(\.kind))
        #expect(kinds == [.functionList, .scalarInvokeNext, .inlineCredential])
    }

    @Test func detectsEveryLegacyTrait() throws {
        let wf = try Workflow(text: """
        {"LoggingServer": "S", "FunctionList": {"a_b": {"Actionname": "f", "Next": ["c[TRUE]"], "Rank": "1/2"}, "c": {"InvokeNext": null}},
         "ComputeServers": {"G": {"RepoName": "r", "SSL": "x"}}, "DataStores": {"S": {"Protocol": "http"}}}
        """)
        let kinds = wf.legacyFeatures.map(\.kind)
        for k: LegacyFeature.Kind in [.functionList, .loggingServer, .actionNameUnderscore, .actionname, .nextKey, .rankField,
                                      .conditionalSuffix, .nullInvokeNext, .legacyServerField, .storeProtocol] {
            #expect(kinds.contains(k), "\(k)")
        }
    }

    @Test(arguments: [
        ("b[TRUE]", "b", true as Bool?, nil as Int?), ("b[false](3)", "b", false, 3), ("b(2)", "b", nil, 2),
        ("b_c[True]", "b_c", true, nil),
    ])
    func parsesLegacyTargets(text: String, name: String, condition: Bool?, rank: Int?) throws {
        let t = try #require(LegacyTarget(text))
        #expect(t.name == name && t.condition == condition && t.rank == rank)
    }

    @Test func plainTargetsAreNotLegacy() {
        #expect(LegacyTarget("b") == nil)
        #expect(LegacyTarget("b[maybe]") == nil)
        #expect(LegacyTarget("[TRUE]") == nil)
    }

    @Test func convertsMinimalWorkflow() throws {
        let r = try migrate(minimal)
        let wf = r.workflow
        #expect(r.sourceFormat == .v1)
        #expect(wf.format == .v2)
        #expect(wf.root.keys == ["WorkflowName", "FunctionInvoke", "DefaultDataStore", "ActionList", "ComputeServers", "DataStores",
                                 "LoggingDataStore", "FaaSrLog"])
        #expect(wf.workflowName == "my-flow")
        #expect(wf.action(named: "start")?.object["InvokeNext"] == ["next"])
        #expect(wf.action(named: "start")?.object.keys == ["FunctionName", "FaaSServer", "Type", "InvokeNext"])
        #expect(wf.action(named: "next")?.type == .r)
        let gh = try #require(wf.computeServer(named: "GH"))
        #expect(gh.object["Token"] == nil)
        #expect(gh.useSecretStore == true)
        #expect(gh.branch == "main")
        let s3 = try #require(wf.dataStore(named: "S3"))
        #expect(s3.object.keys == ["Endpoint", "Bucket", "Region", "Writable"])
        #expect(wf.loggingDataStore == "S3")
        #expect(r.todos.contains { $0.message.contains("GH_PAT, GH_PAT") == false && $0.message.contains("S3_AccessKey, S3_SecretKey") })
        #expect(r.todos.contains { $0.message.contains("WorkflowName") })
        #expect(!wf.serializedCanonical().contains("AK"))
        #expect(!wf.serializedCanonical().contains("GH_TOKEN"))
    }

    @Test func gathersConditionalSuffixesIntoOneObject() throws {
        let r = try migrate("""
        {"FunctionList": {"a": {"InvokeNext": ["x", "b[TRUE]", "c[FALSE](3)", "d[TRUE]"]}, "b": {}, "c": {}, "d": {}, "x": {}}}
        """)
        #expect(r.workflow.action(named: "a")?.object["InvokeNext"] == ["x", ["True": ["b", "d"], "False": ["c(3)"]]])
        #expect(r.workflow.graph.edges.count == 4)
    }

    @Test func repairsConditionalObjectsWithStringBranches() throws {
        let r = try migrate(#"{"FunctionList": {"a": {"InvokeNext": [{"True": "b"}]}, "b": {}}}"#)
        #expect(r.workflow.action(named: "a")?.object["InvokeNext"] == [["True": ["b"]]])
    }

    @Test func renamesOldKeys() throws {
        let r = try migrate("""
        {"LoggingServer": "S", "FunctionList": {"a": {"Actionname": "f", "Next": "b", "Rank": "1/2", "Odd": 1}, "b": {"InvokeNext": null, "Arguments": []}},
         "ComputeServers": {"G": {"FaaSType": "GithubActions", "RepoName": "r", "Ref": "dev", "WorkflowName": "x.yml", "SSL": "true"}},
         "DataStores": {"S": {"Endpoint": "minio:9000", "Protocol": "http", "Bucket": "b", "Writable": true}}}
        """)
        let wf = r.workflow
        #expect(wf.loggingDataStore == "S")
        #expect(wf.action(named: "a")?.object.keys == ["FunctionName", "Type", "InvokeNext"])
        #expect(wf.action(named: "a")?.functionName == "f")
        #expect(wf.action(named: "b")?.object["InvokeNext"] == [])
        #expect(wf.action(named: "b")?.object["Arguments"] == [:])
        let g = try #require(wf.computeServer(named: "G"))
        #expect(g.faasType == .gitHubActions)
        #expect(g.object.keys == ["FaaSType", "ActionRepoName", "Branch", "UseSecretStore"])
        #expect(g.branch == "dev")
        #expect(r.todos.contains { $0.message.contains("\"UserName\"") })
        let s = try #require(wf.dataStore(named: "S"))
        #expect(s.endpoint == "http://minio:9000")
        #expect(s.writable == "TRUE")
        #expect(s.region == "us-east-1")
    }

    @Test func renamesActionsWithEveryReference() throws {
        let r = try migrate("""
        {"FunctionInvoke": "get_data", "FunctionList": {"get_data": {"InvokeNext": ["fit_model(2)", "fit-model"]}, "fit_model": {}, "fit-model": {}},
         "ActionContainers": {"get_data": "img"}}
        """)
        let wf = r.workflow
        #expect(wf.actionNames == ["get-data", "fit-model-2", "fit-model"])
        #expect(wf.functionInvoke == "get-data")
        #expect(wf.action(named: "get-data")?.object["InvokeNext"] == ["fit-model-2(2)", "fit-model"])
        #expect(wf.actionContainer(for: "get-data") == "img")
    }

    @Test func workflowNameFromOptionOrFixedUp() throws {
        var r = try migrate(minimal, MigrationOptions(workflowName: "Given"))
        #expect(r.workflow.workflowName == "Given")
        #expect(!r.todos.contains { $0.message.contains("WorkflowName") })
        r = try migrate(#"{"WorkflowName": "1 bad_name", "FunctionList": {"a": {}}}"#)
        #expect(r.workflow.workflowName == "bad-name")
        #expect(Migration.sanitizedName("__") == "workflow")
    }

    @Test func leavesCleanTwoXFilesAlone() throws {
        let wf = try ModelFixtures.workflow()
        let r = Migrator.migrate(wf)
        #expect(r.isUnchanged)
        #expect(r.workflow.document.root == wf.document.root)
    }
}
