import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Testing

/// OpenWhiskPlatform against the loopback controller, which checks every request against
/// openwhisk-apiv1swagger.json and keeps OpenWhisk's state.
func obj(_ key: String, _ value: JSONValue) -> JSONObject {
    var o = JSONObject()
    o[key] = value
    return o
}

@Suite struct OpenWhiskPlatformTests {
    static let key = "23bc46b1-71f6-4ed5-8c54-816aa4f8c502:secretkey"

    static func workflow() throws -> Workflow {
        try Workflow(text: """
        {"WorkflowName": "wf", "FunctionInvoke": "start",
         "ComputeServers": {"OW": {"FaaSType": "OpenWhisk", "Endpoint": "x", "MaxMemory": 512}},
         "ActionList": {"start": {"FunctionName": "f", "FaaSServer": "OW", "Type": "Python", "MaxRuntime": 120},
                        "next": {"FunctionName": "g", "FaaSServer": "OW", "Type": "R"}}}
        """)
    }

    static func platform(_ server: OpenWhiskServer, extra: [String: JSONValue] = [:]) throws -> OpenWhiskPlatform {
        var entry = JSONObject()
        entry["FaaSType"] = "OpenWhisk"
        entry["Endpoint"] = .string(server.baseURL)
        for (k, v) in extra { entry[k] = v }
        var p = try OpenWhiskPlatform(context: PlatformContext(serverName: "OW", server: entry, workflowName: "wf",
                                                               secrets: ["OW_APIkey": key], environment: [:]))
        p.http.retry = .init(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 60)
        // Generous: the loopback server checks each request against the 77 KB description,
        // slow on a loaded machine. The silent-server case sets its own short timeout.
        p.http.readTimeout = 15
        p.http.connectTimeout = 5
        return p
    }

    func request() -> TriggerRequest {
        TriggerRequest(action: "start", rank: nil, serverName: "OW", server: JSONObject(), overwritten: JSONObject(),
                       payloadURL: "o/r/main/wf.json", functionName: "wf-start")
    }

    @Test func registerTwiceInvokeTimerUnregister() async throws {
        guard try SharedFixtures.require() else { return }
        let server = try OpenWhiskServer(apiKey: Self.key)
        try await server.start()
        defer { Task { await server.stop() } }
        let ow = try Self.platform(server)
        let deployment = Deployment(workflow: try Self.workflow(), actions: ["start", "next"], payloadURL: "o/r/main/wf.json")
        try await ow.checkCredentials()
        let first = try await ow.plan(deployment)
        #expect(first.changes.map(\.kind) == [.create, .create])
        try await ow.apply(first)
        let start = try #require(server.entity("actions", "wf-start"))
        #expect(start["exec"]?["image"]?.stringValue == "faasr/openwhisk-python:latest")
        #expect(start["limits"]?["memory"]?.numberValue?.intValue == 512)
        #expect(start["limits"]?["timeout"]?.numberValue?.intValue == 120_000)
        #expect(server.entity("actions", "wf-next")?["exec"]?["image"]?.stringValue == "faasr/openwhisk-r:latest")
        #expect(try await ow.plan(deployment).isEmpty)

        let receipt = try await ow.submit(request())
        #expect(receipt.jobID != nil)
        #expect(try await ow.status(of: receipt) == .succeeded)

        let timer = TimerRequest(cron: "*/5 * * * *", request: request())
        try await ow.setTimer(timer)
        #expect(server.alarms["/guest/wf-start-timer"] == "*/5 * * * *")
        #expect(server.entity("rules", "wf-start-timer-rule") != nil)
        try await ow.setTimer(TimerRequest(cron: "0 * * * *", request: request()))
        #expect(server.alarms["/guest/wf-start-timer"] == "0 * * * *")
        try await ow.unsetTimer(timer)
        #expect(server.alarms.isEmpty && server.names("rules").isEmpty && server.names("triggers").isEmpty)

        try await ow.apply(try await ow.unregisterPlan(deployment))
        #expect(server.names("actions").isEmpty)
        #expect(server.problems == [])
    }

    @Test func errorsAreRetriedWhereSafeAndRegisterIsUndone() async throws {
        guard try SharedFixtures.require() else { return }
        let server = try OpenWhiskServer(apiKey: Self.key)
        try await server.start()
        defer { Task { await server.stop() } }
        let ow = try Self.platform(server)
        let deployment = Deployment(workflow: try Self.workflow(), actions: ["start", "next"], payloadURL: "p")
        // A 503 on an idempotent GET is retried.
        server.http.fail("GET", pathContains: "wf-start", with: .json(503, ["error": "busy"]))
        let plan = try await ow.plan(deployment)
        // The second PUT fails (403 is not retried): the first action is deleted again.
        server.http.fail("PUT", pathContains: "wf-next", with: .json(403, ["error": "forbidden"]))
        let error = try await #require(throws: PlatformError.self) { try await ow.apply(plan) }
        #expect(error.status == 403)
        #expect(error.message.contains("Namespace"))
        #expect(error.message.contains("undone"))
        #expect(server.names("actions").isEmpty)
        // A 429 on invoke is reported with what to do.
        try await ow.apply(plan)
        for _ in 0..<3 { server.http.fail("POST", pathContains: "wf-start", with: .json(429, ["error": "throttled"])) }
        let throttled = try await #require(throws: PlatformError.self) { try await ow.submit(request()) }
        #expect(throttled.status == 429 && throttled.message.contains("throttled"))
        // A wrong key is a 401 naming the secret.
        let bad = try OpenWhiskPlatform(context: PlatformContext(serverName: "OW", server: obj("Endpoint", .string(server.baseURL)),
                                                             workflowName: "wf", secrets: ["OW_APIkey": "a:b"], environment: [:]))
        let refused = try await #require(throws: PlatformError.self) { try await bad.checkCredentials() }
        #expect(refused.status == 401 && refused.message.contains("OW_APIkey"))
        // A server that never answers is a timeout error, not a hang.
        server.http.fail("GET", pathContains: "namespaces", with: .json(200, []), delay: 3)
        server.http.fail("GET", pathContains: "namespaces", with: .json(200, []), delay: 3)
        server.http.fail("GET", pathContains: "namespaces", with: .json(200, []), delay: 3)
        var impatient = ow
        impatient.http.readTimeout = 1
        impatient.http.connectTimeout = 1
        let slow = try await #require(throws: PlatformError.self) { try await impatient.checkCredentials() }
        #expect(slow.message.contains("no answer"))
        #expect(server.problems == [])
    }

    @Test func tlsVerificationStaysOnUnlessAllowed() throws {
        func make(_ extra: JSONObject) throws -> OpenWhiskPlatform {
            var entry = extra
            entry["Endpoint"] = "ow.example.org"
            return try OpenWhiskPlatform(context: PlatformContext(serverName: "OW", server: entry, workflowName: "wf",
                                                                  secrets: ["OW_APIkey": Self.key], environment: [:]))
        }
        #expect(try make(JSONObject()).verifiesTLS)
        #expect(try make(obj("AllowSelfSignedCertificate", false)).verifiesTLS)
        #expect(try !make(obj("AllowSelfSignedCertificate", true)).verifiesTLS)
        #expect(try make(JSONObject()).endpoint == "https://ow.example.org")
        #expect(try make(JSONObject()).namespace == "_")
    }
}
