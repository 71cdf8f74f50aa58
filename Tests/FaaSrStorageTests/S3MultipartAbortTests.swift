import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing
@testable import FaaSrStorage
import FaaSrTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A multipart upload that cannot complete is aborted: no upload is left pending on the
/// server (ListMultipartUploads) and no object appears.
@Suite struct S3MultipartAbortTests {
    static let size = 20 * 1024 * 1024 + 5 // three 8 MiB parts

    @Test func aPartThatKeepsFailingAbortsTheUpload() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder("abort")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("source.bin")
        try makeTestFile(at: source, size: Self.size, seed: 5)
        let base = TestS3Server.uniquePrefix("abort")
        let key = base + "net.bin"

        // Every try of part 2 has its connection reset; all other requests pass. One request
        // per connection, so the proxy sees the request line of each.
        let proxy = try FaultProxy(upstreamPort: s3.port, plan: [], after: .resetIfRequestLine(contains: "partNumber=2&"))
        defer { proxy.stop() }
        var httpConfiguration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        httpConfiguration.maximumUsesPerConnection = 1
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        let client = S3Client(configuration: S3Configuration(
            endpoint: URL(string: proxy.endpoint)!, bucket: s3.bucket, region: s3.region,
            credentials: AWSCredentials(accessKeyID: s3.accessKey, secretAccessKey: s3.secretKey),
            multipartThreshold: 5 * 1024 * 1024, partSize: 8 * 1024 * 1024,
            retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 600)), httpClient: http)
        do {
            try await client.put(key, from: source)
            Issue.record("the upload should have failed")
        } catch StorageError.transport(let operation, _, let attempts) {
            #expect(operation.contains("UploadPart") && operation.contains("part 2"))
            #expect(attempts == 3)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        try await http.shutdown()

        let direct = s3.client()
        #expect(try await direct.listMultipartUploads(prefix: base).isEmpty)
        #expect(try await direct.head(key) == nil)
    }

    @Test func aFileThatShrinksDuringTheUploadAbortsIt() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder("abort")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("source.bin")
        try makeTestFile(at: source, size: Self.size, seed: 6)
        let base = TestS3Server.uniquePrefix("abort")
        let key = base + "shrinking.bin"
        let client = s3.client(multipartThreshold: 5 * 1024 * 1024)
        // The first progress report comes once the upload exists and before any part is
        // read: cut the file there to 4 MiB, so parts 2 and 3 cannot be read.
        let path = source.path
        do {
            try await client.put(key, from: source, progress: { done, _ in
                if done == 0 { _ = truncate(path, 4 * 1024 * 1024) }
            })
            Issue.record("the upload should have failed")
        } catch StorageError.localFile(let failedPath, _) {
            #expect(failedPath == path)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(try await client.listMultipartUploads(prefix: base).isEmpty)
        #expect(try await client.head(key) == nil)
    }

    @Test func listMultipartUploadsShowsAPendingUploadUntilAborted() async throws {
        // The check the two tests above rely on: a started, unfinished upload is listed.
        guard let s3 = try TestS3Server.require() else { return }
        let client = s3.client()
        let base = TestS3Server.uniquePrefix("pending")
        let pending = try await client.startMultipartUpload(base + "p.bin")
        #expect(try await client.listMultipartUploads(prefix: base) == [pending])
        try await client.abortMultipartUpload(pending)
        #expect(try await client.listMultipartUploads(prefix: base).isEmpty)
    }
}

extension S3Client {
    /// `CreateMultipartUpload` alone, to leave an upload pending.
    func startMultipartUpload(_ key: String) async throws -> MultipartUploadInfo {
        let created = try await simple("CreateMultipartUpload", method: .POST, key: key, query: [("uploads", "")], resource: key)
        return MultipartUploadInfo(key: key, uploadID: try #require(S3XML.uploadID(created.body)))
    }
}
