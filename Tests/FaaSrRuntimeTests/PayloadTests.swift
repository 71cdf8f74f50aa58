import FaaSrCore
import Foundation
import Testing
@testable import FaaSrRuntime

@Suite struct PayloadTests {
    @Test func environmentForm() throws {
        let r = try PayloadRequest.fromEnvironment(["PAYLOAD_URL": "a/b/main/wf.json", "OVERWRITTEN": #"{"FunctionInvoke":"x","FunctionRank":2}"#, "GH_PAT": "tok"])
        #expect(r.payloadURL == "a/b/main/wf.json")
        #expect(r.overwritten.string("FunctionInvoke") == "x")
        #expect(r.gitHubToken == "tok")
        #expect(throws: PayloadRequest.Invalid.self) { try PayloadRequest.fromEnvironment([:]) }
        #expect(throws: PayloadRequest.Invalid.self) { try PayloadRequest.fromEnvironment(["PAYLOAD_URL": "x", "OVERWRITTEN": "[1]"]) }
    }

    @Test func lambdaEventHasStringOverwritten() throws {
        let r = try PayloadRequest.fromEvent(#"{"OVERWRITTEN": "{\"FunctionInvoke\": \"a\"}", "PAYLOAD_URL": "u"}"#)
        #expect(r.overwritten.string("FunctionInvoke") == "a")
    }

    @Test func openWhiskParametersHaveObjectOverwritten() throws {
        let r = try PayloadRequest.fromEvent(#"{"OVERWRITTEN": {"FunctionInvoke": "a"}, "PAYLOAD_URL": "u", "GH_PAT": "p"}"#)
        #expect(r.overwritten.string("FunctionInvoke") == "a")
        #expect(r.gitHubToken == "p")
    }

    /// Scenario 41.
    @Test func s41_gitHubLocations() {
        let a = WorkflowSource.gitHubLocation("alice/FaaSr-workflow/main/wf.json")
        let b = WorkflowSource.gitHubLocation("https://github.com/alice/FaaSr-workflow/blob/main/wf.json")
        #expect(a?.contentsPath == "/repos/alice/FaaSr-workflow/contents/wf.json?ref=main")
        #expect(b?.contentsPath == "/repos/alice/FaaSr-workflow/contents/wf.json?ref=main")
    }

    @Test func overwrittenReplacesKeysWhole() {
        var base = TestWorkflow.make([("s", [])])
        base["InvocationID"] = "old"
        var over = JSONObject()
        over["DataStores"] = .object(JSONObject([.init(key: "X", value: .object(JSONObject([.init(key: "Bucket", value: "b")])))]))
        over["InvocationID"] = "new"
        var p = ActionPayload(base: base, overwritten: over, payloadURL: "u")
        #expect(p.dataStores.keys == ["X"])
        #expect(p.string("InvocationID") == "new")
        p.set("FunctionRank", 3)
        #expect(p.overwritten.contains("FunctionRank"))
        #expect(p.logFileName == "s(3).txt")
    }

    @Test func keysOfAnInvocation() {
        var p = ActionPayload(base: TestWorkflow.make([("s", [])]), overwritten: World.over("a", rank: 2), payloadURL: "u")
        #expect(p.invocationFolder == "FaaSrLog/wf/2025-08-29T23-17-01/run1")
        #expect(p.doneKey == "FaaSrLog/wf/2025-08-29T23-17-01/run1/function_completions/a.2.done")
        p.set("FunctionRank", nil)
        #expect(p.doneKey.hasSuffix("function_completions/a.done"))
        #expect(p.logFileName == "a.txt")
    }

    /// Scenarios 16, 17 (the date part).
    @Test func s16_invocationIDFromDate() throws {
        #expect(try InvocationIdentity.id(fromDate: "2025-08-29T23-17-01", format: "%Y%m%d") == "20250829")
        #expect(try InvocationIdentity.id(fromDate: "2025-08-29T23-17-01", format: "%Y%m%d%H") == "2025082923")
        #expect(try InvocationIdentity.id(fromDate: "2025-08-29T23-17-01", format: "%Y-%m-%d-%H-%M-%S") == "2025-08-29-23-17-01")
        #expect(throws: RuntimeFailure.self) { try InvocationIdentity.id(fromDate: "2025-08-29T23-17-01", format: "%Q") }
        let ts = InvocationIdentity.timestamp(Date(timeIntervalSince1970: 0))
        #expect(ts == "1970-01-01T00-00-00")
    }

    @Test func resultCoercion() {
        func c(_ v: JSONValue) -> String {
            let r = ActionSession.coerceResult(v)
            return r.ok ? (r.value.map { "\($0)" } ?? "null") : "invalid"
        }
        #expect(c(1) == "true")
        #expect(c(.number(JSONNumber(text: "1.0"))) == "true")
        #expect(c("False") == "false")
        #expect(c(.null) == "null")
        #expect(c("abc") == "invalid")
        #expect(c(2) == "invalid")
        #expect(c(.object(JSONObject())) == "invalid")
    }
}
