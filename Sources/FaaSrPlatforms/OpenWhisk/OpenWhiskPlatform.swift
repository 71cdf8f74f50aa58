import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Apache OpenWhisk over its REST API (spec/platforms.md §7), without the `wsk` CLI. Each
/// action is a blackbox action `{WorkflowName}-{Action}` in the server's `Namespace` (`_`, the
/// key's own, when unset), with `limits` from `MaxMemory` (MB) and `MaxRuntime` (s); invocations
/// are non-blocking; timers are a trigger fed by `/whisk.system/alarms/alarm` plus a rule.
/// The key is the `{Server}_APIkey` secret (`uuid:key`, HTTP Basic). TLS certificates are
/// verified unless the server entry sets `AllowSelfSignedCertificate: true`.
public struct OpenWhiskPlatform: ComputePlatform {
    public let serverName: String
    /// The API host, with a scheme.
    public let endpoint: String
    /// The namespace actions live in (`_` is the key's own).
    public let namespace: String
    /// HTTP settings (retries, timeouts, TLS verification); tests shorten the timeouts.
    public var http: PlatformHTTP
    let workflowName: String
    let auth: String
    let apiKey: String
    let secrets: [String: String]

    /// FaaSr's default image for an action of `type` on OpenWhisk (the platform facts table).
    public static func defaultImage(forType type: String?) -> String {
        FaaSType.openWhisk.facts.defaultContainer(language: type == "R" ? "R" : "Python")!
    }

    /// Reads `Endpoint`, `Namespace`, `AllowSelfSignedCertificate` and `{Server}_APIkey`.
    public init(context: PlatformContext) throws {
        serverName = context.serverName
        workflowName = context.workflowName
        secrets = context.secrets
        guard let raw = context.server["Endpoint"]?.stringValue, !raw.isEmpty else {
            throw PlatformError(serverName: serverName, request: "configuration",
                               message: "ComputeServers.\(serverName) has no Endpoint; set it to the OpenWhisk API host (e.g. https://openwhisk.example.org)")
        }
        endpoint = PlatformJSON.endpoint(raw)
        let ns = context.server["Namespace"]?.stringValue ?? ""
        namespace = ns.isEmpty ? "_" : ns
        let secretName = "\(serverName)_APIkey"
        guard let key = context.secrets[secretName] ?? context.server["APIkey"]?.stringValue, !key.isEmpty else {
            throw PlatformError(serverName: serverName, request: "configuration",
                               message: "the secret \(secretName) is not set; set it to the OpenWhisk key (uuid:key, as `wsk property get --auth` shows)")
        }
        guard key.contains(":") else {
            throw PlatformError(serverName: serverName, request: "configuration",
                               message: "the secret \(secretName) is not of the form uuid:key; copy the whole key from `wsk property get --auth`")
        }
        apiKey = key
        auth = "Basic " + Data(key.utf8).base64EncodedString()
        let selfSigned = context.server["AllowSelfSignedCertificate"]?.boolValue ?? false
        http = PlatformHTTP(serverName: serverName, verifyTLS: !selfSigned)
    }

    /// Whether TLS certificates are verified.
    public var verifiesTLS: Bool { http.verifyTLS }

    func url(_ kind: String, _ name: String, namespace ns: String? = nil, query: String = "") -> String {
        "\(endpoint)/api/v1/namespaces/\(PlatformJSON.segment(ns ?? namespace))/\(kind)/\(PlatformJSON.segment(name))\(query.isEmpty ? "" : "?" + query)"
    }

    func call(_ method: String, _ url: String, body: JSONValue? = nil, idempotent: Bool? = nil) -> PlatformRequest {
        PlatformJSON.request(method, url, auth: auth, body: body, idempotent: idempotent)
    }

    /// OpenWhisk's statuses, said with what to do.
    func hint(_ status: Int, _ body: String) -> String {
        let said = body.isEmpty ? "" : " OpenWhisk said: \(body)"
        switch status {
        case 401: return "the key was refused; check the secret \(serverName)_APIkey (uuid:key).\(said)"
        case 403: return "the key may not use namespace '\(namespace)'; set ComputeServers.\(serverName).Namespace to one the key owns.\(said)"
        case 404: return "not found in namespace '\(namespace)'; run `faasr register` first, and check Endpoint and Namespace.\(said)"
        case 409: return "an entity of that name already exists and changed meanwhile; run the command again.\(said)"
        case 413: return "the request is larger than OpenWhisk accepts (1 MB by default); make the payload smaller.\(said)"
        case 429: return "OpenWhisk throttled the key (too many invocations per minute or concurrent ones); wait, or ask for higher limits.\(said)"
        default: return PlatformHTTP.genericHint(status, body)
        }
    }

    /// The function name of `action`.
    func functionName(_ action: String) -> String { "\(workflowName)-\(action)" }

