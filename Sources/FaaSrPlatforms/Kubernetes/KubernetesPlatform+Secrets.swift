import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// `faasr secrets push` for Kubernetes servers: the values go into the workflow's Secret (the
/// one register makes and every Job reads), leaving its images annotation as register wrote it.
extension KubernetesPlatform {
    /// Stores every workflow secret with a value in the Secret: `.create` when it did not
    /// exist, `.update` when a key or value changed, `.unchanged` otherwise. A Secret changed
    /// meanwhile is a 409 (`resourceVersion`), reported with what to do.
    public func pushSecrets() async throws -> PlanChange.Kind {
        var data = JSONObject()
        for key in credentialKeys { data[key] = .string(Data((secrets[key] ?? "").utf8).base64EncodedString()) }
        let response = try await http.expect(call("GET", url("secrets", secretName)), [200, 404], hint: hint)
        guard response.status == 200, var secret = PlatformJSON.parse(response).objectValue else {
            let body: JSONValue = ["apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                                   "metadata": ["name": .string(secretName), "labels": .object(ownerLabels)], "data": .object(data)]
            try await createSecret(body.objectValue ?? JSONObject())
            return .create
        }
        func decoded(_ o: JSONObject?) -> [String: String] {
            var out: [String: String] = [:]
            for m in o?.members ?? [] { out[m.key] = m.value.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } }
            return out
        }
        if decoded(secret["data"]?.objectValue) == decoded(data) { return .unchanged }
        secret["data"] = .object(data)
        secret["stringData"] = nil
        _ = try await http.expect(call("PUT", url("secrets", secretName), body: .object(secret)), [200, 201], hint: hint)
        return .update
    }

    /// Creates the Secret `secret` names. The POST is by name, so it is repeated after a 5xx
    /// or a lost answer: when the first one did create it, the repeat answers 409 and the
    /// Secret found holds exactly this data, which is success. A 409 over other data is a
    /// Secret made meanwhile by someone else: reported, and left as it is.
    func createSecret(_ secret: JSONObject) async throws {
        let request = call("POST", url("secrets"), body: .object(secret), idempotent: true)
        let created = try await http.expect(request, [200, 201, 202, 409], hint: hint)
        guard created.status == 409 else { return }
        let name = secret["metadata"]?.objectValue?["name"]?.stringValue ?? ""
        let found = try await http.expect(call("GET", url("secrets", name)), [200, 404], hint: hint)
        if found.status == 200, PlatformJSON.parse(found)["data"] == secret["data"] ?? .object(JSONObject()) { return }
        throw PlatformError(serverName: http.serverName, request: request.label, status: 409,
                            message: hint(409, PlatformHTTP.excerpt(created.text)))
    }
}
