import FaaSrCore
import FaaSrTestSupport
import FaaSrStorage
import Foundation
import Testing
@testable import FaaSrRuntime

/// Records which data stores an action opens: schema errors must stop it before any store
/// (and so before any S3 request).
final class OpenedStores: StoreResolver, @unchecked Sendable {
    let inner: any StoreResolver
    private let lock = NSLock()
    private var names: [String] = []
    init(_ inner: any StoreResolver) { self.inner = inner }
    var opened: [String] { lock.withLock { names } }
    func store(named name: String, config: JSONObject) throws -> any ObjectStore {
        lock.withLock { names.append(name) }
        return try inner.store(named: name, config: config)
    }
}

/// spec/runtime.md §6 scenarios 2–6 (schema rules) as runtime behaviour: the action fails
/// with FaaSr's "JSON not compliant with FaaSr schema" before opening any store, or, for the
/// valid variants, runs; and 37, 42, 43 as far as they concern the runtime (the platform
/// clients behind the Trigger protocol come with the platforms issue).
@Suite struct ScenarioTests {
    /// Runs `workflow`'s entry `s` with a counting function; returns the outcome, the stores
    /// it opened, how often the function ran and what it triggered.
    func run(_ wf: JSONObject, result: JSONValue? = nil, backend: Backend = .local) async throws
        -> (ActionOutcome, [String], Int, [TriggerRequest]) {
        let w = try World(backend)
        let opened = OpenedStores(w.resolver)
        let ran = Counter()
        var r = w.runner(wf) { _, _ in await ran.add(); return result }
        r.stores = opened
        let o = await r.run()
        return (o, opened.opened, await ran.value, await w.trigger.requests)
    }

    func expectSchemaError(_ wf: JSONObject, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let (o, opened, ran, triggered) = try await run(wf)
        #expect(o.exitCode == 1, "\(what)", sourceLocation: sourceLocation)
        #expect(o.message?.hasPrefix("JSON not compliant with FaaSr schema") == true, "\(what): \(o.message ?? "")", sourceLocation: sourceLocation)
        #expect(opened.isEmpty, "\(what): no store may be opened", sourceLocation: sourceLocation)
        #expect(ran == 0 && triggered.isEmpty, "\(what)", sourceLocation: sourceLocation)
    }

    /// Scenario 2: `WorkflowName` `my_wf`, action `my-act_1`, action `a.b` are schema errors.
    @Test func s02_invalidNames() async throws {
        var wf = TestWorkflow.make([("s", [])])
        wf["WorkflowName"] = "my_wf"
        try await expectSchemaError(wf, "WorkflowName my_wf")
        for name in ["my-act_1", "a.b"] {
            var bad = TestWorkflow.make([(name, [])])
            bad["FunctionInvoke"] = .string(name)
            try await expectSchemaError(bad, "action \(name)")
        }
        // The same shapes with valid names run (a function name may not contain '-').
        var good = TestWorkflow.make([("my-act1", [])])
        var list = good.object("ActionList")!
        var act = list.object("my-act1")!
        act["FunctionName"] = "my_fn"
        list["my-act1"] = .object(act)
        good["ActionList"] = .object(list)
        let (o, _, ran, _) = try await run(good)
        #expect(o.kind == .succeeded && ran == 1, "\(o.message ?? "")")
    }

    /// Scenario 3: malformed InvokeNext items are schema errors.
    @Test func s03_invalidInvokeNext() async throws {
        let cases: [(String, [JSONValue])] = [
            ("a (3)", ["a (3)"]), ("a[TRUE]", ["a[TRUE]"]), ("Maybe branch", [["Maybe": ["a"]]]),
            ("empty object", [JSONValue.object(JSONObject())]), ("two objects", [["True": ["a"]], ["False": ["a"]]]),
        ]
        for (what, next) in cases {
            try await expectSchemaError(TestWorkflow.make([("s", next), ("a", [])]), what)
        }
    }

