import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Kubernetes over its REST API (spec/platforms.md §10): every invocation is one `batch/v1`
/// Job in the server's `Namespace` (`default` when unset), timers are CronJobs, and the
/// workflow's credentials live in one Secret (`faasr-{WorkflowName}-{Server}`) that every Job
/// reads through `envFrom`, instead of riding inline in OVERWRITTEN as in FaaSr. Register
/// checks the service account's permissions with SelfSubjectAccessReviews, then creates or
/// updates that Secret; unregister deletes it and the workflow's CronJobs.
///
/// Credentials: the `{Server}_Token` secret (a service-account token), sent as
/// `Authorization: Bearer`. TLS certificates are verified unless the server entry sets
/// `AllowSelfSignedCertificate: true` (docs/compatibility.md: FaaSr only relaxes strict X.509
/// checks there; `SSLCertificate` is not read).
public struct KubernetesPlatform: ComputePlatform {
    public let serverName: String
    /// The API server, with a scheme, without a trailing slash.
    public let endpoint: String
    /// The namespace Jobs, CronJobs and the Secret live in.
    public let namespace: String
    /// HTTP settings (retries, timeouts, TLS verification); tests shorten the timeouts.
    public var http: PlatformHTTP
    let workflowName: String
    let server: JSONObject
    let auth: String
    let secrets: [String: String]

    /// The name of the token secret (`{Server}_Token`).
    var tokenSecret: String { FaaSType.kubernetes.facts.secrets[0].secretName(server: serverName) }

    /// Reads `Endpoint`, `Namespace`, `AllowSelfSignedCertificate` and `{Server}_Token`.
    public init(context: PlatformContext) throws {
        serverName = context.serverName
        workflowName = context.workflowName
        server = context.server
        secrets = context.secrets
        guard let raw = context.server["Endpoint"]?.stringValue, !raw.isEmpty else {
            throw PlatformError(serverName: serverName, request: "configuration",
                               message: "ComputeServers.\(serverName) has no Endpoint; set it to the Kubernetes API server (e.g. https://k8s.example.org:6443, as `kubectl cluster-info` shows)")
        }
        endpoint = PlatformJSON.endpoint(raw)
        let ns = context.server["Namespace"]?.stringValue ?? ""
        namespace = ns.isEmpty ? "default" : ns
        guard KubernetesNames.isLabel(namespace) else {
            throw PlatformError(serverName: serverName, request: "configuration",
                               message: "ComputeServers.\(serverName).Namespace '\(namespace)' is not a Kubernetes namespace name (lowercase letters, digits and '-', at most 63); fix it")
        }
        let secretName = FaaSType.kubernetes.facts.secrets[0].secretName(server: serverName)
        guard let token = context.secrets[secretName] ?? context.server["Token"]?.stringValue, !token.isEmpty else {
            throw PlatformError(serverName: serverName, request: "configuration",
                               message: "the secret \(secretName) is not set; set it to a service-account token (e.g. `kubectl create token NAME -n \(namespace)`)")
        }
        auth = "Bearer " + token.trimmingCharacters(in: .whitespacesAndNewlines)
        let selfSigned = context.server["AllowSelfSignedCertificate"]?.boolValue ?? false
        http = PlatformHTTP(serverName: serverName, verifyTLS: !selfSigned)
    }

    /// Whether TLS certificates are verified.
    public var verifiesTLS: Bool { http.verifyTLS }

    /// The Secret every Job of this workflow on this server reads its credentials from.
    public var secretName: String { KubernetesNames.secret(workflow: "\(workflowName)-\(serverName)") }

