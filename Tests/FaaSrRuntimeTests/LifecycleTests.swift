import FaaSrCore
import FaaSrStorage
import Foundation
import Testing
@testable import FaaSrRuntime

/// spec/runtime.md §6 scenarios on the local-folder store, with the user function as an
/// in-process closure and a recording trigger.
@Suite struct LifecycleTests {
    let folder = "FaaSrLog/wf/2025-08-29T23-17-01/run1"

    @Test(arguments: Backend.all) func s01_missingRequiredKeys(_ backend: Backend) async throws {
        let w = try World(backend)
        for key in ["WorkflowName", "DefaultDataStore", "DataStores"] {
            var wf = TestWorkflow.make([("s", [])])
            wf[key] = nil
            let o = await w.runner(wf).run()
            #expect(o.exitCode == 1)
            #expect(o.message?.contains(key) == true)
        }
        #expect(try await w.store().list().objects.isEmpty)
    }

    @Test(arguments: Backend.all) func s07_s08_invalidGraphFailsBeforeAnyStoreWrite(_ backend: Backend) async throws {
        let w = try World(backend)
        let o = await w.runner(TestWorkflow.make([("s", ["a"]), ("a", ["s"])])).run()
        #expect(o.exitCode == 1)
        #expect(o.message == "Function loop found: no initial action")
        var over = JSONObject(); over["FunctionInvoke"] = "zz"
        let o2 = await w.runner(TestWorkflow.make([("s", [])]), overwritten: over).run()
        #expect(o2.message?.hasPrefix("FunctionInvoke does not refer to a valid function") == true)
    }

    /// Scenario 15 and 21.
    @Test(arguments: Backend.all) func s15_s21_entryGeneratesIdentityAndTriggers(_ backend: Backend) async throws {
        let w = try World(backend)
        let seen = SeenObjects()
        let wf = TestWorkflow.make([("s", ["a"]), ("a", [])])
        let store = try w.store()
        let o = await w.runner(wf) { _, api in
            await seen.set(try await store.list().keys)
            try await api.log("hello")
            return nil
        }.run()
        #expect(o.exitCode == 0)
        let ts = try #require(o.invocationTimestamp)
        #expect(ts.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d/) != nil)
        let id = try #require(o.invocationID)
        #expect(id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
        // Only the job record (platform_jobs/, read by faasr status) precedes the function.
        #expect(await seen.keys.filter { !$0.contains("/platform_jobs/") }.isEmpty, "nothing else is created in the store before the function runs")
        let folder = "FaaSrLog/wf/\(ts)/\(id)"
        #expect(String(decoding: try await store.getData("\(folder)/function_completions/s.done"), as: UTF8.self) == "True")
        let reqs = await w.trigger.requests
        #expect(reqs.count == 1)
        #expect(reqs[0].functionName == "wf-a")
        #expect(reqs[0].overwritten.string("FunctionInvoke") == "a")
        #expect(reqs[0].overwritten.string("InvocationID") == id)
        #expect(reqs[0].overwritten.string("InvocationTimestamp") == ts)
        #expect(reqs[0].overwritten["ComputeServers"] == nil, "UseSecretStore: no credentials on the wire")
        let log = String(decoding: try await store.getData("\(folder)/s.txt"), as: UTF8.self)
        #expect(log.contains("hello\n"))
    }

    @Test(arguments: Backend.all) func s16_s17_idFromDateAndGivenID(_ backend: Backend) async throws {
        let w = try World(backend)
        var wf = TestWorkflow.make([("s", [])], extra: [("InvocationIDFromDate", "%Y%m%d"), ("InvocationTimestamp", "2025-08-29T23-17-01")])
        #expect(await w.runner(wf).run().invocationID == "20250829")
        wf["InvocationIDFromDate"] = "%Y%m%d%H"
        #expect(await w.runner(wf).run().invocationID == "2025082923")
        wf["InvocationID"] = "run1"
        #expect(await w.runner(wf).run().invocationID == "run1")
    }