    /// Scenario 4: `["c(3)", {"True":["a(2)"], "False":[]}]` is valid and runs: c's three
    /// copies, then a's two copies when the function returns true; only c's when false.
    @Test(arguments: Backend.all) func s04_validRankedAndConditional(_ backend: Backend) async throws {
        let wf = TestWorkflow.make([("s", ["c(3)", ["True": ["a(2)"], "False": []]]), ("c", []), ("a", [])])
        let (o, _, ran, reqs) = try await run(wf, result: true, backend: backend)
        #expect(o.kind == .succeeded, "\(o.message ?? "")")
        #expect(ran == 1)
        #expect(reqs.map { "\($0.action)\($0.rank.map { "(\($0))" } ?? "")" } == ["c(1)", "c(2)", "c(3)", "a(1)", "a(2)"])
        #expect(reqs.map { $0.overwritten["FunctionRank"]?.numberValue?.intValue } == [1, 2, 3, 1, 2])
        let (o2, _, _, reqs2) = try await run(wf, result: false, backend: backend)
        #expect(o2.kind == .succeeded)
        #expect(reqs2.map(\.action) == ["c", "c", "c"])
    }

    /// Scenario 5: `Anonymous` must be a string; `AnonymousRead` is not a property.
    @Test func s05_anonymousMustBeAString() async throws {
        for (key, value) in [("Anonymous", JSONValue.bool(true)), ("AnonymousRead", "true")] {
            var wf = TestWorkflow.make([("s", [])])
            var stores = wf.object("DataStores")!
            var s3 = stores.object("S3")!
            s3[key] = value
            stores["S3"] = .object(s3)
            wf["DataStores"] = .object(stores)
            try await expectSchemaError(wf, "\(key): \(value)")
        }
        var wf = TestWorkflow.make([("s", [])])
        var stores = wf.object("DataStores")!
        var s3 = stores.object("S3")!
        s3["Anonymous"] = "true"
        stores["S3"] = .object(s3)
        wf["DataStores"] = .object(stores)
        let (o, opened, ran, _) = try await run(wf)
        #expect(o.kind == .succeeded, "\(o.message ?? "")")
        #expect(ran == 1 && opened.contains("S3"))
    }

    /// Scenario 6: `InvocationIDFromDate` `%Y-%m-%d` is valid and gives the ID; `Y%m` and
    /// `%Y_%m` are schema errors.
    @Test func s06_invocationIDFromDate() async throws {
        let ok = TestWorkflow.make([("s", [])], extra: [("InvocationIDFromDate", "%Y-%m-%d"), ("InvocationTimestamp", "2025-08-29T23-17-01")])
        let (o, _, ran, _) = try await run(ok)
        #expect(o.kind == .succeeded, "\(o.message ?? "")")
        #expect(o.invocationID == "2025-08-29")
        #expect(ran == 1)
        for format in ["Y%m", "%Y_%m"] {
            try await expectSchemaError(TestWorkflow.make([("s", [])], extra: [("InvocationIDFromDate", .string(format))]), format)
        }
    }

