import Foundation
import FaaSrTestSupport
import Testing
@testable import FaaSrCore

/// One minimal workflow per schema rule: the finding, its place, and words a person can use.
@Suite("Schema rules")
struct SchemaRuleTests {
    typealias F = ValidationFixtures

    /// The single schema-only diagnostic of `w`.
    func only(_ w: JSONValue, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let ds = F.schemaOnly.validate(w)
        #expect(ds.count == 1, "\(ds)", sourceLocation: sourceLocation)
        return try #require(ds.first, sourceLocation: sourceLocation)
    }

    @Test func minimalWorkflowIsValid() {
        #expect(F.schemaOnly.validate(F.minimal).isEmpty)
        #expect(F.all.validate(F.minimal).filter { $0.severity == .error }.isEmpty)
    }

    @Test(arguments: ["FunctionInvoke", "WorkflowName", "DefaultDataStore", "ActionList", "ComputeServers", "DataStores"])
    func requiredTopLevelField(_ key: String) throws {
        let d = try only(F.minimal(setting: JSONPointer(tokens: [key]), to: nil))
        #expect(d.code == "schema.required")
        #expect(d.pointer == .root)
        #expect(d.message == "the workflow is missing \"\(key)\"")
        #expect(d.hint?.contains("add \"\(key)\"") == true)
    }

    @Test func requiredActionFields() throws {
        let d = try only(F.minimal(setting: "/ActionList/finish/FunctionName", to: nil))
        #expect(d.code == "schema.required")
        #expect(d.pointer == "/ActionList/finish")
        #expect(d.message == "action \"finish\" is missing \"FunctionName\"")
        let s = try only(F.minimal(setting: "/ActionList/finish/FaaSServer", to: nil))
        #expect(s.hint?.contains("\"GH\"") == true)
    }

    @Test func agentActionsExplainWhyFunctionNameIsNeeded() throws {
        var w = F.minimal(setting: "/ActionList/finish/FunctionName", to: nil)
        w.setValue("Agent", at: "/ActionList/finish/Type")
        let ds = F.schemaOnly.validate(w)
        #expect(ds.map(\.code).sorted() == ["schema.enum", "schema.required"])
        #expect(ds.contains { $0.hint?.contains("experimental FaaSr fork") == true && $0.code == "schema.required" })
    }

    @Test(arguments: [
        ("GoogleCloud", ["Namespace", "ClientEmail", "TokenUri", "Region"]),
        ("OpenWhisk", ["Endpoint", "Namespace"]),
        ("Lambda", ["Region"]),
        ("GitHubActions", ["UserName", "ActionRepoName"]),
        ("SLURM", ["Endpoint", "UserName", "APIVersion", "Partition"]),
        ("Kubernetes", ["Endpoint"]),
    ])
    func requiredServerFieldsPerFaaSType(_ type: String, _ fields: [String]) {
        let w = F.minimal(setting: "/ComputeServers/GH", to: ["FaaSType": .string(type)])
        let ds = F.schemaOnly.validate(w)
        #expect(ds.allSatisfy { $0.code == "schema.required" && $0.pointer == "/ComputeServers/GH" })
        #expect(Set(ds.map(\.message)) == Set(fields.map { "compute server \"GH\" is missing \"\($0)\"" }))
        #expect(ds.allSatisfy { $0.hint?.contains("a \(type) server needs") == true })
    }

    @Test func dataStoreNeedsBucket() throws {
        let d = try only(F.minimal(setting: "/DataStores/S3/Bucket", to: nil))
        #expect(d.message == "data store \"S3\" is missing \"Bucket\"")
    }

    @Test func wrongTypeSaysWhatToWrite() throws {
        let d = try only(F.minimal(setting: "/ActionList/start/InvokeNext", to: "finish"))
        #expect(d.code == "schema.type")
        #expect(d.message == "\"InvokeNext\" of action \"start\" must be a list [...], not a string")
        #expect(d.hint == "write a list: \"InvokeNext\": [\"finish\"]")
        let w = try only(F.minimal(setting: "/DataStores/S3/Writable", to: true))
        #expect(w.hint == "write it as a string: \"TRUE\"")
        let n = try only(F.minimal(setting: "/ActionList/start/Resources", to: ["Nodes": "2"]))
        #expect(n.message.contains("must be a whole number"))
        #expect(n.hint == "write the number without quotes: 2")
    }