    @Test(arguments: Backend.all) func s18_existingInvocationIsRefused(_ backend: Backend) async throws {
        let w = try World(backend)
        let ran = Counter()
        let wf = TestWorkflow.make([("s", ["a"]), ("a", [])], extra: [("InvocationID", "run1"), ("InvocationTimestamp", "2025-08-29T23-17-01")])
        try await w.store().put("\(folder)/something", data: Data("x".utf8))
        let o = await w.runner(wf) { _, _ in await ran.add(); return nil }.run()
        #expect(o.exitCode == 1)
        #expect(o.message?.hasPrefix("InvocationID already exists: run1") == true)
        #expect(await ran.value == 0)
        #expect(await w.trigger.requests.isEmpty)
        var other = wf
        other["InvocationTimestamp"] = "2025-08-29T23-17-02"
        #expect(await w.runner(other) { _, _ in await ran.add(); return nil }.run().exitCode == 0)
        #expect(await ran.value == 1)
    }

    @Test(arguments: Backend.all) func s19_emptyFaaSrLogDefaults(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", ["a"]), ("a", [])], extra: [("FaaSrLog", "")])
        let o = await w.runner(wf).run()
        #expect(o.logKey?.hasPrefix("FaaSrLog/wf/") == true)
        #expect(await w.trigger.requests.first?.overwritten.string("FaaSrLog") == "FaaSrLog")
    }

    @Test(arguments: Backend.all) func s20_endpointWithoutScheme(_ backend: Backend) async throws {
        let w = try World(backend)
        var wf = TestWorkflow.make([("s", [])])
        wf["DataStores"] = .object(JSONObject([.init(key: "S3", value: .object(JSONObject([
            .init(key: "Bucket", value: "b"), .init(key: "Endpoint", value: "play.min.io")])))]))
        let o = await w.runner(wf).run()
        #expect(o.exitCode == 1)
        #expect(o.message?.contains("must start with http") == true)
    }

