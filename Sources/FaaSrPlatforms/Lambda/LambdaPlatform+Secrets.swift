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
        try await SecretPush.each(secrets, serverName: serverName) { name, value in
            try await secretsManager.store(name, value: value) ? .created : .updated
        }
    }
}
