import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing

/// Issue 12's error matrix for the platforms behind loopback servers (GitHub Actions,
/// OpenWhisk, Cloud Run, Kubernetes): every status on register and on invoke, injected with
/// the platform's own error body (``MatrixSubject``). Retried only where safe (counted: how many
/// injected answers were used), otherwise reported with the server, the request, the status and
/// a hint; a failed register leaves the server as it was, a failed invoke starts nothing.
/// Lambda's statuses come from a FaultProxy answering as AWS does (`x-amzn-ErrorType`); its
/// register rollback, wrong keys and timeouts are in LambdaRegisterTests, LambdaErrorTests and
/// LambdaTimeoutTests, SLURM's in SLURMClusterTests. README "Errors and retries" has the table.
@Suite struct PlatformErrorMatrixTests {
    static let statuses = [401, 403, 404, 409, 429, 500, 503]

    @Test(arguments: MatrixPlatform.allCases, statuses)
    func aFailedRegisterLeavesTheServerAsItWas(_ platform: MatrixPlatform, _ status: Int) async throws {
        guard try SharedFixtures.require() else { return }
        let s = try await platform.make()
        defer { Task { await s.stop() } }
        let before = s.state()
        for _ in 0..<MatrixPlatform.attempts { s.http.fail(s.register.method, pathContains: s.register.path, with: s.error(status)) }
        let error = try await #require(throws: PlatformError.self) { try await s.registerCall(nil) }
        let used = MatrixPlatform.attempts - s.http.clearFaults()
        #expect(used == s.sends(status, invoke: false), "\(platform) register, \(status): sent \(used) times")
        #expect(error.status == status, "\(error)")
        #expect(Self.saysWhatToFix(error, status), "\(error)")
        #expect(s.state() == before, "\(platform) after a \(status) on register: \(s.state())")
        // Register again completes it.
        try await s.registerCall(nil)
        #expect(s.state() != before)
        #expect(s.problems() == [])
    }

    @Test(arguments: MatrixPlatform.allCases, statuses)
    func aFailedInvokeStartsNothingAndIsRepeatedOnlyWhenSafe(_ platform: MatrixPlatform, _ status: Int) async throws {
        guard try SharedFixtures.require() else { return }
        let s = try await platform.make()
        defer { Task { await s.stop() } }
        try await s.registerCall(nil)
        let before = s.state()
        for _ in 0..<MatrixPlatform.attempts { s.http.fail(s.invoke.method, pathContains: s.invoke.path, with: s.error(status)) }
        let error = try await #require(throws: PlatformError.self) { try await s.invokeCall(nil) }
        let used = MatrixPlatform.attempts - s.http.clearFaults()
        #expect(used == s.sends(status, invoke: true), "\(platform) invoke, \(status): sent \(used) times")
        #expect(error.status == status, "\(error)")
        #expect(Self.saysWhatToFix(error, status), "\(error)")
        #expect(s.state() == before, "\(platform) after a \(status) on invoke: \(s.state())")
        #expect(s.problems() == [])
    }

    @Test(arguments: MatrixPlatform.allCases)
    func aSilentServerIsATimeoutNamingTheEndpoint(_ platform: MatrixPlatform) async throws {
        guard try SharedFixtures.require() else { return }
        let s = try await platform.make()
        defer { Task { await s.stop() } }
        let before = s.state()
        // Register: the second resource's request gets no answer within the 3 s read timeout.
        for _ in 0..<MatrixPlatform.attempts { s.http.fail(s.register.method, pathContains: s.register.path, with: s.error(200), delay: 8) }
        let register = try await #require(throws: PlatformError.self) { try await s.registerCall(3) }
        s.http.clearFaults()
        #expect(register.message.contains("no answer") && register.message.contains(s.base), "\(register)")
        #expect(s.state() == before, "\(platform) after a timeout on register: \(s.state())")
        // Invoke: not repeated unless repeating is harmless (a create by name).
        try await s.registerCall(nil)
        let registered = s.state()
        for _ in 0..<MatrixPlatform.attempts { s.http.fail(s.invoke.method, pathContains: s.invoke.path, with: s.error(200), delay: 8) }
        let invoke = try await #require(throws: PlatformError.self) { try await s.invokeCall(3) }
        let used = MatrixPlatform.attempts - s.http.clearFaults()
        #expect(used == s.sends(503, invoke: true), "\(platform) invoke timeout: sent \(used) times")
        #expect(invoke.message.contains("no answer") && invoke.message.contains(s.base), "\(invoke)")
        #expect(s.state() == registered)
        #expect(s.problems() == [])
    }

