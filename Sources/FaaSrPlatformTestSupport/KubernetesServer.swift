import FaaSrCore
import Foundation

/// A loopback stand-in for a Kubernetes API server (batch/v1 Jobs and CronJobs, core/v1
/// Secrets, SelfSubjectAccessReviews). Every request is checked against the official
/// descriptions in ../shared/api (`kubernetes-batch-v1-excerpt.json`,
/// `kubernetes-core-v1-secrets-excerpt.json`, `kubernetes-authorization-v1-excerpt.json`):
/// operation, declared query parameters, `Content-Type: application/json`, the body against
/// the request schema (declared under `*/*`), and each answer against the response schema.
/// It must carry `Authorization: Bearer TOKEN` (else 401 `Unauthorized`). State is kept as the
/// API server keeps it (``KubernetesObjects``): 409 `AlreadyExists` on a second create, 409
/// `Conflict` on a replace with a stale `resourceVersion`, 404 `NotFound`, 422 `Invalid`, 403
/// `Forbidden` for what ``deny(_:_:)`` took away (SelfSubjectAccessReviews answer the same).
///
/// Gap: the core excerpt has no Secret DELETE (`deleteCoreV1NamespacedSecret`); the server
/// serves it as Kubernetes does (200 and a `Status`) and records each use in ``gaps``, not in
/// ``problems``.
public final class KubernetesServer: @unchecked Sendable {
    /// One Job as its container starts: what the e2e test needs to run the action as the
    /// kubelet would.
    public struct StartedJob: Sendable {
        /// The namespace and the Job's name.
        public var namespace: String, name: String
        /// The container's image.
        public var image: String
        /// The container's `command` followed by its `args`; empty when the image's own entry
        /// point runs (FaaSr's Jobs set neither).
        public var command: [String]
        /// The environment as the container sees it: the keys of each `envFrom` Secret (values
        /// decoded), then `env` over them (`value`, or `valueFrom.secretKeyRef`).
        public var environment: [String: String]
        /// The CronJob that started it, when a timer fired.
        public var cronJob: String?
        /// The stored Job.
        public var job: JSONValue
    }

    /// The HTTP side (faults, recorded requests, address).
    public private(set) var http: LoopbackServer!
    /// The token requests must carry.
    public let token: String
    private let checkers: [(prefix: String, checker: DescriptionChecker)]
    private let lock = NSLock()
    private var state: KubernetesObjects
    private var denied: Set<String> = []
    private var gapList: [String] = []
    private var hook: (@Sendable (StartedJob) -> Void)?

    /// A server accepting `token`, with the namespaces `namespaces`.
    public init(token: String, namespaces: Set<String> = ["default"]) throws {
        self.token = token
        state = KubernetesObjects(namespaces: namespaces)
        checkers = try Self.descriptions.get().map { ($0.prefix, DescriptionChecker($0.description, file: $0.file)) }
        http = LoopbackServer { [unowned self] in self.handle($0) }
    }

    /// The three descriptions by path prefix, read and compiled once per process (the batch
    /// excerpt alone is 320 KB and inlines to a large schema).
    private static let descriptions = Result { () throws -> [(prefix: String, description: APIDescription, file: String)] in
        try [("/apis/batch/v1/", "kubernetes-batch-v1-excerpt.json"),
             ("/api/v1/", "kubernetes-core-v1-secrets-excerpt.json"),
             ("/apis/authorization.k8s.io/v1/", "kubernetes-authorization-v1-excerpt.json")]
            .map { ($0.0, try APIDescription.load($0.1), $0.1) }
    }

    /// Every deviation from the descriptions so far; tests expect none.
    public var problems: [String] { checkers.flatMap(\.checker.problems) }
    /// Requests served that the excerpts do not describe (Secret DELETE).
    public var gaps: [String] { lock.withLock { gapList } }
    /// The API server URL (`Endpoint`).
    public var baseURL: String { http.baseURL }
    /// Starts listening.
    public func start() async throws { try await http.start() }
    /// Stops listening.
    public func stop() async { await http.stop() }