    /// Scenario 37: a conditional followed by a join (s→{T:[t],F:[f]}, t→j, f→j) passes
    /// validation, but j never runs: only one branch ever writes its `.done`, so the fan-in
    /// gate of j waits for the other one forever (FaaSr's documented limitation, kept).
    @Test(arguments: Backend.all) func s37_conditionalThenJoinNeverRunsTheJoin(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", [["True": ["t"], "False": ["f"]]]), ("t", ["j"]), ("f", ["j"]), ("j", [])],
                                   extra: [("InvocationID", "run1"), ("InvocationTimestamp", "2025-08-29T23-17-01")])
        let ran = Box<[String]>([])
        let s = await w.runner(wf) { _, _ in await ran.append("s"); return true }.run()
        #expect(s.kind == .succeeded, "\(s.message ?? "")")
        #expect(await w.trigger.requests.map(\.action) == ["t"])
        let t = await w.runner(wf, overwritten: World.over("t")) { _, _ in await ran.append("t"); return nil }.run()
        #expect(t.kind == .succeeded)
        #expect(await w.trigger.requests.map(\.action) == ["t", "j"])
        let j = await w.runner(wf, overwritten: World.over("j")) { _, _ in await ran.append("j"); return nil }.run()
        #expect(j.kind == .aborted && j.exitCode == 0)
        #expect(j.message == "waiting for f")
        #expect(await ran.value == ["s", "t"])
    }

    /// Scenario 42, the runtime's side: a trigger the platform refuses fails the action
    /// (exit 1) with the platform's message, after the successors before it were sent; the
    /// function's `.done` stays (it did run). The HTTP mapping (404 → "Cannot find the
    /// destination", 422 → GitHub's message, 204 → success) belongs to the GitHub trigger of
    /// the platforms issue.
    @Test(arguments: Backend.all) func s42_refusedTriggerFailsTheAction(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", ["a", "b", "c"]), ("a", []), ("b", []), ("c", [])],
                                   extra: [("InvocationID", "run1"), ("InvocationTimestamp", "2025-08-29T23-17-01")])
        let refusing = RefusingTrigger(accept: 1, message: "Cannot find the destination: wf-b.yml (404)")
        var r = w.runner(wf)
        r.trigger = refusing
        let o = await r.run()
        #expect(o.exitCode == 1)
        #expect(o.message == "Cannot find the destination: wf-b.yml (404)")
        #expect(await refusing.accepted.map(\.action) == ["a"])
        #expect(try await w.store().exists("FaaSrLog/wf/2025-08-29T23-17-01/run1/function_completions/s.done"))
        let log = String(decoding: try await w.store().getData("FaaSrLog/wf/2025-08-29T23-17-01/run1/s.txt"), as: UTF8.self)
        #expect(log.contains("Cannot find the destination"))
    }

    /// Scenario 43, the runtime's side: what a Lambda and an OpenWhisk trigger receive.
    /// Lambda: function `wf-a`, OVERWRITTEN without credentials when the server uses a secret
    /// store; OpenWhisk: credentials always forwarded (DataStores included). The wire forms
    /// (InvocationType=Event, OVERWRITTEN as a string for Lambda and as an object for
    /// OpenWhisk) belong to the platform triggers of the platforms issue.
    @Test func s43_lambdaAndOpenWhiskRequests() async throws {
        let w = try World()
        var wf = TestWorkflow.make([("s", ["a", "o"]), ("a", []), ("o", [])])
        var servers = wf.object("ComputeServers")!
        servers["L"] = .object(JSONObject([.init(key: "FaaSType", value: "Lambda"), .init(key: "Region", value: "us-east-1"),
                                           .init(key: "UseSecretStore", value: true)]))
        servers["OW"] = .object(JSONObject([.init(key: "FaaSType", value: "OpenWhisk"), .init(key: "Endpoint", value: "https://ow.example"),
                                            .init(key: "Namespace", value: "n"), .init(key: "UseSecretStore", value: true)]))
        wf["ComputeServers"] = .object(servers)
        var list = wf.object("ActionList")!
        for (a, server) in [("a", "L"), ("o", "OW")] {
            var e = list.object(a)!
            e["FaaSServer"] = .string(server)
            list[a] = .object(e)
        }
        wf["ActionList"] = .object(list)
        let o = await w.runner(wf, env: ["S3_AccessKey": "AK", "S3_SecretKey": "SK"]).run()
        #expect(o.kind == .succeeded, "\(o.message ?? "")")
        let reqs = await w.trigger.requests
        #expect(reqs.map(\.functionName) == ["wf-a", "wf-o"])
        #expect(reqs.map(\.serverName) == ["L", "OW"])
        #expect(reqs[0].server.string("FaaSType") == "Lambda")
        #expect(reqs[0].overwritten["DataStores"] == nil && reqs[0].overwritten["ComputeServers"] == nil)
        #expect(reqs[0].overwritten.string("FunctionInvoke") == "a")
        #expect(reqs[1].overwritten.object("DataStores")?.object("S3")?.string("AccessKey") == "AK")
        #expect(reqs[1].overwritten.object("ComputeServers")?.object("OW") != nil)
        #expect(reqs.allSatisfy { $0.payloadURL == "alice/repo/main/wf.json" })
    }
}
