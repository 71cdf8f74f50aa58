import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Register and unregister of ``KubernetesPlatform``: one Secret per workflow and server.
extension KubernetesPlatform {
    /// The annotation on the Secret that records each action's image, so a trigger that knows
    /// only the action's name (FaaSr's payload carries no types) starts the right one.
    public static let imagesAnnotation = "faasr.io/images"

    /// The permissions register needs, checked before anything is planned.
    static let neededPermissions: [(verb: String, resource: String, group: String)] = [
        ("create", "jobs", "batch"), ("get", "jobs", "batch"),
        ("create", "cronjobs", "batch"), ("delete", "cronjobs", "batch"),
        ("create", "secrets", ""), ("update", "secrets", ""), ("delete", "secrets", ""),
    ]

    /// The labels of everything FaaSr makes here.
    var ownerLabels: JSONObject {
        var o = JSONObject()
        o["app.kubernetes.io/managed-by"] = "faasr"
        o["faasr.io/workflow"] = .string(KubernetesNames.labelValue(workflowName))
        return o
    }

    /// The credentials that go into the Secret: every workflow secret with a value.
    var credentialKeys: [String] { secrets.keys.filter { !(secrets[$0] ?? "").isEmpty }.sorted() }

    /// Checks the permissions, then plans the Secret: created, updated (values or images
    /// changed) or unchanged. Secret values never appear in the plan; it names the keys.
    public func plan(_ deployment: Deployment) async throws -> RegistrationPlan {
        for p in Self.neededPermissions { try await requirePermission(p.verb, p.resource, group: p.group) }
        var images = JSONObject()
        for action in deployment.actions { images[action] = .string(Self.image(action, in: deployment.workflow)) }
        var annotations = JSONObject()
        annotations[Self.imagesAnnotation] = .string(JSONPrinter.compact(.object(images)))
        var metadata = JSONObject()
        metadata["name"] = .string(secretName)
        metadata["labels"] = .object(ownerLabels)
        metadata["annotations"] = .object(annotations)
        let keys = credentialKeys
        // What register records (Registration keeps each change's state): stable across registers.
        let state = ["kind": "secret", "keys": keys.joined(separator: ",")]
        let detail = "credentials \(keys.isEmpty ? "(none)" : keys.joined(separator: ", ")); images of \(deployment.actions.joined(separator: ", "))"
        let response = try await http.expect(call("GET", url("secrets", secretName)), [200, 404], hint: hint)
        func body() -> JSONValue { ["apiVersion": "v1", "kind": "Secret", "type": "Opaque", "metadata": .object(metadata)] }
        if response.status == 404 {
            return RegistrationPlan(serverName: serverName, changes: [PlanChange(kind: .create, resource: secretName, detail: "new Secret: " + detail, body: body(), state: state)])
        }
        let current = PlatformJSON.parse(response)
        var differs: [String] = []
        let have = current["data"]?.objectValue ?? JSONObject()
        let haveKeys = have.members.map(\.key).sorted()
        if haveKeys != keys { differs.append("keys \(haveKeys.joined(separator: ", ")) → \(keys.joined(separator: ", "))") }
        let changedValues = keys.filter { k in
            have[k]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } != secrets[k]
        }
        if haveKeys == keys, !changedValues.isEmpty { differs.append("new values for \(changedValues.joined(separator: ", "))") }
        if current["metadata"]?["annotations"]?[Self.imagesAnnotation] != annotations[Self.imagesAnnotation] { differs.append("images") }
        // The update carries the version it was planned against: a Secret changed meanwhile is a 409.
        metadata["resourceVersion"] = current["metadata"]?["resourceVersion"] ?? ""
        let change = differs.isEmpty
            ? PlanChange(kind: .unchanged, resource: secretName, state: state)
            : PlanChange(kind: .update, resource: secretName, detail: differs.joined(separator: "; "), body: body(), state: state)
        return RegistrationPlan(serverName: serverName, changes: [change])
    }

    /// Makes the plan's changes. Register changes one object (the Secret), so a failure leaves
    /// what was there; unregister deletes CronJobs before the Secret they read.
    public func apply(_ plan: RegistrationPlan) async throws {
        for change in plan.changes {
            switch (change.kind, change.state["kind"]) {
            case (.unchanged, _):
                continue
            case (.create, _), (.update, _):
                var secret = change.body?.objectValue ?? JSONObject()
                var data = JSONObject()
                for key in (change.state["keys"] ?? "").split(separator: ",").map(String.init) {
                    data[key] = .string(Data((secrets[key] ?? "").utf8).base64EncodedString())
                }
                secret["data"] = .object(data)
                if change.kind == .create {
                    try await createSecret(secret)
                } else {
                    _ = try await http.expect(call("PUT", url("secrets", change.resource), body: .object(secret)), [200, 201], hint: hint)
                }
            case (.delete, "cronjob"):
                _ = try await http.expect(call("DELETE", url("cronjobs", change.resource, query: "propagationPolicy=Background")), [200, 202, 404], hint: hint)
            case (.delete, _):
                _ = try await http.expect(call("DELETE", url("secrets", change.resource)), [200, 202, 404], hint: hint)
            }
        }
    }

    /// The workflow's CronJobs on this server and its Secret, where they exist. Jobs already
    /// started are left to finish (their `ttlSecondsAfterFinished`, from `AdditionalTimeToLive`).
    public func unregisterPlan(_ deployment: Deployment) async throws -> RegistrationPlan {
        var changes: [PlanChange] = []
        for action in deployment.actions {
            let name = KubernetesNames.cronJob(function: "\(workflowName)-\(action)")
            if try await http.expect(call("GET", url("cronjobs", name)), [200, 404], hint: hint).status == 200 {
                changes.append(PlanChange(kind: .delete, resource: name, detail: "the timer of \(action)", state: ["kind": "cronjob"]))
            }
        }
        if try await http.expect(call("GET", url("secrets", secretName)), [200, 404], hint: hint).status == 200 {
            changes.append(PlanChange(kind: .delete, resource: secretName, detail: "the credentials Secret", state: ["kind": "secret"]))
        }
        return RegistrationPlan(serverName: serverName, changes: changes)
    }
}