    /// Calls `hook` with every Job created from now on: one `POST .../jobs` accepted, or a
    /// CronJob fired with ``fire(cronJob:namespace:)``. It runs on the server's request task
    /// after the Job is stored and before the 201 goes back: start work in a `Task` (e.g.
    /// `faasr run` with `job.environment`), do not wait in it. One hook at a time; nil removes it.
    public func onJobCreated(_ hook: (@Sendable (StartedJob) -> Void)?) { lock.withLock { self.hook = hook } }

    /// Refuses `verb` on `resource` (`jobs`, `cronjobs`, `secrets`) from now on: 403, and
    /// SelfSubjectAccessReviews say not allowed.
    public func deny(_ verb: String, _ resource: String) { _ = lock.withLock { denied.insert("\(verb) \(resource)") } }

    /// The stored object of `resource` named `name`.
    public func object(_ resource: String, _ name: String, namespace: String = "default") -> JSONValue? {
        lock.withLock { state.objects[KubernetesObjects.key(resource, namespace, name)] }
    }
    /// Names of the stored objects of `resource` in `namespace`.
    public func names(_ resource: String, namespace: String = "default") -> [String] {
        lock.withLock { state.objects.keys.filter { $0.hasPrefix("\(resource)/\(namespace)/") }.map { String($0.split(separator: "/").last!) }.sorted() }
    }

    /// Ends a Job as its pod would: `Complete` (succeeded) or `Failed`, in `status`.
    public func finish(job name: String, succeeded: Bool, namespace: String = "default") {
        lock.withLock {
            let key = KubernetesObjects.key("jobs", namespace, name)
            guard var job = state.objects[key]?.objectValue else { return }
            let now = KubernetesObjects.now()
            let condition: JSONValue = ["type": .string(succeeded ? "Complete" : "Failed"), "status": "True",
                                        "lastProbeTime": .string(now), "lastTransitionTime": .string(now)]
            var status = job["status"]?.objectValue ?? JSONObject()
            status["active"] = nil
            status[succeeded ? "succeeded" : "failed"] = 1
            status["completionTime"] = succeeded ? .string(now) : nil
            status["conditions"] = [condition]
            job["status"] = .object(status)
            state.objects[key] = .object(job)
        }
    }

    /// Starts a Job from a CronJob's template now, as the CronJob controller would at a
    /// scheduled time (named `{cronjob}-{minutes since 1970}`); nil when there is no such CronJob.
    @discardableResult
    public func fire(cronJob name: String, namespace: String = "default") -> StartedJob? {
        let started: StartedJob? = lock.withLock {
            guard let cron = state.objects[KubernetesObjects.key("cronjobs", namespace, name)],
                  let template = cron["spec"]?["jobTemplate"] else { return nil }
            var jobName = "\(name)-\(Int(Date().timeIntervalSince1970 / 60))"
            while state.objects[KubernetesObjects.key("jobs", namespace, jobName)] != nil { jobName += "x" }
            let body: JSONValue = ["apiVersion": "batch/v1", "kind": "Job",
                                   "metadata": ["name": .string(jobName), "labels": template["metadata"]?["labels"] ?? [:]],
                                   "spec": template["spec"] ?? [:]]
            return containerView(state.create("jobs", namespace, jobName, body), namespace: namespace, cronJob: name)
        }
        if let started, let hook = lock.withLock({ hook }) { hook(started) }
        return started
    }

