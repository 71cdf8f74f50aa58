import FaaSrCore

/// Fills credentials from secrets with FaaSr's derived names (spec/runtime.md §1.11), when
/// the current action's server uses a secret store. Secrets are read from the environment
/// (GitHub Actions, SLURM, OpenWhisk and Kubernetes deliver them there).
enum Secrets {
    static func fill(_ payload: inout ActionPayload, environment env: [String: String], log: ActionLog) {
        let serverName = payload.currentAction?.string("FaaSServer") ?? ""
        guard payload.computeServers.object(serverName)?["UseSecretStore"]?.isTruthy == true else { return }
        var servers = payload.base.object("ComputeServers") ?? JSONObject()
        for name in servers.keys {
            guard var s = servers.object(name) else { continue }
            for secret in PlatformFacts.named(s.string("FaaSType"))?.secrets ?? [] {
                if let v = env[secret.secretName(server: name)] { s[secret.field] = .string(v) }
            }
            servers[name] = .object(s)
        }
        payload.base["ComputeServers"] = .object(servers)
        var stores = payload.base.object("DataStores") ?? JSONObject()
        for name in stores.keys {
            guard var s = stores.object(name) else { continue }
            for field in ["AccessKey", "SecretKey"] {
                if let v = env["\(name)_\(field)"] { s[field] = .string(v) }
                else if s[field] == nil && (s.string("Anonymous") ?? "").lowercased() != "true" {
                    log.log(.debug, "secret \(name)_\(field) is not set")
                }
            }
            stores[name] = .object(s)
        }
        payload.base["DataStores"] = .object(stores)
        if var vm = payload.base.object("VMConfig"), let n = vm.string("Name") {
            for field in ["AccessKey", "SecretKey"] { if let v = env["\(n)_\(field)"] { vm[field] = .string(v) } }
            payload.base["VMConfig"] = .object(vm)
        }
    }
}
