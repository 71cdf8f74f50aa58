import Foundation
import Testing
import FaaSrStorage
import FaaSrTestSupport

/// Transfers through ``FaultProxy``, which resets connections and answers 503 on a schedule.
@Suite struct FaultInjectionTests {
    static let size = 12 * 1024 * 1024
    /// Retries bounded by count only (the time budget is a hang guard): CI saw a loaded
    /// machine spend the default 60 s on three attempts.
    static let patient = RetryPolicy(maxAttempts: 6, baseDelay: 0.05, maxDelay: 0.5, maxTotal: 900)

    @Test func downloadSurvivesResetsAnd503s() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder("faults")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("source.bin")
        try makeTestFile(at: source, size: Self.size)
        let key = TestS3Server.uniquePrefix("faults") + "get.bin"
        try await s3.client().put(key, from: source)

        let proxy = try FaultProxy(upstreamPort: s3.port,
                                   plan: [.resetAfter(bytes: 3 * 1024 * 1024), .respond503, .reset, .resetAfter(bytes: 2 * 1024 * 1024)])
        defer { proxy.stop() }
        // A budget no loaded machine can use up: the attempt count must not depend on load.
        let client = s3.client(endpoint: proxy.endpoint, retry: Self.patient)
        let target = scratch.appendingPathComponent("target.bin")
        let info = try await client.get(key, to: target)
        #expect(info.size == Int64(Self.size))
        #expect(try sha256OfFile(target) == (try sha256OfFile(source)))
        #expect(client.retryCount == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["source.bin", "target.bin"])
    }

    @Test func uploadSurvivesResetsAnd503s() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder("faults")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("source.bin")
        try makeTestFile(at: source, size: Self.size, seed: 42)
        let key = TestS3Server.uniquePrefix("faults") + "put.bin"

        let proxy = try FaultProxy(upstreamPort: s3.port, plan: [.respond503, .reset, .resetAfter(bytes: 10)])
        defer { proxy.stop() }
        let client = s3.client(endpoint: proxy.endpoint, retry: Self.patient)
        try await client.put(key, from: source)
        #expect(client.retryCount == 3)
        let target = scratch.appendingPathComponent("target.bin")
        try await s3.client().get(key, to: target)
        #expect(try sha256OfFile(target) == (try sha256OfFile(source)))
    }

    @Test func conditionalPutThrough503sStillReportsCreatedThenExists() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let proxy = try FaultProxy(upstreamPort: s3.port, plan: [.respond503, .respond503])
        defer { proxy.stop() }
        let client = s3.client(endpoint: proxy.endpoint, retry: Self.patient)
        let key = TestS3Server.uniquePrefix("faults") + "lock"
        #expect(try await client.putIfAbsent(key, data: Data("me-\(UUID())".utf8)) == .created)
        #expect(try await client.putIfAbsent(key, data: Data("other".utf8)) == .alreadyExists)
    }

    @Test func failedDownloadLeavesNoFileAndSaysWhy() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder("faults")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("source.bin")
        try makeTestFile(at: source, size: Self.size, seed: 7)
        let key = TestS3Server.uniquePrefix("faults") + "never.bin"
        try await s3.client().put(key, from: source)

        let proxy = try FaultProxy(upstreamPort: s3.port, plan: [], after: .resetAfter(bytes: 512 * 1024))
        defer { proxy.stop() }
        let client = s3.client(endpoint: proxy.endpoint,
                               retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 300))
        let target = scratch.appendingPathComponent("target.bin")
        do {
            try await client.get(key, to: target)
            Issue.record("the download should have failed")
        } catch let error as StorageError {
            guard case .transport(let operation, _, let attempts) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(attempts == 3)
            #expect(operation.contains("GetObject"))
            #expect(error.description.contains("after 3 attempts"))
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["source.bin"])
    }

    // The time budgets here are far above what the attempts need, so the attempt counts do not
    // depend on how loaded the machine is (a loaded CI machine once used up a 30 s budget).
    @Test func persistent503IsReportedWithItsCode() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let proxy = try FaultProxy(upstreamPort: s3.port, plan: [], after: .respond503)
        defer { proxy.stop() }
        let client = s3.client(endpoint: proxy.endpoint,
                               retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 600))
        await #expect {
            _ = try await client.list(prefix: "x")
        } throws: { error in
            guard case StorageError.service(let e) = error else { return false }
            return e.status == 503 && e.code == "SlowDown" && e.attempts == 4
        }
        #expect(client.retryCount == 3)
    }

    @Test func connectionRefusedIsATransportError() async throws {
        // A port nobody listens on (the proxy is stopped before use).
        let proxy = try FaultProxy(upstreamPort: 9, plan: [])
        let endpoint = proxy.endpoint
        proxy.stop()
        let client = S3Client(configuration: S3Configuration(
            endpoint: URL(string: endpoint)!, bucket: "b",
            credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "s"),
            retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.02, maxTotal: 600)))
        await #expect {
            try await client.checkAccess()
        } throws: { error in
            guard case StorageError.transport(_, _, let attempts) = error else { return false }
            return attempts == 2
        }
    }
}