    static let lambdaErrors = [(403, "AccessDeniedException"), (404, "ResourceNotFoundException"), (409, "ResourceConflictException"),
                               (429, "TooManyRequestsException"), (500, "ServiceException"), (503, "ServiceException")]

    @Test(arguments: lambdaErrors)
    func lambdaRetriesOnlyWhereSafe(_ status: Int, _ code: String) async throws {
        // Every connection is answered by the proxy (nothing reaches an upstream): register's
        // first request (GetFunction, a GET) and an Event invoke (a POST).
        let reply = FaultProxy.Fault.respond(status: status, headers: ["Content-Type": "application/json", "x-amzn-ErrorType": code],
                                             body: #"{"Type":"User","message":"injected"}"#)
        for invoke in [false, true] {
            let proxy = try FaultProxy(upstreamPort: 9, plan: Array(repeating: reply, count: MatrixPlatform.attempts), after: .reset)
            defer { proxy.stop() }
            let context = PlatformContext(serverName: "AWS", server: LambdaTestFixture.server("us-east-1"), workflowName: "w",
                                          secrets: ["AWS_AccessKey": "AKIAEXAMPLE", "AWS_SecretKey": "example-secret"],
                                          environment: ["AWS_ENDPOINT_URL": proxy.endpoint])
            let http = PlatformHTTP(serverName: "AWS", retry: RetryPolicy(maxAttempts: MatrixPlatform.attempts, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 60))
            let platform = try LambdaPlatform(context: context, http: http)
            if !invoke && status == 404 {
                // GetFunction's 404 is an answer: the function is not there yet (register creates it).
                try await platform.checkCredentials()
                #expect(proxy.connectionCount == 1)
                continue
            }
            let error = try await #require(throws: PlatformError.self) {
                if invoke { _ = try await platform.submit(LambdaTestFixture.request("w", "a")) } else { try await platform.checkCredentials() }
            }
            let retried = status == 429 || (status >= 500 && !invoke)
            #expect(proxy.connectionCount == (retried ? MatrixPlatform.attempts : 1), "\(invoke ? "Invoke" : "GetFunction") \(status): \(proxy.connectionCount) sent")
            #expect(error.status == status, "\(error)")
            #expect(Self.saysWhatToFix(error, status), "\(error)")
            #expect(!error.description.contains("example-secret"))
        }
    }

    @Test(arguments: statuses)
    func slurmRetriesOnlyWhereSafe(_ status: Int) async throws {
        // slurmrestd's statuses from a FaultProxy in its place: register's first request (GET
        // /openapi/v3) and a job submit (a POST: a repeat could start the job twice).
        let reply = FaultProxy.Fault.respond(status: status, headers: ["Content-Type": "application/json"],
                                             body: #"{"errors":[{"error":"injected","error_number":1}]}"#)
        for invoke in [false, true] {
            let proxy = try FaultProxy(upstreamPort: 9, plan: Array(repeating: reply, count: MatrixPlatform.attempts), after: .reset)
            defer { proxy.stop() }
            var entry = JSONObject()
            for (k, v) in [("FaaSType", "SLURM"), ("Endpoint", proxy.endpoint), ("UserName", "alice"), ("APIVersion", "v0.0.38"), ("Partition", "short")] {
                entry[k] = .string(v)
            }
            let platform = try SLURMPlatform(context: PlatformContext(serverName: "HPC", server: entry, workflowName: "w",
                                                                      secrets: ["HPC_Token": SLURMAPIDescriptionTests.token()], environment: [:]))
            let request = TriggerRequest(action: "a", rank: nil, serverName: "HPC", server: entry, overwritten: obj("FunctionInvoke", "a"),
                                         payloadURL: "s3://b/wf.json", functionName: "w-a")
            let error = try await #require(throws: PlatformError.self) {
                if invoke { _ = try await platform.submit(request) } else { try await platform.checkCredentials() }
            }
            let retried = status == 429 || (status >= 500 && !invoke)
            #expect(proxy.connectionCount == (retried ? MatrixPlatform.attempts : 1), "\(invoke ? "submit" : "openapi") \(status): \(proxy.connectionCount) sent")
            #expect(error.status == status, "\(error)")
            #expect(Self.saysWhatToFix(error, status), "\(error)")
        }
    }

    /// The error names the status and says what to do: a hint beyond the server's words.
    static func saysWhatToFix(_ error: PlatformError, _ status: Int) -> Bool {
        let text = error.message.lowercased()
        let hints = ["check", "set ", "grant", "run ", "register", "try again", "wait", "role", "permission", "quota", "later", "fix", "mint"]
        return error.description.contains("HTTP \(status)") && hints.contains { text.contains($0) }
    }
}
