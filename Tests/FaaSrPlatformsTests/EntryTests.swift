import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrRuntime
import FaaSrTestSupport
import Foundation
import Testing

/// `faasr entry` without containers: the Lambda runtime loop against a loopback Runtime API
/// checked against ../shared/api/lambda-runtime-api.json, the OpenWhisk proxy driven as the
/// invoker drives it, and the env form; each action against moto.
@Suite(.serialized) struct EntryTests {
    func entry(_ f: EntryFixture, _ env: [String: String], _ args: [String] = ["entry"]) throws -> EntryChild? {
        guard let faasr = try FaasrExecutable.require() else { return nil }
        return try EntryChild(faasr, args, environment: f.environment.merging(env) { $1 }, in: f.dir)
    }

    @Test func lambdaLoopRunsTwoEventsAndPostsBothResponses() async throws {
        guard try SharedFixtures.require(), let f = try EntryFixture.make("entry-lambda") else { return }
        let api = try LambdaRuntimeServer(events: [f.lambdaEvent("hello"), f.lambdaEvent("hello")])
        try await api.start()
        defer { Task { await api.stop() } }
        guard let child = try entry(f, ["AWS_LAMBDA_RUNTIME_API": api.address]) else { return }
        let status = await child.wait()
        #expect(status == 1, "exits when the API answers 500 after the two events: \(child.output)")
        #expect(api.problems == [])
        let posted = api.posted
        #expect(posted.map(\.kind) == ["response", "response"], "\(posted) \(child.output)")
        let ids = Set(posted.compactMap { $0.body?["invocationID"]?.stringValue })
        #expect(ids.count == 2, "two invocations, two InvocationIDs")
        #expect(posted.allSatisfy { $0.body?["kind"]?.stringValue == "succeeded" })
        let keys = try await f.keys()
        #expect(keys.contains("\(f.log)/out/hello.txt"), "\(keys)")
        for id in ids { #expect(keys.contains { $0.contains(id) && $0.hasSuffix("hello.txt") && !$0.hasPrefix("\(f.log)/out") }, "the log of \(id): \(keys)") }
    }

    @Test func lambdaFailingFunctionAndBadEventPostDocumentedErrors() async throws {
        guard try SharedFixtures.require(), let f = try EntryFixture.make("entry-lambda-err") else { return }
        let api = try LambdaRuntimeServer(events: [f.lambdaEvent("broken"), #"{"no": "payload"}"#])
        try await api.start()
        defer { Task { await api.stop() } }
        guard let child = try entry(f, ["AWS_LAMBDA_RUNTIME_API": api.address]) else { return }
        _ = await child.wait()
        #expect(api.problems == [])
        let posted = api.posted
        #expect(posted.map(\.kind) == ["error", "error"], "\(posted) \(child.output)")
        #expect(posted.first?.errorType == "Function.ActionFailed")
        #expect(posted.first?.body?["errorMessage"]?.stringValue?.contains("broken fails on purpose") == true, "\(posted)")
        #expect(posted.last?.errorType == "Runtime.InvalidEvent")
        #expect(posted.last?.body?["errorMessage"]?.stringValue?.contains("PAYLOAD_URL") == true, "\(posted)")
    }

    @Test func lambdaInitErrorIsReported() async throws {
        guard try SharedFixtures.require(), let f = try EntryFixture.make("entry-lambda-init") else { return }
        let api = try LambdaRuntimeServer(events: [f.lambdaEvent("hello")])
        try await api.start()
        defer { Task { await api.stop() } }
        let blocker = f.dir.appendingPathComponent("a-file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        guard let child = try entry(f, ["AWS_LAMBDA_RUNTIME_API": api.address, "FAASR_WORK_ROOT": blocker.appendingPathComponent("work").path]) else { return }
        #expect(await child.wait() == 1)
        #expect(api.problems == [])
        #expect(api.posted.map(\.kind) == ["init-error"], "\(api.posted) \(child.output)")
        #expect(api.posted.first?.body?["errorMessage"]?.stringValue?.contains("FAASR_WORK_ROOT") == true)
        #expect(api.server.requests.allSatisfy { !$0.path.hasSuffix("/next") }, "no invocation is taken after an init error")
    }

    @Test func openWhiskProxyInitThenTwoRuns() async throws {
        guard try SharedFixtures.require(), let f = try EntryFixture.make("entry-ow") else { return }
        let port = freeLoopbackPort()
        guard let child = try entry(f, ["__OW_API_HOST": "https://ow.invalid", "FAASR_PROXY_PORT": "\(port)"]) else { return }
        defer { Task { await child.stop() } }
        let base = "http://127.0.0.1:\(port)"
        var initReply: (status: Int, body: JSONValue?)?
        for _ in 0..<120 {
            initReply = await postJSON("\(base)/init", #"{"value": {"name": "entry-hello", "main": "main", "binary": false, "env": {"__OW_NAMESPACE": "guest"}}}"#)
            if initReply != nil { break }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        #expect(initReply?.status == 200, "\(child.output)")
        let again = await postJSON("\(base)/init", #"{"value": {"name": "x", "main": "main", "binary": false}}"#)
        #expect(again?.status == 403 && again?.body?["error"]?.stringValue != nil)
        let context = #""namespace": "guest", "action_name": "/guest/entry-hello", "activation_id": "a1", "transaction_id": "t1", "deadline": "\#(Int(Date().timeIntervalSince1970 * 1000) + 600_000)""#
        let first = await postJSON("\(base)/run", "{\"value\": \(f.openWhiskParameters("hello")), \(context)}")
        #expect(first?.status == 200 && first?.body?["kind"]?.stringValue == "succeeded" && first?.body?["error"] == nil, "\(String(describing: first)) \(child.output)")
        let second = await postJSON("\(base)/run", "{\"value\": \(f.openWhiskParameters("hello")), \(context)}")
        #expect(second?.status == 200 && second?.body?["kind"]?.stringValue == "succeeded", "\(String(describing: second))")
        #expect(first?.body?["invocationID"] != second?.body?["invocationID"])
        let failing = await postJSON("\(base)/run", "{\"value\": \(f.openWhiskParameters("broken")), \(context)}")
        #expect(failing?.status == 200 && failing?.body?["error"]?.stringValue?.contains("broken fails on purpose") == true, "an application error: \(String(describing: failing))")
        let bad = await postJSON("\(base)/run", #"{"value": "not parameters"}"#)
        #expect(bad?.body?["error"]?.stringValue != nil)
        await child.stop()
        #expect(child.output.components(separatedBy: OpenWhiskProxy.sentinel).count - 1 >= 8, "the sentinel after each /run on stdout and stderr")
    }

    @Test func envFormRunsOneActionAndExits() async throws {
        guard try SharedFixtures.require(), let f = try EntryFixture.make("entry-env") else { return }
        guard let ok = try entry(f, ["PAYLOAD_URL": f.workflow.path, "OVERWRITTEN": #"{"FunctionInvoke":"hello"}"#]) else { return }
        #expect(await ok.wait() == 0, "\(ok.output)")
        #expect(try await f.keys().contains("\(f.log)/out/hello.txt"))
        guard let failing = try entry(f, ["PAYLOAD_URL": f.workflow("broken")]) else { return }
        #expect(await failing.wait() == 1)
        guard let missing = try entry(f, [:]) else { return }
        #expect(await missing.wait() == 1)
        #expect(missing.output.contains("PAYLOAD_URL is not set"))
        guard let forced = try entry(f, [:], ["entry", "--mode", "lambda"]) else { return }
        #expect(await forced.wait() == 2)
        #expect(forced.output.contains("AWS_LAMBDA_RUNTIME_API"), "\(forced.output)")
    }
}