    /// The action body register sends: blackbox image and limits.
    func actionBody(_ action: String, in workflow: Workflow, server: JSONObject) -> JSONValue {
        let image = workflow.actionContainer(for: action).flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.defaultImage(forType: workflow.action(named: action)?.typeText)
        var body = JSONObject()
        body["exec"] = ["kind": "blackbox", "image": .string(image)]
        var limits = JSONObject()
        if let mb = PlatformJSON.setting("MaxMemory", action: action, workflow: workflow, server: server) {
            limits["memory"] = .number(JSONNumber(Int(mb.rounded(.up))))
        }
        if let s = PlatformJSON.setting("MaxRuntime", action: action, workflow: workflow, server: server) {
            limits["timeout"] = .number(JSONNumber(Int((s * 1000).rounded(.up))))
        }
        if !limits.isEmpty { body["limits"] = .object(limits) }
        return .object(body)
    }

    public func checkCredentials() async throws {
        _ = try await http.expect(call("GET", "\(endpoint)/api/v1/namespaces"), [200], hint: hint)
    }

    public func plan(_ deployment: Deployment) async throws -> RegistrationPlan {
        let server = deployment.workflow.computeServer(named: serverName)?.object ?? JSONObject()
        var changes: [PlanChange] = []
        for action in deployment.actions {
            let name = functionName(action)
            let wanted = actionBody(action, in: deployment.workflow, server: server)
            let response = try await http.expect(call("GET", url("actions", name)), [200, 404], hint: hint)
            if response.status == 404 {
                changes.append(PlanChange(kind: .create, resource: name, detail: "new blackbox action", body: wanted, state: ["kind": "action"]))
                continue
            }
            let current = PlatformJSON.parse(response)
            var differs: [String] = []
            for (path, label) in [("/exec/kind", "kind"), ("/exec/image", "image"), ("/limits/memory", "memory"), ("/limits/timeout", "timeout")] {
                let pointer = JSONPointer(path)
                guard let want = wanted.value(at: pointer) else { continue }
                let have = current.value(at: pointer)
                if have != want { differs.append("\(label) \(have.map { JSONPrinter.compact($0) } ?? "unset") → \(JSONPrinter.compact(want))") }
            }
            changes.append(differs.isEmpty
                ? PlanChange(kind: .unchanged, resource: name, state: ["kind": "action"])
                : PlanChange(kind: .update, resource: name, detail: differs.joined(separator: ", "), body: wanted, state: ["kind": "action"]))
        }
        return RegistrationPlan(serverName: serverName, changes: changes)
    }

    public func apply(_ plan: RegistrationPlan) async throws {
        var created: [String] = []
        for change in plan.changes where change.kind != .unchanged {
            do {
                try await applyOne(change)
                if change.kind == .create { created.append(change.resource) }
            } catch let error as PlatformError {
                // Undo this run's creations, so a failed register leaves what was there before.
                var undone: [String] = []
                for name in created.reversed() {
                    if (try? await http.send(call("DELETE", url("actions", name))))?.status == 200 { undone.append(name) }
                }
                var failed = error
                if !created.isEmpty {
                    failed.message += " (register was undone: deleted \(undone.joined(separator: ", ")) again" +
                        (undone.count < created.count ? "; could not delete \(created.filter { !undone.contains($0) }.joined(separator: ", "))" : "") + ")"
                }
                throw failed
            }
        }
    }

    private func applyOne(_ change: PlanChange) async throws {
        switch (change.kind, change.state["kind"]) {
        case (.create, _), (.update, _):
            let overwrite = change.kind == .update ? "true" : "false"
            _ = try await http.expect(call("PUT", url("actions", change.resource, query: "overwrite=\(overwrite)"), body: change.body), [200], hint: hint)
        case (.delete, "rule"):
            _ = try await http.expect(call("DELETE", url("rules", change.resource)), [200, 404], hint: hint)
        case (.delete, "trigger"):
            try await stopAlarm(trigger: change.resource)
            _ = try await http.expect(call("DELETE", url("triggers", change.resource)), [200, 404], hint: hint)
        case (.delete, _):
            _ = try await http.expect(call("DELETE", url("actions", change.resource)), [200, 404], hint: hint)
        case (.unchanged, _):
            break
        }
    }

    public func unregisterPlan(_ deployment: Deployment) async throws -> RegistrationPlan {
        var changes: [PlanChange] = []
        for action in deployment.actions {
            let name = functionName(action)
            for (kind, resource) in [("rule", "\(name)-timer-rule"), ("trigger", "\(name)-timer"), ("action", name)] {
                let response = try await http.expect(call("GET", url(kind + "s", resource)), [200, 404], hint: hint)
                if response.status == 200 {
                    changes.append(PlanChange(kind: .delete, resource: resource, detail: "the \(kind)", state: ["kind": kind]))
                }
            }
        }
        return RegistrationPlan(serverName: serverName, changes: changes)
    }
}