    /// Scenario 22 (key construction) through the API.
    @Test(arguments: Backend.all) func s22_keyConstruction(_ backend: Backend) async throws {
        let w = try World(backend)
        let cases: [(String, String, String)] = [(".", "a.csv", "a.csv"), ("", "a.csv", "a.csv"), ("x/y/", "a.csv", "x/y/a.csv"),
                                                 ("x//y", "b//c.csv", "x/y/b/c.csv"), ("./x", "a.csv", "x/a.csv"), ("x", "sub/a.csv/", "x/sub/a.csv")]
        let o = await w.runner(TestWorkflow.make([("s", [])])) { inv, api in
            try Data("d".utf8).write(to: inv.workingDirectory.appendingPathComponent("f.txt"))
            for (folder, file, _) in cases {
                try await api.call("faasr_put_file", [("local_file", "f.txt"), ("remote_file", .string(file)), ("remote_folder", .string(folder))])
            }
            try await api.call("faasr_get_file", [("local_file", "back.txt"), ("remote_file", "a.csv"), ("remote_folder", "x/y")])
            try await api.call("faasr_delete_file", [("remote_file", "a.csv"), ("remote_folder", "./x")])
            return nil
        }.run()
        #expect(o.exitCode == 0)
        let keys = Set(try await w.store().list().keys)
        for (_, _, key) in cases where key != "x/a.csv" { #expect(keys.contains(key), "\(key)") }
        #expect(!keys.contains("x/a.csv"))
    }

    @Test(arguments: Backend.all) func s23_folderList(_ backend: Backend) async throws {
        let w = try World(backend)
        let s = try w.store()
        for k in ["d/x", "d/y/z", "e"] { try await s.put(k, data: Data()) }
        let got = Box<[String]>([])
        _ = await w.runner(TestWorkflow.make([("s", [])])) { _, api in
            let d = try await api.call("faasr_get_folder_list", [("prefix", "d")])
            await got.set(d["folder_list"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            return nil
        }.run()
        #expect(await got.value.sorted() == ["d/x", "d/y/z"])
    }

    @Test(arguments: Backend.all) func s24_logLinesAndRankedLogName(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", ["a(2)"]), ("a", [])])
        let o = await w.runner(wf, overwritten: World.over("a", rank: 2)) { _, api in
            try await api.log("m1"); try await api.log("m2"); return nil
        }.run()
        #expect(o.logKey == "\(folder)/a(2).txt")
        let text = String(decoding: try await w.store().getData("\(folder)/a(2).txt"), as: UTF8.self)
        #expect(text.contains("m1\nm2\n"))
        #expect(try await w.store().exists("\(folder)/function_completions/a.2.done"))
    }

    @Test(arguments: Backend.all) func s25_s3Creds(_ backend: Backend) async throws {
        let w = try World(backend)
        var wf = TestWorkflow.make([("s", [])])
        wf["DataStores"] = .object(JSONObject([
            .init(key: "S3", value: .object(JSONObject([.init(key: "Bucket", value: "b"), .init(key: "Region", value: "us-west-2"), .init(key: "Endpoint", value: "")]))),
            .init(key: "Pub", value: .object(JSONObject([.init(key: "Bucket", value: "p"), .init(key: "Anonymous", value: "TRUE")]))),
        ]))
        let got = Box<[JSONObject]>([])
        let o = await w.runner(wf, env: ["S3_AccessKey": "AK", "S3_SecretKey": "SK"]) { _, api in
            let a = try await api.call("faasr_get_s3_creds").object("s3_creds")!
            let b = try await api.call("faasr_get_s3_creds", [("server_name", "Pub")]).object("s3_creds")!
            await got.set([a, b])
            return nil
        }.run()
        #expect(o.exitCode == 0)
        let v = await got.value
        #expect(v[0].string("endpoint") == "https://s3.us-west-2.amazonaws.com")
        #expect(v[0].string("access_key") == "AK")
        #expect(v[1]["anonymous"] == true)
        #expect(v[1]["access_key"] == .null)
    }

    @Test(arguments: Backend.all) func s26_resultValues(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", [["True": ["t"], "False": ["f"]]]), ("t", []), ("f", [])])
        #expect(await w.runner(wf) { _, _ in 1 }.run().result == true)
        let bad = await w.runner(wf) { _, _ in "abc" }.run()
        #expect(bad.exitCode == 1)
        #expect(await w.runner(wf) { _, _ in .object(JSONObject()) }.run().exitCode == 1)
    }

    /// Scenario 27, adapted: a failed function writes no `.done` (FaaSr writes one).
    @Test(arguments: Backend.all) func s27_failingFunction(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", ["a"]), ("a", [])], extra: [("InvocationID", "run1"), ("InvocationTimestamp", "2025-08-29T23-17-01")])
        let o = await w.runner(wf) { _, _ in throw RuntimeFailure("boom") }.run()
        #expect(o.exitCode == 1)
        #expect(await w.trigger.requests.isEmpty)
        #expect(!(try await w.store().exists("\(folder)/function_completions/s.done")))
        let log = String(decoding: try await w.store().getData("\(folder)/s.txt"), as: UTF8.self)
        #expect(log.contains("Traceback: boom"))
    }

    @Test(arguments: Backend.all) func s28_secret(_ backend: Backend) async throws {
        let w = try World(backend)
        let got = Box<String>("")
        let wf = TestWorkflow.make([("s", [])])
        _ = await w.runner(wf, env: ["MY_KEY": "v"]) { _, api in
            await got.set(try await api.call("faasr_secret", [("secret_name", "MY_KEY")]).string("secret_value") ?? "")
            return nil
        }.run()
        #expect(await got.value == "v")
        var lambda = wf
        lambda["ComputeServers"] = .object(JSONObject([.init(key: "GH", value: .object(JSONObject([.init(key: "FaaSType", value: "Lambda"), .init(key: "Region", value: "us-east-1")])))]))
        let o = await w.runner(lambda, env: ["MY_KEY": "v"]) { _, api in
            try await api.call("faasr_secret", [("secret_name", "MY_KEY")]); return nil
        }.run()
        #expect(o.exitCode == 1)
    }

    @Test(arguments: Backend.all) func s29_unknownProcedureAndDefaultRank(_ backend: Backend) async throws {
        let w = try World(backend)
        let rank = Box<JSONObject>(JSONObject())
        let o = await w.runner(TestWorkflow.make([("s", [])])) { _, api in
            await rank.set(try await api.call("faasr_rank"))
            try await api.call("faasr_nope")
            return nil
        }.run()
        #expect(o.exitCode == 1)
        #expect(await rank.value["max_rank"] == 1)
        #expect(await rank.value["rank"] == 1)
    }

    /// Scenario 30: the join invoked before all predecessors are done aborts cleanly.
    @Test(arguments: Backend.all) func s30_diamondSequence(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", ["a", "b"]), ("a", ["j"]), ("b", ["j"]), ("j", [])])
        let ran = Counter()
        let store = try w.store()
        try await store.put("\(folder)/function_completions/a.done", data: Data("True".utf8))
        let early = await w.runner(wf, overwritten: World.over("j")) { _, _ in await ran.add(); return nil }.run()
        #expect(early.kind == .aborted)
        #expect(early.exitCode == 0)
        #expect(!(try await store.exists("\(folder)/j.candidate")))
        try await store.put("\(folder)/function_completions/b.done", data: Data("True".utf8))
        let late = await w.runner(wf, overwritten: World.over("j")) { _, _ in await ran.add(); return nil }.run()
        #expect(late.kind == .succeeded)
        #expect(await ran.value == 1)
        #expect(String(decoding: try await store.getData("\(folder)/j.candidate"), as: UTF8.self).split(separator: "\n").count == 1)
        #expect(try await store.exists("\(folder)/function_completions/j.done"))
        // Scenario 32, adapted: a late duplicate sees the candidate file and loses at once
        // (FaaSr appends its number first; the first line, which decides, is the same).
        let dup = await w.runner(wf, overwritten: World.over("j")) { _, _ in await ran.add(); return nil }.run()
        #expect(dup.kind == .aborted)
        #expect(await ran.value == 1)
        #expect(String(decoding: try await store.getData("\(folder)/j.candidate"), as: UTF8.self).split(separator: "\n").count == 1)
    }

    /// Scenario 31: concurrent contenders, exactly one runs; lock and flags gone at the end.
    @Test(arguments: Backend.all) func s31_diamondRace(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", ["a", "b"]), ("a", ["j"]), ("b", ["j"]), ("j", [])])
        let store = try w.store()
        for p in ["a", "b"] { try await store.put("\(folder)/function_completions/\(p).done", data: Data("True".utf8)) }
        let ran = Counter()
        let outcomes = await withTaskGroup(of: ActionOutcome.self) { g in
            for _ in 0..<8 { g.addTask { await w.runner(wf, overwritten: World.over("j")) { _, _ in await ran.add(); return nil }.run() } }
            return await g.reduce(into: []) { $0.append($1) }
        }
        #expect(await ran.value == 1)
        #expect(outcomes.filter { $0.kind == .succeeded }.count == 1)
        #expect(outcomes.filter { $0.kind == .aborted }.count == 7)
        #expect(String(decoding: try await store.getData("\(folder)/j.candidate"), as: UTF8.self).split(separator: "\n").count >= 1)
        #expect(!(try await store.exists("\(folder)/j/lock")))
        #expect(try await store.list(prefix: "\(folder)/j/flag/").objects.isEmpty)
    }

    /// Scenario 33: rank fan-out.
    @Test(arguments: Backend.all) func s33_rankFanOut(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", ["w(3)"]), ("w", ["j"]), ("j", [])], extra: [("InvocationID", "run1"), ("InvocationTimestamp", "2025-08-29T23-17-01")])
        _ = await w.runner(wf).run()
        let reqs = await w.trigger.requests
        #expect(reqs.map(\.rank) == [1, 2, 3])
        #expect(reqs.allSatisfy { $0.functionName == "wf-w" })
        let ranks = Box<[String]>([])
        for r in 1...3 {
            let o = await w.runner(wf, overwritten: World.over("w", rank: r)) { _, api in
                let d = try await api.call("faasr_rank")
                await ranks.append("\(d["rank"]!.compactText)/\(d["max_rank"]!.compactText)")
                return nil
            }.run()
            #expect(o.logKey == "\(folder)/w(\(r)).txt")
        }
        #expect(await ranks.value == ["1/3", "2/3", "3/3"])
        let done = try await w.store().list(prefix: "\(folder)/function_completions/").keys.sorted()
        #expect(done == ["s", "w.1", "w.2", "w.3"].map { "\(folder)/function_completions/\($0).done" })
        let ran = Counter()
        for _ in 0..<3 { _ = await w.runner(wf, overwritten: World.over("j")) { _, _ in await ran.add(); return nil }.run() }
        #expect(await ran.value == 1)
    }

    @Test(arguments: Backend.all) func s34_rankOneIsUnranked(_ backend: Backend) async throws {
        let w = try World(backend)
        _ = await w.runner(TestWorkflow.make([("s", ["w(1)"]), ("w", [])])).run()
        let reqs = await w.trigger.requests
        #expect(reqs.count == 1)
        #expect(reqs[0].rank == nil)
        #expect(reqs[0].overwritten["FunctionRank"] == nil)
    }

    @Test(arguments: Backend.all) func s35_s36_conditionals(_ backend: Backend) async throws {
        let wf = TestWorkflow.make([("s", ["x", ["True": ["t"]]]), ("x", []), ("t", [])])
        for (result, expected) in [(JSONValue.bool(true), ["x", "t"]), (.bool(false), ["x"])] {
            let w = try World(backend)
            let o = await w.runner(wf) { _, _ in result }.run()
            #expect(o.exitCode == 0)
            #expect(await w.trigger.requests.map(\.action) == expected)
        }
        let w = try World(backend)
        let o = await w.runner(wf) { _, _ in nil }.run()
        #expect(o.exitCode == 1)
        #expect(await w.trigger.requests.isEmpty)
    }

    /// Scenario 38, fixed: `.done` goes to the logging store, so the join runs.
    @Test(arguments: Backend.all) func s38_separateLoggingStore(_ backend: Backend) async throws {
        let w = try World(backend)
        var wf = TestWorkflow.make([("s", ["a", "b"]), ("a", ["j"]), ("b", ["j"]), ("j", [])])
        wf["DataStores"] = .object(JSONObject([
            .init(key: "S3", value: .object(JSONObject([.init(key: "Bucket", value: "b")]))),
            .init(key: "Logs", value: .object(JSONObject([.init(key: "Bucket", value: "l")]))),
        ]))
        wf["LoggingDataStore"] = "Logs"
        let ran = Counter()
        for a in ["a", "b"] { _ = await w.runner(wf, overwritten: World.over(a)).run() }
        let o = await w.runner(wf, overwritten: World.over("j")) { _, _ in await ran.add(); return nil }.run()
        #expect(o.kind == .succeeded)
        #expect(await ran.value == 1)
        #expect(try await w.store("Logs").exists("\(folder)/function_completions/a.done"))
    }

    @Test(arguments: Backend.all) func s39_duplicateEdge(_ backend: Backend) async throws {
        let w = try World(backend)
        let wf = TestWorkflow.make([("s", ["a", "a"]), ("a", [])], extra: [("InvocationID", "run1"), ("InvocationTimestamp", "2025-08-29T23-17-01")])
        _ = await w.runner(wf).run()
        #expect(await w.trigger.requests.map(\.action) == ["a", "a"])
        let ran = Counter()
        for _ in 0..<2 { _ = await w.runner(wf, overwritten: World.over("a")) { _, _ in await ran.add(); return nil }.run() }
        #expect(await ran.value == 1)
    }

    /// Scenario 40: secrets by derived names; credentials forwarded only to servers without a secret store.
    @Test(arguments: Backend.all) func s40_secretsAndForwarding(_ backend: Backend) async throws {
        let w = try World(backend)
        var wf = TestWorkflow.make([("s", ["a", "b"]), ("a", []), ("b", [])])
        var servers = wf.object("ComputeServers")!
        servers["OW"] = .object(JSONObject([.init(key: "FaaSType", value: "OpenWhisk"), .init(key: "Endpoint", value: "e"), .init(key: "Namespace", value: "n")]))
        servers["L"] = .object(JSONObject([.init(key: "FaaSType", value: "Lambda"), .init(key: "Region", value: "r")]))
        wf["ComputeServers"] = .object(servers)
        var list = wf.object("ActionList")!
        var b = list.object("b")!; b["FaaSServer"] = "L"; list["b"] = .object(b)
        wf["ActionList"] = .object(list)
        let creds = Box<JSONObject>(JSONObject())
        _ = await w.runner(wf, env: ["S3_AccessKey": "AK", "S3_SecretKey": "SK", "GH_PAT": "ghp", "L_AccessKey": "la", "L_SecretKey": "ls"]) { _, api in
            await creds.set(try await api.call("faasr_get_s3_creds").object("s3_creds")!)
            return nil
        }.run()
        #expect(await creds.value.string("access_key") == "AK")
        let reqs = await w.trigger.requests
        #expect(reqs[0].overwritten["DataStores"] == nil)
        let forwarded = try #require(reqs[1].overwritten.object("DataStores")?.object("S3"))
        #expect(forwarded.string("SecretKey") == "SK")
        #expect(reqs[1].overwritten.object("ComputeServers")?.object("L")?.string("AccessKey") == "la")
    }
}

actor Counter {
    var value = 0
    func add() { value += 1 }
}

actor Box<T: Sendable> {
    var value: T
    init(_ v: T) { value = v }
    func set(_ v: T) { value = v }
}

extension Box where T == [String] {
    func append(_ s: String) { value.append(s) }
}

actor SeenObjects {
    var keys: [String] = []
    func set(_ k: [String]) { keys = k }
}