    /// `/apis/batch/v1/namespaces/{ns}/{kind}[/{name}]` (`kind` `jobs` or `cronjobs`), or the
    /// core group's `/api/v1/...` for `secrets`.
    func url(_ kind: String, _ name: String? = nil, suffix: String = "", query: String = "") -> String {
        let group = kind == "secrets" ? "api/v1" : "apis/batch/v1"
        var s = "\(endpoint)/\(group)/namespaces/\(PlatformJSON.segment(namespace))/\(kind)"
        if let name { s += "/" + PlatformJSON.segment(name) }
        return s + suffix + (query.isEmpty ? "" : "?" + query)
    }

    func call(_ method: String, _ url: String, body: JSONValue? = nil, idempotent: Bool? = nil) -> PlatformRequest {
        PlatformJSON.request(method, url, auth: auth, body: body, idempotent: idempotent)
    }

    /// Kubernetes' statuses, said with what to do. The API server's `Status` answer carries a
    /// `message`; it is quoted when there is one.
    func hint(_ status: Int, _ body: String) -> String {
        let message = (try? JSONParser.parse(Array(body.utf8)))?["message"]?.stringValue ?? body
        let said = message.isEmpty ? "" : " Kubernetes said: \(message)"
        switch status {
        case 401: return "the token was refused; check the secret \(tokenSecret) (a current service-account token, e.g. `kubectl create token NAME -n \(namespace)`).\(said)"
        case 403: return "the service account may not do this in namespace '\(namespace)'; bind it to a Role allowing create, get, update and delete on jobs and cronjobs (group batch) and secrets.\(said)"
        case 404: return "not found in namespace '\(namespace)'; check Endpoint and Namespace, and run `faasr register` first.\(said)"
        case 409: return "the object already exists or changed meanwhile; run the command again.\(said)"
        case 422: return "Kubernetes refused the object as invalid; check the image (ActionContainers) and MaxCPU, MaxMemory, TimeLimit.\(said)"
        case 429: return "the API server is throttling requests; wait a minute and run the command again.\(said)"
        case 500...599: return "the API server failed; try again later.\(said)"
        default: return PlatformHTTP.genericHint(status, message)
        }
    }

    /// The image of `action`: its `ActionContainers` entry, else FaaSr's default for its type.
    static func image(_ action: String, in workflow: Workflow) -> String {
        if let c = workflow.actionContainer(for: action), !c.isEmpty { return c }
        return defaultImage(forType: workflow.action(named: action)?.typeText)
    }

    /// FaaSr's default image for an action of `type` on Kubernetes (the platform facts table).
    public static func defaultImage(forType type: String?) -> String {
        FaaSType.kubernetes.facts.defaultContainer(language: type == "R" ? "R" : "Python")!
    }

    /// Asks the API server whether the token may `verb` `resource` (of `group`) in the
    /// namespace; throws, naming the missing permission, when not.
    func requirePermission(_ verb: String, _ resource: String, group: String) async throws {
        let body: JSONValue = [
            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
            "spec": ["resourceAttributes": ["namespace": .string(namespace), "verb": .string(verb),
                                            "group": .string(group), "resource": .string(resource)]],
        ]
        let target = "\(endpoint)/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
        // A review creates nothing, so repeating it is safe.
        let response = try await http.expect(call("POST", target, body: body, idempotent: true), [200, 201, 202], hint: hint)
        let status = PlatformJSON.parse(response)["status"]
        guard status?["allowed"]?.boolValue == true else {
            let reason = status?["reason"]?.stringValue.map { " (\($0))" } ?? ""
            throw PlatformError(serverName: serverName, request: "SelfSubjectAccessReview \(verb) \(resource)",
                                message: "the service account may not \(verb) \(resource) in namespace '\(namespace)'\(reason); bind it to a Role that allows it (e.g. `kubectl create role faasr --verb=create,get,update,delete --resource=jobs,cronjobs,secrets -n \(namespace)` and a RoleBinding)")
        }
    }

    /// Checks the token and that it may create Jobs (what FaaSr's registration checks).
    public func checkCredentials() async throws {
        try await requirePermission("create", "jobs", group: "batch")
    }
}
