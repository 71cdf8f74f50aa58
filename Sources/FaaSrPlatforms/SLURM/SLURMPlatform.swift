import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// SLURM through slurmrestd (spec/platforms.md §9): register checks the token and the server
/// and learns the API versions it serves (its `/openapi/v3`); nothing is created on the
/// cluster, because each action's job is built when it is triggered. Jobs run the action's
/// container, or the `faasr` binary where the node has no container engine.
public struct SLURMPlatform: ComputePlatform {
    public let serverName: String
    let server: SLURMServer
    let context: PlatformContext
    let http: PlatformHTTP

    /// Builds the platform for one SLURM compute server.
    public init(context: PlatformContext) throws {
        self.context = context
        serverName = context.serverName
        server = try SLURMServer(name: context.serverName, entry: context.server)
        http = PlatformHTTP(serverName: context.serverName, retry: .init(maxAttempts: 3, maxTotal: 20), readTimeout: 30)
    }

    // MARK: Credentials and versions

    /// The token: the server entry's `Token` (filled from the secret store, or inline), else the
    /// secret `{Server}_Token`; checked for expiry and user before use.
    func token(entry: JSONObject? = nil) throws -> SLURMToken {
        let secret = server.tokenSecret
        let text = (entry ?? server.entry)["Token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            ?? context.secrets[secret].flatMap { $0.isEmpty ? nil : $0 }
        guard let text else {
            throw PlatformError(serverName: serverName, request: "read \(secret)",
                                message: "no Slurm token: set the secret \(secret) (in the environment or a .env file) to a token from `scontrol token username=\(server.userName) lifespan=SECONDS`")
        }
        let token = try SLURMToken(text, secretName: secret, serverName: serverName)
        try token.check(userName: server.userName, secretName: secret, serverName: serverName)
        return token
    }

    func headers(_ token: SLURMToken, json: Bool = false) -> [(String, String)] {
        var h = [("Accept", "application/json"), ("X-SLURM-USER-NAME", server.userName), ("X-SLURM-USER-TOKEN", token.text)]
        if json { h.append(("Content-Type", "application/json")) }
        return h
    }

    /// What to do about an answer slurmrestd gave.
    func hint(_ status: Int, _ body: String) -> String {
        let secret = server.tokenSecret
        let refused = "slurmrestd refused the token in \(secret): mint a new one on this cluster with `scontrol token username=\(server.userName) lifespan=SECONDS` (it must be for UserName '\(server.userName)')"
        switch status {
        case 401, 403: return refused + (body.isEmpty ? "" : ". The server said: \(body)")
        case 500 where body.contains("Zero Bytes") || body.contains("unable to load") || body.contains("uthentication") || body.contains("looking for jobs"):
            // 22.05 answers a token signed with another key, or expired on the server's clock, with 500.
            return refused + ". The server said: \(body)"
        case 500 where body.contains("Invalid partition"):
            return "the partition does not exist on this cluster; set Partition (server or action Resources) to one `sinfo` lists. The server said: \(body)"
        case 404: return "slurmrestd does not serve this path; check Endpoint and APIVersion (\(server.apiVersion ?? "unset")). The server said: \(body)"
        default: return PlatformHTTP.genericHint(status, body)
        }
    }

    /// Sends `request`; an answer outside `expected` becomes an error whose message carries
    /// slurmrestd's own `errors` (not its long `meta` block) and what to do.
    func expect(_ request: PlatformRequest, _ expected: Set<Int>) async throws -> PlatformResponse {
        let response = try await http.send(request)
        guard expected.contains(response.status) else {
            var said = PlatformHTTP.excerpt(response.text)
            if let answer = try? JSONParser.parse(Array(response.text.utf8)), let errors = answer["errors"]?.arrayValue, !errors.isEmpty {
                said = errors.compactMap { e in
                    [e["error"]?.stringValue, e["description"]?.stringValue].compactMap { $0 }.filter { !$0.isEmpty && $0 != "Unspecified error" }.joined(separator: ": ")
                }.filter { !$0.isEmpty }.joined(separator: "; ")
            }
            throw PlatformError(serverName: serverName, request: request.label, status: response.status, message: hint(response.status, said))
        }
        return response
    }

    /// The API versions the server serves (newest first), from its `/openapi/v3`.
    public func servedVersions() async throws -> [String] {
        let token = try token()
        let request = PlatformRequest(method: "GET", url: server.endpoint + "/openapi/v3", headers: headers(token))
        let response = try await expect(request, [200])
        guard let document = try? JSONParser.parse(Array(response.text.utf8)) else {
            throw PlatformError(serverName: serverName, request: request.label, status: 200,
                                message: "the answer is not JSON; check that Endpoint \(server.endpoint) is slurmrestd")
        }
        let served = SLURMAPIVersion.served(byOpenAPI: document)
        guard !served.isEmpty else {
            throw PlatformError(serverName: serverName, request: request.label, status: 200,
                                message: "the OpenAPI document lists no /slurm/{version}/job/submit; check that slurmrestd loads an openapi/v0.0.x plugin")
        }
        return served
    }

    /// The version requests use: `APIVersion` when set (no extra request), else the newest served.
    func version() async throws -> String {
        if let v = server.apiVersion { return v }
        return try await servedVersions()[0]
    }

    public func checkCredentials() async throws {
        let token = try token()
        let served = try await servedVersions()
        guard let version = SLURMAPIVersion.choose(configured: server.apiVersion, served: served) else { return }
        if let configured = server.apiVersion, configured != version {
            throw PlatformError(serverName: serverName, request: "GET /openapi/v3",
                                message: "APIVersion \(configured) is not served by this slurmrestd (it serves \(served.joined(separator: ", "))); set APIVersion to one of them")
        }
        _ = try await expect(PlatformRequest(method: "GET", url: "\(server.endpoint)/slurm/\(version)/ping", headers: headers(token)), [200])
    }

    // MARK: Register

    public func plan(_ deployment: Deployment) async throws -> RegistrationPlan {
        try await checkCredentials()
        let served = try await servedVersions()
        let version = SLURMAPIVersion.choose(configured: server.apiVersion, served: served) ?? "?"
        let shape = SLURMAPIVersion.isModern(version) ? "v0.0.39+ request shape" : "v0.0.36–v0.0.38 request shape"
        let change = PlanChange(kind: .unchanged, resource: "slurmrestd \(server.endpoint)",
                                detail: "reachable as \(server.userName); serves \(served.joined(separator: ", ")); jobs use \(version) (\(shape)); \(deployment.actions.count) action(s) become jobs when triggered, nothing is created now",
                                state: ["APIVersion": version, "Served": served.joined(separator: ",")])
        return RegistrationPlan(serverName: serverName, changes: [change])
    }

    /// Register creates nothing (jobs are built when triggered); unregister cancels pending timer jobs.
    public func apply(_ plan: RegistrationPlan) async throws {
        for change in plan.changes where change.kind == .delete {
            if let id = change.state["JobID"] { try await SLURMTimers(platform: self).cancel(id) }
        }
    }

    public func unregisterPlan(_ deployment: Deployment) async throws -> RegistrationPlan {
        let names = Set(deployment.actions.map { SLURMTimers.jobName(workflow: deployment.workflow.workflowName ?? "", action: $0) })
        let pending = try await SLURMTimers(platform: self).pendingJobs(named: names)
        return RegistrationPlan(serverName: serverName, changes: pending.map {
            PlanChange(kind: .delete, resource: "job \($0.id) (\($0.name))", detail: "pending timer run", state: ["JobID": $0.id])
        })
    }

    // MARK: Jobs

    /// The job's environment: the payload, GH_PAT, PATH, the runtime switches, the GitHub API
    /// base (`FAASR_GITHUB_API`, so a successor on GitHub Actions is dispatched to the same
    /// GitHub as `faasr invoke` uses, e.g. GitHub Enterprise), the node's podman configuration
    /// (`FAASR_SLURM_CONTAINERS_CONF` becomes the job's `CONTAINERS_CONF`), and, for a server using the
    /// secret store, the workflow's secrets (SLURM has no store of its own; the runtime reads
    /// them from the environment).
    func environment(for request: TriggerRequest) -> [(String, String)] {
        var env: [(String, String)] = [("PAYLOAD_URL", request.payloadURL), ("OVERWRITTEN", JSONPrinter.compact(.object(request.overwritten)))]
        if let pat = context.secrets["GH_PAT"] ?? context.environment["GH_PAT"], !pat.isEmpty { env.append(("GH_PAT", pat)) }
        env.append(("PATH", context.environment["FAASR_SLURM_PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"))
        for name in ["FAASR_SLURM_RUNTIME", "FAASR_BIN", GitHubActionsFacts.apiBaseVariable] {
            if let v = context.environment[name], !v.isEmpty { env.append((name, v)) }
        }
        // Forwarded too, so a job's runtime hands it on to the successors it submits.
        if let conf = context.environment["FAASR_SLURM_CONTAINERS_CONF"], !conf.isEmpty {
            env += [("FAASR_SLURM_CONTAINERS_CONF", conf), ("CONTAINERS_CONF", conf)]
        }
        if request.server["UseSecretStore"]?.boolValue == true || request.server["UseSecretStore"]?.stringValue?.lowercased() == "true" {
            for name in context.secrets.keys.sorted() where name != "GH_PAT" {
                env.append((name, context.secrets[name]!))
            }
        }
        return env
    }

    func job(for request: TriggerRequest, name: String, extraEnvironment: [(String, String)] = [], timer: Bool = false) -> SLURMJob {
        let env = environment(for: request) + extraEnvironment
        let passed = env.map(\.0).filter { !["PATH", "FAASR_BIN", "CONTAINERS_CONF"].contains($0) }
        let image = request.container.flatMap { $0.isEmpty ? nil : $0 }
            ?? FaaSType.slurm.facts.defaultContainer(language: request.type == "R" ? "R" : "Python")!
        var job = SLURMJob(name: name, script: "", environment: env, server: server, resources: request.resources)
        job.script = SLURMJobScript.action(jobName: name, image: image, passed: passed,
                                           prelude: timer ? SLURMJobScript.timerPrelude(jobName: name, job: job) : "")
        return job
    }

    /// Submits `job`; returns the job id.
    func submit(_ job: SLURMJob, entry: JSONObject) async throws -> String {
        let token = try token(entry: entry)
        let version = try await version()
        let body = Array(JSONPrinter.compact(job.body(version: version)).utf8)
        let request = PlatformRequest(method: "POST", url: "\(server.endpoint)/slurm/\(version)/job/submit",
                                      headers: headers(token, json: true), body: body)
        let response = try await expect(request, [200, 201, 202])
        let answer: JSONValue? = try? JSONParser.parse(Array(response.text.utf8))
        if let errors = answer?["errors"]?.arrayValue, let first = errors.first {
            let text = first["error"]?.stringValue ?? first["description"]?.stringValue ?? "\(first)"
            throw PlatformError(serverName: serverName, request: request.label, status: response.status,
                                message: "slurmrestd refused the job: \(text)")
        }
        var id: JSONValue? = answer?["job_id"]
        for key in ["jobId", "id"] where id == nil { id = answer?[key] }
        if id == nil { id = answer?["job"]?["job_id"] }
        switch id {
        case .number(let n)?: return n.text
        case .string(let s)?: return s
        default:
            throw PlatformError(serverName: serverName, request: request.label, status: response.status,
                                message: "the answer has no job_id: \(PlatformHTTP.excerpt(response.text))")
        }
    }

    public func submit(_ request: TriggerRequest) async throws -> TriggerReceipt {
        let id = try await submit(job(for: request, name: request.functionName), entry: request.server)
        return TriggerReceipt(serverName: serverName, jobID: id)
    }

    public func setTimer(_ timer: TimerRequest) async throws { try await SLURMTimers(platform: self).set(timer) }

    public func unsetTimer(_ timer: TimerRequest) async throws { try await SLURMTimers(platform: self).unset(timer) }

    public func status(of receipt: TriggerReceipt) async throws -> JobState? {
        guard let id = receipt.jobID else { return nil }
        let token = try token()
        let version = try await version()
        let response = try await http.send(PlatformRequest(method: "GET", url: "\(server.endpoint)/slurm/\(version)/job/\(id)", headers: headers(token)))
        guard response.status == 200, let answer = try? JSONParser.parse(Array(response.text.utf8)),
              let job = answer["jobs"]?.arrayValue?.first else { return nil }
        return Self.state(job["job_state"])
    }

    /// Slurm's job state (a string before v0.0.40, a list of flags after) as a ``JobState``.
    static func state(_ value: JSONValue?) -> JobState? {
        let names = value?.arrayValue?.compactMap(\.stringValue) ?? value?.stringValue.map { [$0] } ?? []
        guard let name = names.first?.uppercased() else { return nil }
        switch name {
        case "PENDING", "SUSPENDED", "REQUEUED": return .queued
        case "RUNNING", "COMPLETING", "CONFIGURING", "STAGE_OUT": return .running
        case "COMPLETED": return .succeeded
        case "CANCELLED": return .cancelled
        default: return .failed
        }
    }
}
