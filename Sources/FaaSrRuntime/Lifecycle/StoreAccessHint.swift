import FaaSrCore
import FaaSrStorage

/// What to check when a data store refuses the first request (HTTP 403: the key is unknown,
/// the secret is wrong, or the key may not use the bucket): the names the credentials were
/// read from, never their values.
enum StoreAccessHint {
    /// The hint for `error` from data store `name`, or nil when it is not a refusal.
    /// Credentials come from the secrets `{name}_AccessKey`/`{name}_SecretKey` when the
    /// action's server uses a secret store and they are set, else from the store's
    /// `AccessKey`/`SecretKey` fields in the workflow.
    static func text(for error: any Error, store name: String, payload: ActionPayload,
                     environment: [String: String]) -> String? {
        guard case .service(let s)? = error as? StorageError, s.status == 403 else { return nil }
        let config = payload.dataStores.object(name) ?? JSONObject()
        if (config.string("Anonymous") ?? "").lowercased() == "true" {
            return "the store is Anonymous (unsigned requests), and the bucket refused them: make it public, or set Anonymous to false and the secrets \(name)_AccessKey and \(name)_SecretKey"
        }
        let server = payload.currentAction?.string("FaaSServer") ?? ""
        let secretStore = payload.computeServers.object(server)?["UseSecretStore"]?.isTruthy == true
        let secrets = ["\(name)_AccessKey", "\(name)_SecretKey"]
        let fromSecrets = secrets.filter { environment[$0] != nil }
        if secretStore && !fromSecrets.isEmpty {
            return "the store refused the credentials from the secrets \(secrets.joined(separator: " and ")): check that they hold a valid access key id and its secret key, and that this key may use bucket '\(config.string("Bucket") ?? "")'"
        }
        return "the store refused the credentials from the AccessKey and SecretKey of DataStores.\(name) in the workflow (server \(server) does not read the secrets \(secrets.joined(separator: " and ")) \(secretStore ? "because they are not set" : "because its UseSecretStore is not true")): check that they hold a valid access key id and its secret key, and that this key may use bucket '\(config.string("Bucket") ?? "")'"
    }
}