    /// The container view of a stored Job (called with the lock held).
    private func containerView(_ job: JSONValue, namespace: String, cronJob: String?) -> StartedJob {
        let container = job["spec"]?["template"]?["spec"]?["containers"]?[0]
        var env: [String: String] = [:]
        func secretValue(_ secret: String, _ key: String) -> String? {
            state.objects[KubernetesObjects.key("secrets", namespace, secret)]?["data"]?[key]?.stringValue
                .flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        }
        for source in container?["envFrom"]?.arrayValue ?? [] {
            guard let secret = source["secretRef"]?["name"]?.stringValue,
                  let data = state.objects[KubernetesObjects.key("secrets", namespace, secret)]?["data"]?.objectValue else { continue }
            let prefix = source["prefix"]?.stringValue ?? ""
            for m in data.members { if let v = secretValue(secret, m.key) { env[prefix + m.key] = v } }
        }
        for e in container?["env"]?.arrayValue ?? [] {
            guard let n = e["name"]?.stringValue else { continue }
            if let v = e["value"]?.stringValue { env[n] = v }
            if let ref = e["valueFrom"]?["secretKeyRef"], let s = ref["name"]?.stringValue, let k = ref["key"]?.stringValue {
                env[n] = secretValue(s, k)
            }
        }
        let command = (container?["command"]?.arrayValue ?? []) + (container?["args"]?.arrayValue ?? [])
        return StartedJob(namespace: namespace, name: job["metadata"]?["name"]?.stringValue ?? "",
                          image: container?["image"]?.stringValue ?? "", command: command.compactMap(\.stringValue),
                          environment: env, cronJob: cronJob, job: job)
    }

    func handle(_ request: LoopbackRequest) -> LoopbackReply {
        guard request.headers["authorization"] == "Bearer \(token)" else {
            return KubernetesObjects.status(401, "Unauthorized", "Unauthorized")
        }
        let segments = request.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        if request.method == "DELETE", segments.count == 6, segments[0] == "api", segments[4] == "secrets" {
            lock.withLock { gapList.append("\(request.label) (deleteCoreV1NamespacedSecret is not in the core excerpt)") }
            return lock.withLock { delete("secrets", segments[3], segments[5]) }
        }
        guard let checker = checkers.first(where: { request.path.hasPrefix($0.prefix) })?.checker else {
            checkers[0].checker.problem("\(request.label) is outside the batch, core and authorization excerpts")
            return KubernetesObjects.status(404, "NotFound", "the server could not find the requested resource")
        }
        if let accept = request.headers["accept"], !accept.contains("json"), accept != "*/*" {
            checker.problem("\(request.label): Accept '\(accept)' is not JSON")
        }
        switch checker.check(request) {
        case .failure(let failure):
            return KubernetesObjects.status(failure.status, "BadRequest", failure.message)
        case .success(let (op, p, body)):
            var created: StartedJob?
            let reply = lock.withLock { () -> LoopbackReply in
                let reply = answer(op.id, p, body ?? .null)
                if op.id == "createBatchV1NamespacedJob", reply.status == 201, let job = try? JSONParser.parse(reply.body) {
                    created = containerView(job, namespace: p["namespace"] ?? "", cronJob: nil)
                }
                return reply
            }
            checker.checkAnswer(reply, of: op, request.label)
            if let created, let hook = lock.withLock({ hook }) { hook(created) }
            return reply
        }
    }

    private func forbidden(_ verb: String, _ resource: String, _ ns: String) -> LoopbackReply? {
        guard denied.contains("\(verb) \(resource)") else { return nil }
        let group = KubernetesObjects.kind(of: resource).group
        return KubernetesObjects.status(403, "Forbidden", "\(KubernetesObjects.qualified(resource)) is forbidden: User \"system:serviceaccount:\(ns):faasr\" cannot \(verb) resource \"\(resource)\" in API group \"\(group)\" in the namespace \"\(ns)\"")
    }