    @Test func integralFloatsCountAsIntegers() {
        #expect(F.schemaCodes(F.minimal(setting: "/ActionList/start/Resources", to: ["Nodes": .number(JSONNumber(text: "2.0"))])).isEmpty)
        #expect(F.schemaCodes(F.minimal(setting: "/ActionList/start/Resources", to: ["Nodes": 2.5])) == ["schema.type"])
    }

    @Test func enumSuggestsTheNearestSpelling() throws {
        let d = try only(F.minimal(setting: "/ComputeServers/GH/FaaSType", to: "GithubActions"))
        #expect(d.code == "schema.enum")
        #expect(d.message == "\"FaaSType\" of compute server \"GH\" is \"GithubActions\", which FaaSr does not know")
        #expect(d.hint?.hasPrefix("did you mean \"GitHubActions\"?") == true)
        let t = try only(F.minimal(setting: "/ActionList/start/Type", to: "python"))
        #expect(t.hint?.hasPrefix("did you mean \"Python\"?") == true)
    }

    @Test func emptyStringsAndMinimums() throws {
        let e = try only(F.minimal(setting: "/FunctionInvoke", to: ""))
        #expect(e.code == "schema.minLength")
        #expect(e.message == "\"FunctionInvoke\" is empty")
        let m = try only(F.minimal(setting: "/ActionList/start/MaxMemory", to: 0))
        #expect(m.code == "schema.minimum")
        #expect(m.message == "\"MaxMemory\" of action \"start\" is 0 but must be at least 1")
        #expect(F.schemaCodes(F.minimal(setting: "/ComputeServers/GH/NumberOfRetries", to: 0)).isEmpty)
    }

    @Test func actionNamesFollowThePattern() throws {
        var w = F.minimal
        w.setValue(["FaaSServer": "GH", "FunctionName": "f"], at: "/ActionList/my_action")
        let d = try only(w)
        #expect(d.code == "schema.propertyNames")
        #expect(d.pointer == "/ActionList/my_action")
        #expect(d.message.contains("name \"my_action\" in \"ActionList\" is not allowed"))
        #expect(d.message.contains("no '_'"))
        #expect(d.hint == "rename the action to \"my-action\" and every InvokeNext entry that names it")
    }

    @Test func workflowNameAndFunctionNamePatterns() throws {
        let d = try only(F.minimal(setting: "/WorkflowName", to: "my_flow"))
        #expect(d.code == "schema.pattern")
        #expect(d.hint == "rename the workflow to \"my-flow\"")
        let f = try only(F.minimal(setting: "/ActionList/start/FunctionName", to: "start-fn"))
        #expect(f.code == "schema.pattern")
        #expect(f.message.contains("function names must start with a letter or '_'"))
    }

    @Test func invokeNextTargetsFollowTheGrammar() throws {
        for good in ["finish", "finish(3)", "a-b"] {
            #expect(F.schemaCodes(F.minimal(setting: "/ActionList/start/InvokeNext", to: [.string(good)])).isEmpty, "\(good)")
        }
        let d = try only(F.minimal(setting: "/ActionList/start/InvokeNext", to: ["compute(folder=demo)"]))
        #expect(d.code == "schema.pattern")
        #expect(d.pointer == "/ActionList/start/InvokeNext/0")
        #expect(d.message.hasPrefix("InvokeNext item 1 of action \"start\" is \"compute(folder=demo)\""))
        #expect(d.hint?.contains("rank is written as digits in parentheses") == true)
        let r = try only(F.minimal(setting: "/ActionList/start/InvokeNext", to: ["finish[TRUE]"]))
        #expect(r.code == "schema.pattern")
    }

