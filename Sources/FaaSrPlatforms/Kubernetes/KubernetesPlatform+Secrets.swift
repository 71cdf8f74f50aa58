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
            _ = try await http.expect(call("POST", url("secrets"), body: body), [200, 201, 202], hint: hint)
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
}
