import FaaSrPlatformAPI

/// `faasr secrets push` to a platform's secret store (AWS Secrets Manager, Google Secret
/// Manager): every secret stored in name order; values never appear in results or errors.
enum SecretPush {
    /// Stores each secret with `store` (which says what it did) in name order. Refuses an
    /// empty value before storing anything; when one fails, the error says which were
    /// already stored, so pushing again completes the rest.
    static func each<Outcome>(_ secrets: [String: String], serverName: String,
                              store: (_ name: String, _ value: String) async throws -> Outcome) async throws -> [(name: String, outcome: Outcome)] {
        if let empty = secrets.keys.sorted().first(where: { secrets[$0]?.isEmpty ?? true }) {
            throw PlatformError(serverName: serverName, request: "secrets push",
                                message: "the secret \(empty) is empty; set a value for it (environment or .env) before pushing")
        }
        var done: [(name: String, outcome: Outcome)] = []
        for name in secrets.keys.sorted() {
            do {
                done.append((name, try await store(name, secrets[name] ?? "")))
            } catch var error as PlatformError {
                if !done.isEmpty { error.message += " Already stored: \(done.map(\.name).joined(separator: ", "))." }
                throw error
            }
        }
        return done
    }
}
