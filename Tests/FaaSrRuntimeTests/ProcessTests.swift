import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// Real Python functions in child processes, through the RPC server.
@Suite struct PythonFunctionTests {
    func write(_ dir: URL, _ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }

    /// Runs action `s` (function `function`, code `code` in f.py) of a workflow built by
    /// ``TestWorkflow`` with `extra` top-level keys, in `{world}/work`, with this process's
    /// environment plus `env`; returns the outcome, the world and the action's log.
    func run(_ code: String, function: String, args: JSONObject = JSONObject(), next: [JSONValue] = [],
             maxRuntime: Int? = nil, extra: [(String, JSONValue)] = [],
             env: [String: String] = [:]) async throws -> (ActionOutcome, World, String) {
        let w = try World()
        let dir = w.root.appendingPathComponent("wf")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try write(dir, "f.py", code)
        var wf = TestWorkflow.make([("s", next)] + next.compactMap { $0.stringValue.map { ($0, []) } }, extra: extra)
        var list = wf.object("ActionList")!
        var s = list.object("s")!
        s["FunctionName"] = .string(function)
        s["Arguments"] = .object(args)
        if let maxRuntime { s["MaxRuntime"] = .number(JSONNumber(maxRuntime)) }
        list["s"] = .object(s)
        wf["ActionList"] = .object(list)
        wf["FunctionLocalFile"] = .object(JSONObject([.init(key: function, value: "f.py")]))
        wf["InvocationID"] = "run1"
        wf["InvocationTimestamp"] = "2025-08-29T23-17-01"
        let file = dir.appendingPathComponent("wf.json")
        try Data(JSONValue.object(wf).compactText.utf8).write(to: file)
        var r = ActionRunner(request: PayloadRequest(payloadURL: file.path), stores: LocalFolderStoreResolver(root: w.storesRoot),
                             trigger: w.trigger, functionRunner: ProcessFunctionRunner(rpcPort: 0),
                             workingDirectory: w.root.appendingPathComponent("work"),
                             environment: ProcessInfo.processInfo.environment.merging(env) { $1 })
        r.echo = false
        let o = await r.run()
        let log = (try? await w.store().getData("FaaSrLog/wf/2025-08-29T23-17-01/run1/s.txt")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (o, w, log)
    }

    @Test func keywordArgumentsAndInjectedAPI() async throws {
        let (o, w, log) = try await run("""
        def f(folder, n):
            with open("out.txt", "w") as fh:
                fh.write(str(n * 2))
            faasr_put_file(local_file="out.txt", remote_folder=folder, remote_file="out.txt")
            faasr_log("id " + faasr_invocation_id())
            print("printed line")
            return True
        """, function: "f", args: JSONObject([.init(key: "folder", value: "res"), .init(key: "n", value: 21)]))
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(o.result == true)
        #expect(String(decoding: try await w.store().getData("res/out.txt"), as: UTF8.self) == "42")
        #expect(log.contains("id run1\n"))
        #expect(log.contains("printed line"))
    }

    @Test func raisingFunctionLogsTraceback() async throws {
        let (o, w, log) = try await run("""
        def f():
            raise ValueError("broken on purpose")
        """, function: "f", next: ["a"])
        #expect(o.exitCode == 1)
        #expect(log.contains("Traceback (most recent call last)"))
        #expect(log.contains("ValueError: broken on purpose"))
        #expect(await w.trigger.requests.isEmpty)
    }

    /// The runtime's threads block SIGTERM and others; the function must not inherit that.
    @Test func functionStartsWithNoBlockedSignals() async throws {
        let (o, _, log) = try await run("""
        def f():
            faasr_log([l for l in open("/proc/self/status") if l.startswith("SigBlk")][0].strip())
            return True
        """, function: "f")
        #expect(o.kind == .succeeded, "\(o.message ?? "")")
        #expect(log.contains("SigBlk:\t0000000000000000\n"), "\(log)")
    }

    @Test func missingFunctionFails() async throws {
        let (o, _, _) = try await run("def g():\n    return True\n", function: "f")
        #expect(o.exitCode == 1)
        #expect(o.message?.contains("cannot find function f") == true)
    }

    @Test func invalidReturnFails() async throws {
        let (o, _, _) = try await run("def f():\n    return 'abc'\n", function: "f")
        #expect(o.exitCode == 1)
    }

    @Test func maxRuntimeStopsTheFunction() async throws {
        let (o, _, _) = try await run("import time\ndef f():\n    time.sleep(30)\n", function: "f", maxRuntime: 1)
        #expect(o.exitCode == 1)
        #expect(o.message?.contains("MaxRuntime") == true)
    }
}
