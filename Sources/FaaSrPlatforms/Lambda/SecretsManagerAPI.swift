import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// The Secrets Manager operations `faasr secrets push` uses (JSON 1.1, target prefix
/// `secretsmanager`). Values never appear in errors.
struct SecretsManagerAPI: Sendable {
    var client: AWSClient
    var failure: AWSFailure

    /// Whether a secret named `name` exists (`DescribeSecret`).
    func exists(_ name: String) async throws -> Bool {
        let response = try await client.call("DescribeSecret", ["SecretId": .string(name)])
        if response.status == 200 { return true }
        if AWSErrorAnswer(response).code == "ResourceNotFoundException" { return false }
        throw failure.error("Secrets Manager DescribeSecret \(name)", response)
    }

    /// Stores `value` under `name`: `PutSecretValue` when the secret exists, else `CreateSecret`.
    /// Each write carries a fresh `ClientRequestToken`, so a retried write is not stored twice.
    /// Returns true when the secret was created.
    @discardableResult
    func store(_ name: String, value: String) async throws -> Bool {
        let token = JSONValue.string(UUID().uuidString.lowercased())
        if try await exists(name) {
            let response = try await client.call("PutSecretValue", [
                "SecretId": .string(name), "ClientRequestToken": token, "SecretString": .string(value),
            ])
            guard response.status == 200 else { throw failure.error("Secrets Manager PutSecretValue \(name)", response) }
            return false
        }
        let response = try await client.call("CreateSecret", [
            "Name": .string(name), "ClientRequestToken": token, "SecretString": .string(value),
            "Description": "FaaSr secret (faasr secrets push)",
        ])
        guard response.status == 200 else {
            throw failure.error("Secrets Manager CreateSecret \(name)", response) { answer in
                answer.code == "ResourceExistsException" ? "the secret appeared while pushing (another push?); run the push again" : nil
            }
        }
        return true
    }

    /// The current value of `name` (`GetSecretValue`), or nil when there is no such secret.
    func value(_ name: String) async throws -> String? {
        let response = try await client.call("GetSecretValue", ["SecretId": .string(name)])
        if response.status == 200 { return (try? JSONParser.parse(response.body))?["SecretString"]?.stringValue }
        if AWSErrorAnswer(response).code == "ResourceNotFoundException" { return nil }
        throw failure.error("Secrets Manager GetSecretValue \(name)", response)
    }
}