    @Test func conditionalObjects() throws {
        let ok: JSONValue = ["finish", ["True": ["finish"], "False": []]]
        #expect(F.schemaCodes(F.minimal(setting: "/ActionList/start/InvokeNext", to: ok)).isEmpty)
        // An empty object, an unknown branch, a non-list branch.
        let empty = try only(F.minimal(setting: "/ActionList/start/InvokeNext", to: [[:]]))
        #expect(empty.code == "schema.minProperties")
        let maybe = try only(F.minimal(setting: "/ActionList/start/InvokeNext", to: [["Maybe": ["finish"]]]))
        #expect(maybe.code == "schema.additionalProperties")
        #expect(maybe.hint == "a conditional may only have the keys \"True\" and \"False\"")
        let bare = try only(F.minimal(setting: "/ActionList/start/InvokeNext", to: [["True": "finish"]]))
        #expect(bare.code == "schema.type")
        #expect(bare.hint == "write a list: [\"finish\"]")
        #expect(bare.pointer == "/ActionList/start/InvokeNext/0/True")
    }

    @Test func atMostOneConditionalObjectPerInvokeNext() throws {
        let two: JSONValue = [["True": ["finish"]], ["False": ["finish"]]]
        let d = try only(F.minimal(setting: "/ActionList/start/InvokeNext", to: two))
        #expect(d.code == "schema.maxContains")
        #expect(d.message == "\"InvokeNext\" of action \"start\" has 2 conditional objects; at most 1 is allowed")
        #expect(d.hint?.contains("merge them into one") == true)
    }

    @Test func unknownFieldsAreRejectedWhereTheSchemaSaysSo() throws {
        let d = try only(F.minimal(setting: "/ActionList/start/ArgumentGenerator", to: "x"))
        #expect(d.code == "schema.additionalProperties")
        #expect(d.pointer == "/ActionList/start/ArgumentGenerator")
        #expect(d.message == "action \"start\" has a field \"ArgumentGenerator\" that FaaSr does not allow")
        let typo = try only(F.minimal(setting: "/ActionList/start/Argument", to: [:]))
        #expect(typo.hint?.hasPrefix("did you mean \"Arguments\"?") == true)
        // Unknown top-level keys are fine.
        #expect(F.schemaCodes(F.minimal(setting: "/_workflow_file", to: "x")).isEmpty)
    }

    @Test func emptyMapsAreRejected() throws {
        let d = try only(F.minimal(setting: "/ActionContainers", to: [:]))
        #expect(d.code == "schema.minProperties")
        #expect(d.message == "\"ActionContainers\" is empty")
        #expect(d.hint == "add at least one entry, or remove \"ActionContainers\" altogether")
    }

    @Test func invocationIDFromDatePattern() throws {
        #expect(F.schemaCodes(F.minimal(setting: "/InvocationIDFromDate", to: "%Y%m%d")).isEmpty)
        #expect(F.schemaCodes(F.minimal(setting: "/InvocationIDFromDate", to: "%Y-%m-%d-%H")).isEmpty)
        let d = try only(F.minimal(setting: "/InvocationIDFromDate", to: "day-%Y"))
        #expect(d.code == "schema.pattern")
        #expect(d.message.contains("date format made only of %-codes"))
        #expect(d.hint?.contains("%Y%m%d") == true)
        #expect(F.schemaCodes(F.minimal(setting: "/InvocationIDFromDate", to: "%Y_%m")) == ["schema.pattern"])
    }

    @Test func secretsAndVMConfig() {
        #expect(F.schemaCodes(F.minimal(setting: "/Secrets", to: ["MY_KEY"])).isEmpty)
        #expect(F.schemaCodes(F.minimal(setting: "/Secrets", to: ["my-key"])) == ["schema.pattern"])
        #expect(F.schemaCodes(F.minimal(setting: "/VMConfig", to: ["Name": "vm", "Provider": "GCP", "InstanceId": "i", "Region": "r"])) == ["schema.enum"])
    }