    private func answer(_ id: String, _ p: [String: String], _ body: JSONValue) -> LoopbackReply {
        let ns = p["namespace"] ?? "", name = p["name"] ?? ""
        let resource = id.contains("CronJob") ? "cronjobs" : id.contains("Job") ? "jobs" : "secrets"
        if id == "createAuthorizationV1SelfSubjectAccessReview" { return review(body) }
        let verb = id.hasPrefix("create") ? "create" : id.hasPrefix("read") ? "get" : id.hasPrefix("replace") ? "update" : "delete"
        if let refused = forbidden(verb, resource, ns) { return refused }
        guard state.namespaces.contains(ns) else { return KubernetesObjects.status(404, "NotFound", "namespaces \"\(ns)\" not found") }
        let key = KubernetesObjects.key(resource, ns, name)
        switch verb {
        case "get":
            guard let o = state.objects[key] else { return KubernetesObjects.notFound(resource, name) }
            return .json(200, o)
        case "delete":
            return delete(resource, ns, name)
        case "create":
            let kind = KubernetesObjects.kind(of: resource)
            guard body["kind"]?.stringValue == kind.kind, body["apiVersion"]?.stringValue == kind.apiVersion else {
                return KubernetesObjects.status(400, "BadRequest", "the body is not a \(kind.apiVersion) \(kind.kind)")
            }
            if let other = body["metadata"]?["namespace"]?.stringValue, other != ns {
                return KubernetesObjects.status(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request")
            }
            var newName = body["metadata"]?["name"]?.stringValue ?? ""
            if newName.isEmpty, let base = body["metadata"]?["generateName"]?.stringValue {
                newName = String(base.prefix(58)) + String((0..<5).map { _ in "bcdfghjklmnpqrstvwxz2456789".randomElement()! })
            }
            if newName.isEmpty { return KubernetesObjects.invalid(resource, "", ["metadata.name: Required value: name or generateName is required"]) }
            let causes = KubernetesObjects.causes(resource, body, name: newName)
            if !causes.isEmpty { return KubernetesObjects.invalid(resource, newName, causes) }
            if state.objects[KubernetesObjects.key(resource, ns, newName)] != nil {
                return KubernetesObjects.status(409, "AlreadyExists", "\(KubernetesObjects.qualified(resource)) \"\(newName)\" already exists")
            }
            if p["dryRun"] == "All" { return .json(201, body) }
            return .json(201, state.create(resource, ns, newName, body))
        default: // replace (Secrets)
            guard let old = state.objects[key] else { return KubernetesObjects.notFound(resource, name) }
            if body["metadata"]?["name"]?.stringValue != name {
                return KubernetesObjects.status(400, "BadRequest", "the name of the object does not match the name on the URL")
            }
            if let rv = body["metadata"]?["resourceVersion"]?.stringValue, !rv.isEmpty, rv != old["metadata"]?["resourceVersion"]?.stringValue {
                return KubernetesObjects.status(409, "Conflict", "Operation cannot be fulfilled on \(KubernetesObjects.qualified(resource)) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again")
            }
            let causes = KubernetesObjects.causes(resource, body, name: name)
            if !causes.isEmpty { return KubernetesObjects.invalid(resource, name, causes) }
            return .json(200, state.replace(resource, ns, name, body))
        }
    }

    private func delete(_ resource: String, _ ns: String, _ name: String) -> LoopbackReply {
        if let refused = forbidden("delete", resource, ns) { return refused }
        guard let o = state.objects.removeValue(forKey: KubernetesObjects.key(resource, ns, name)) else {
            return KubernetesObjects.notFound(resource, name)
        }
        return .json(200, ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
                           "details": ["name": .string(name), "group": .string(KubernetesObjects.kind(of: resource).group),
                                       "kind": .string(resource), "uid": o["metadata"]?["uid"] ?? ""]])
    }

    private func review(_ body: JSONValue) -> LoopbackReply {
        guard let attributes = body["spec"]?["resourceAttributes"], let verb = attributes["verb"]?.stringValue,
              let resource = attributes["resource"]?.stringValue else {
            return KubernetesObjects.invalid("selfsubjectaccessreviews", "", ["spec.resourceAttributes: Required value"])
        }
        let allowed = !denied.contains("\(verb) \(resource)")
        var review = body.objectValue ?? JSONObject()
        review["metadata"] = ["creationTimestamp": .string(KubernetesObjects.now())]
        review["status"] = allowed ? ["allowed": true, "reason": "RBAC: allowed by RoleBinding \"faasr\""] : ["allowed": false]
        return .json(201, .object(review))
    }
}
