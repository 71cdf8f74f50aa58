import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// `faasr secrets push|check` for Google Cloud servers: the secrets live in Secret Manager in
/// the server's project under their FaaSr names (`GH_PAT`, `S3_AccessKey`, ...), where FaaSr's
/// Cloud Run containers read them (spec/platforms.md §8). Values never appear in results or
/// errors.
extension GoogleCloudPlatform {
    /// What pushing one secret did.
    public enum SecretOutcome: String, Sendable, Equatable {
        /// The secret did not exist; it was created with the value as its first version.
        case created
        /// The value was added as a new version of the existing secret.
        case updated
    }

    /// The URL of secret `name`.
    func secretURL(_ name: String, _ suffix: String = "") -> String {
        "\(secretsBase)/projects/\(project)/secrets/\(PlatformJSON.segment(name))\(suffix)"
    }

    /// Whether Secret Manager has a secret `name` in the project.
    public func hasSecret(_ name: String) async throws -> Bool {
        try await api.expect("GET", secretURL(name), [200, 404]).status == 200
    }

    /// Stores each secret (created with automatic replication, then the value added as a
    /// version), in name order. When one fails, the error says which were already stored;
    /// pushing again completes the rest.
    public func pushSecrets(_ secrets: [String: String]) async throws -> [(name: String, outcome: SecretOutcome)] {
        try await SecretPush.each(secrets, serverName: serverName) { name, value in
            var outcome = SecretOutcome.updated
            if try await !hasSecret(name) {
                let create = "\(secretsBase)/projects/\(project)/secrets?secretId=\(PlatformJSON.segment(name))"
                let response = try await api.send("POST", create, body: ["replication": ["automatic": .object(JSONObject())]])
                // 409: created meanwhile (by an earlier, interrupted push); add the version.
                guard [200, 409].contains(response.status) else { throw api.failure("POST", create, response) }
                outcome = response.status == 200 ? .created : .updated
            }
            let data = Array(value.utf8)
            let payload: JSONValue = ["data": .string(Data(data).base64EncodedString()), "dataCrc32c": .string(String(CRC32C.checksum(data)))]
            _ = try await api.expect("POST", secretURL(name, ":addVersion"), body: ["payload": payload])
            return outcome
        }
    }
}

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), which Secret Manager checks a
/// version's payload against (`dataCrc32c`). Hand-written: swift-crypto has no CRC.
enum CRC32C {
    private static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        return c
    }

    /// The checksum of `bytes`.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// `faasr secrets check|push` across a workflow's GoogleCloud servers (one per project).
public enum GoogleSecretSync {
    /// The GoogleCloud servers of `workflow`, one per distinct project.
    public static func googleServers(of workflow: Workflow) -> [ComputeServer] {
        var seen = Set<String>()
        return workflow.computeServers.filter { $0.faasType == .googleCloud && seen.insert($0.namespace ?? "").inserted }
    }

    /// Pushes every secret of `workflow` that has a local value to the project of `platform`.
    public static func push(_ workflow: Workflow, values: [String: String], platform: GoogleCloudPlatform) async throws
        -> [(name: String, outcome: GoogleCloudPlatform.SecretOutcome)] {
        let names = GitHubSecretSync.requirements(of: workflow).map(\.name).filter { !(values[$0] ?? "").isEmpty }
        return try await platform.pushSecrets(Dictionary(uniqueKeysWithValues: names.map { ($0, values[$0]!) }))
    }
}