    @Test func duplicateKeysUseTheLastValueLikePython() throws {
        let text = #"""
            {"WorkflowName": "bad_name", "WorkflowName": "demo", "FunctionInvoke": "a", "DefaultDataStore": "S",
            "ActionList": {"a": {"FaaSServer": "G", "FunctionName": "f"}},
            "ComputeServers": {"G": {"FaaSType": "Lambda", "Region": "r"}}, "DataStores": {"S": {"Bucket": "b"}}}
            """#
        let report = F.schemaOnly.validate(text: text)
        #expect(report.isValid)
        let all = F.all.validate(text: text)
        let dup = try #require(all.diagnostics.first { $0.code == RuleCode.jsonDuplicateKey })
        #expect(dup.severity == .warning)
        #expect(dup.message == "\"WorkflowName\" appears 2 times in the workflow; only the last one counts")
    }

    @Test func diagnosticsCarryLineAndColumnFromText() throws {
        let text = "{\n  \"WorkflowName\": \"demo\",\n  \"FunctionInvoke\": \"a\",\n  \"DefaultDataStore\": \"S\",\n"
            + "  \"ActionList\": {\n    \"a\": {\"FaaSServer\": \"G\", \"FunctionName\": \"f\", \"Extra\": 1}\n  },\n"
            + "  \"ComputeServers\": {\"G\": {\"FaaSType\": \"Lambda\", \"Region\": \"r\"}},\n  \"DataStores\": {\"S\": {\"Bucket\": \"b\"}}\n}\n"
        let report = F.schemaOnly.validate(text: text)
        let d = try #require(report.diagnostics.first)
        #expect(d.code == "schema.additionalProperties")
        #expect(d.location?.line == 6)
        #expect(d.location?.column == 51)  // the key "Extra"
        let line = DiagnosticPrinter().format(d, path: "w.json")
        #expect(line.hasPrefix("w.json:6:51: error: action \"a\" has a field \"Extra\" that FaaSr does not allow [schema.additionalProperties]\n    hint: "))
    }

    /// Validating bytes locates findings by scanning (``PointerLocator``); the places must be
    /// exactly those a fully located ``JSONDocument`` gives.
    @Test func locatedFindingsMatchTheDocumentsLocations() throws {
        guard try SharedFixtures.require() else { return }
        var compared = 0
        for url in SharedFixtures.corpusFiles() {
            let bytes = Array(try Data(contentsOf: url))
            guard let document = try? JSONDocument(bytes: bytes) else { continue }
            let fast = F.all.validate(bytes: bytes).diagnostics
            let slow = F.all.validate(document)
            #expect(fast.map(\.location) == slow.map(\.location), "\(url.lastPathComponent)")
            compared += fast.count
        }
        #expect(compared > 1000)
    }

    @Test func notJSONGivesOneLocatedSyntaxError() throws {
        let report = F.all.validate(text: "{\n  \"a\": 1,\n}")
        #expect(report.isUnparseable)
        #expect(!report.isValid)
        let d = try #require(report.diagnostics.first)
        #expect(d.code == "json.syntax")
        #expect(d.location?.description == "3:1")
    }

    @Test func messagesAvoidSchemaJargon() throws {
        guard try SharedFixtures.require() else { return }
        let jargon = ["additionalProperties", "minProperties", "anyOf", "is not valid under", "does not match '^"]
        for url in SharedFixtures.corpusFiles() {
            let report = F.all.validate(bytes: Array(try Data(contentsOf: url)))
            for d in report.diagnostics {
                #expect(!jargon.contains { d.message.contains($0) }, "\(url.lastPathComponent): \(d.message)")
            }
        }
    }

    @Test func embeddedSchemasEqualTheSharedCopies() throws {
        guard try SharedFixtures.require() else { return }
        for (schema, file) in [(FaaSrSchema.v2, "FaaSr.schema.json"), (.v1, "FaaSr-1.x.schema.json")] {
            let url = SharedFixtures.sharedRoot.appendingPathComponent("schema/\(file)")
            let shared = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            #expect(schema.text.trimmingCharacters(in: .newlines) == shared.trimmingCharacters(in: .newlines))
        }
    }
}
