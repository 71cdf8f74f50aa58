import FaaSrCore
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

    /// Whether Secrets Manager in the server's region holds a secret named `name`.
    public func hasSecret(_ name: String) async throws -> Bool { try await secretsManager.exists(name) }

    /// The Lambda servers of `workflow`, one per region (each region has its own Secrets Manager).
    public static func secretStores(of workflow: Workflow) -> [ComputeServer] {
        var seen = Set<String>()
        return workflow.computeServers.filter {
            $0.faasType == .lambda && seen.insert($0.string("Region") ?? LambdaFacts.defaultRegion).inserted
        }
    }
}
