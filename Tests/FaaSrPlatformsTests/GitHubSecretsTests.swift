import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatformTestSupport
import FaaSrPlatforms
import FaaSrTestSupport
import Foundation
import Testing

/// Sealed boxes and `faasr secrets check|push` against the loopback GitHub API server.
@Suite struct GitHubSecretsTests {
    static let values = ["GH_PAT": GitHubFixtures.token, "SL_Token": "jwt.sl.value", "S3_AccessKey": "AKIAEXAMPLE",
                         "S3_SecretKey": "s3-secret/value+with=chars", "MY_API_KEY": "user-key-Ω"]

    @Test func sealedBoxOpensOnlyWithTheMatchingKey() throws {
        let pair = try SealedBox.keyPair()
        let other = try SealedBox.keyPair()
        let box = try SealedBox.seal(Array("hello".utf8), to: pair.publicKey)
        #expect(box.count == 5 + SealedBox.overheadBytes)
        #expect(SealedBox.open(box, publicKey: pair.publicKey, secretKey: pair.secretKey) == Array("hello".utf8))
        #expect(SealedBox.open(box, publicKey: other.publicKey, secretKey: other.secretKey) == nil)
        var tampered = box
        tampered[40] ^= 1
        #expect(SealedBox.open(tampered, publicKey: pair.publicKey, secretKey: pair.secretKey) == nil)
        #expect(throws: SealedBox.Failure.self) { try SealedBox.seal([1], to: [1, 2, 3]) }
    }

    @Test func pushSealsEverySecretAndCheckSeesThem() async throws {
        try await GitHubFixtures.withServer { server in
            let wf = GitHubFixtures.workflow()
            let api = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL)).api
            let before = try await GitHubSecretSync.check(wf, values: Self.values, api: api)
            #expect(before.allSatisfy { $0.isSetLocally && $0.isInRepository == false })
            let pushed = try await GitHubSecretSync.push(wf, values: Self.values, api: api)
            #expect(pushed.map(\.name) == ["GH_PAT", "SL_Token", "S3_AccessKey", "S3_SecretKey", "MY_API_KEY"])
            #expect(pushed.allSatisfy { $0.created })
            // The server opened each sealed box with the repository's secret key.
            #expect(server.state.secrets == Dictionary(uniqueKeysWithValues: Self.values.map { ($0.key.uppercased(), $0.value) }))
            let again = try await GitHubSecretSync.push(wf, values: Self.values, api: api)
            #expect(again.allSatisfy { !$0.created })
            let after = try await GitHubSecretSync.check(wf, values: [:], api: api)
            #expect(after.allSatisfy { !$0.isSetLocally && $0.isInRepository == true })
            // SL_Token is optional: no action runs on SL.
            #expect(GitHubSecretSync.missing(wf, values: [:]) == ["GH_PAT", "S3_AccessKey", "S3_SecretKey", "MY_API_KEY"])
            #expect(server.problems == [])
        }
    }

    @Test func cliPushAndCheckNeverPrintValues() async throws {
        guard try FaasrExecutable.require() != nil else { return }
        try await GitHubFixtures.withServer { server in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gh-secrets-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            try GitHubFixtures.workflow().serializedCanonical().write(to: dir.appendingPathComponent("demo.json"), atomically: true, encoding: .utf8)
            let partial = Self.values.filter { $0.key != "MY_API_KEY" }
            try partial.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: "\n").write(to: dir.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
            let env = ["FAASR_GITHUB_API": server.baseURL]

            let refused = try await FaasrExecutable.runAsync(["secrets", "push", "demo.json"], in: dir, environment: env, inheritEnvironment: false)
            #expect(refused.status == 1)
            #expect(refused.err.contains("no local value for MY_API_KEY; nothing was pushed"))
            #expect(server.state.secrets.isEmpty)

            let pushed = try await FaasrExecutable.runAsync(["secrets", "push", "demo.json"], in: dir, environment: env.merging(["MY_API_KEY": "user-key-Ω"]) { $1 }, inheritEnvironment: false)
            #expect(pushed.status == 0, "\(pushed.err)")
            #expect(pushed.out.contains("GH (octo/flows): S3_SecretKey created"))
            #expect(server.state.secrets["MY_API_KEY"] == "user-key-Ω")

            let checked = try await FaasrExecutable.runAsync(["secrets", "check", "demo.json"], in: dir, environment: env, inheritEnvironment: false)
            // MY_API_KEY is not set locally but is in the repository: nothing is missing where it runs.
            #expect(checked.status == 0, "\(checked.err)")
            #expect(checked.out.contains("GH (octo/flows)"))
            let local = try await FaasrExecutable.runAsync(["secrets", "check", "--local-only", "demo.json"], in: dir, environment: env, inheritEnvironment: false)
            #expect(local.status == 1)
            #expect(local.err.contains("1 required secret is missing"))
            for value in Self.values.values {
                for output in [refused.out, refused.err, pushed.out, pushed.err, checked.out, checked.err] { #expect(!output.contains(value)) }
            }
            let listed = try await FaasrExecutable.runAsync(["secrets", "--names-only", "demo.json"], in: dir, inheritEnvironment: false)
            #expect(listed.out.split(separator: "\n").first == "GH_PAT")
            #expect(server.problems == [])
        }
    }
}
