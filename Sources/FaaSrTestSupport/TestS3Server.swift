import Foundation

/// The local S3 server the tests use (moto with signature checking on 127.0.0.1), as
/// described by the environment variables `scripts/test` exports after
/// `scripts/moto-s3 start`:
///
/// | variable | meaning |
/// |---|---|
/// | `FAASR_TEST_S3_ENDPOINT` | `http://127.0.0.1:PORT` (path-style addressing) |
/// | `FAASR_TEST_S3_ACCESS_KEY`, `FAASR_TEST_S3_SECRET_KEY` | the IAM key moto generated |
/// | `FAASR_TEST_S3_BUCKET` | an existing bucket (default `faasr-test`) |
/// | `FAASR_TEST_S3_REGION` | its region (default `us-east-1`) |
/// | `FAASR_TEST_LAMBDA_ROLE_ARN` | an IAM role for moto's Lambda API |
///
/// To run S3 tests by hand: `eval "$(scripts/moto-s3 start --state-dir /tmp/s3)"`, then
/// `swift test`, then `scripts/moto-s3 stop --state-dir /tmp/s3`.
public struct TestS3Server: Sendable, CustomStringConvertible {
    /// The endpoint URL, e.g. `http://127.0.0.1:45271`.
    public var endpoint: String
    /// The access key id.
    public var accessKey: String
    /// The secret access key.
    public var secretKey: String
    /// The bucket to use.
    public var bucket: String
    /// The region.
    public var region: String
    /// The Lambda role ARN, when the server made one.
    public var lambdaRoleARN: String?

    /// Endpoint and bucket; the secret is masked.
    public var description: String { "TestS3Server(\(endpoint), bucket \(bucket), key \(accessKey), secret ****)" }

    /// The error thrown under `CI=true` when the server is not configured.
    public struct NotConfigured: Error, CustomStringConvertible {
        /// The missing variable.
        public let variable: String
        /// Explanation.
        public var description: String {
            "\(variable) is not set: S3 tests need the local server that scripts/test starts (scripts/moto-s3)"
        }
    }

    /// Reads the server from the environment. Returns nil (skip the test) when it is not
    /// configured, except under `CI=true`, where that is an error.
    /// Use as `guard let s3 = try TestS3Server.require() else { return }`.
    public static func require() throws -> TestS3Server? {
        let env = ProcessInfo.processInfo.environment
        func value(_ name: String) throws -> String? {
            if let v = env[name], !v.isEmpty { return v }
            if SharedFixtures.isCI { throw NotConfigured(variable: name) }
            return nil
        }
        guard let endpoint = try value("FAASR_TEST_S3_ENDPOINT"),
              let accessKey = try value("FAASR_TEST_S3_ACCESS_KEY"),
              let secretKey = try value("FAASR_TEST_S3_SECRET_KEY") else { return nil }
        return TestS3Server(
            endpoint: endpoint, accessKey: accessKey, secretKey: secretKey,
            bucket: env["FAASR_TEST_S3_BUCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? "faasr-test",
            region: env["FAASR_TEST_S3_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? "us-east-1",
            lambdaRoleARN: env["FAASR_TEST_LAMBDA_ROLE_ARN"])
    }

    /// A prefix unique to one test run, so tests sharing the bucket never collide.
    public static func uniquePrefix(_ label: String) -> String {
        "\(label)-\(UUID().uuidString.prefix(8).lowercased())/"
    }
}
