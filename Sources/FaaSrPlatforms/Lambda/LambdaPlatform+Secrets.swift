import FaaSrPlatformAPI

/// `faasr secrets push` for Lambda servers: the secrets go to AWS Secrets Manager in the
/// server's region, under their FaaSr names (`S3_AccessKey`, `GH_PAT`, ...), where FaaSr's
/// Lambda containers read them (spec/platforms.md §6).
extension LambdaPlatform {
    /// What pushing one secret did.
    public enum SecretOutcome: String, Sendable, Equatable {
        /// The secret did not exist and was created.
        case created
        /// A new value was stored in the existing secret.
        case updated
    }

    /// Stores each secret (created, or a new version of an existing one), in name order.
    /// Values never appear in results or errors. When one fails, the error says which were
    /// already stored; pushing again completes the rest.
    public func pushSecrets(_ secrets: [String: String]) async throws -> [(name: String, outcome: SecretOutcome)] {
        if let empty = secrets.keys.sorted().first(where: { secrets[$0]?.isEmpty ?? true }) {
            throw PlatformError(serverName: serverName, request: "secrets push",
                                message: "the secret \(empty) is empty; set a value for it (environment or .env) before pushing")
        }
        var done: [(name: String, outcome: SecretOutcome)] = []
        for name in secrets.keys.sorted() {
            do {
                let created = try await secretsManager.store(name, value: secrets[name] ?? "")
                done.append((name, created ? .created : .updated))
            } catch var error as PlatformError {
                if !done.isEmpty { error.message += " Already stored: \(done.map(\.name).joined(separator: ", "))." }
                throw error
            }
        }
        return done
    }
}
