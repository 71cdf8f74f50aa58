import Foundation
import Testing
import FaaSrStorage
import FaaSrTestSupport

/// The S3 client against the local moto server with signature checking on.
@Suite struct S3ClientTests {
    @Test func contract() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let client = s3.client()
        try await ObjectStoreContract.basicOperations(client, base: TestS3Server.uniquePrefix("contract"), scratch: scratch)
    }

    @Test func awkwardKeysRoundTrip() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        try await ObjectStoreContract.roundTripsAwkwardKeys(s3.client(), base: TestS3Server.uniquePrefix("awkward"))
    }

    @Test func wrongSecretIsRejected() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let client = s3.client(secret: "not-the-secret-" + s3.secretKey)
        do {
            try await client.put(TestS3Server.uniquePrefix("auth") + "x", data: Data("x".utf8))
            Issue.record("a wrong secret was accepted")
        } catch StorageError.service(let error) {
            #expect(error.status == 403)
            #expect(error.code == "SignatureDoesNotMatch")
            #expect(error.operation == "PutObject")
        }
        // HEAD answers carry no body: the code comes from the status.
        do {
            try await client.checkAccess()
            Issue.record("a wrong secret was accepted by HeadBucket")
        } catch StorageError.service(let error) {
            #expect(error.status == 403)
        }
    }

    @Test func unknownAccessKeyIsRejected() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let client = s3.client(accessKey: "AKIAIOSFODNN7EXAMPLE")
        await #expect {
            _ = try await client.list(prefix: "x")
        } throws: { error in
            guard case StorageError.service(let e) = error else { return false }
            return e.status == 403 && e.code == "InvalidAccessKeyId"
        }
    }

    @Test func anonymousRequestsAreUnsigned() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        // With signature checking on, moto refuses a request without Authorization (403,
        // or 500 where its check trips over the missing header).
        await #expect {
            _ = try await s3.client(anonymous: true, retry: .none).getData("anything")
        } throws: { error in
            guard case StorageError.service(let e) = error else { return false }
            return e.status == 403 || e.status == 500
        }
    }

    @Test func missingBucketIsATypedError() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let client = s3.client(bucket: "no-such-bucket-\(UUID().uuidString.prefix(6).lowercased())")
        await #expect {
            _ = try await client.list(prefix: "")
        } throws: { error in
            guard case StorageError.service(let e) = error else { return false }
            return e.status == 404 && e.code == "NoSuchBucket"
        }
    }

    @Test func listingPaginatesPastOneThousand() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let client = s3.client()
        let base = TestS3Server.uniquePrefix("many")
        let count = 2_500
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                let i = next
                next += 1
                group.addTask { try await client.put(base + String(format: "k%05d", i), data: Data()) }
            }
            for _ in 0..<16 { add() }
            while try await group.next() != nil {
                if next < count { add() }
            }
        }
        let listing = try await client.list(prefix: base)
        #expect(listing.keys.count == count)
        #expect(listing.keys == (0..<count).map { base + String(format: "k%05d", $0) })
        #expect(try await client.list(prefix: base + "k024").keys.count == 100)
    }

    @Test func largeObjectRoundTripsWithTheSameHash() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder("large")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("200MB.bin")
        try makeTestFile(at: source, size: 200 * 1024 * 1024)
        let key = TestS3Server.uniquePrefix("large") + "200MB.bin"
        let client = s3.client()
        try await client.put(key, from: source)
        #expect(try await client.head(key)?.size == 200 * 1024 * 1024)
        let target = scratch.appendingPathComponent("back.bin")
        try await client.get(key, to: target)
        #expect(try sha256OfFile(target) == (try sha256OfFile(source)))
        try await client.delete(key)
    }

    @Test func multipartUploadOfASmallThreshold() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder("multipart")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("20MB.bin")
        try makeTestFile(at: source, size: 20 * 1024 * 1024 + 17)
        let key = TestS3Server.uniquePrefix("multipart") + "file.bin"
        let client = s3.client(multipartThreshold: 5 * 1024 * 1024)
        try await client.put(key, from: source)
        let info = try #require(try await client.head(key))
        let expectedSize: Int64 = 20 * 1024 * 1024 + 17
        #expect(info.size == expectedSize)
        #expect(info.etag?.hasSuffix("-3") == true, "ETag \(info.etag ?? "none") should name three 8 MiB parts")
        let target = scratch.appendingPathComponent("back.bin")
        try await client.get(key, to: target)
        #expect(try sha256OfFile(target) == (try sha256OfFile(source)))
    }

    @Test func presignedURLHasTheQuerySignature() throws {
        let client = S3Client(configuration: S3Configuration(
            endpoint: URL(string: "http://127.0.0.1:9000")!, bucket: "b",
            credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret")))
        let url = try client.presignedURL("dir/a b.txt", expires: 600)
        #expect(url.absoluteString.hasPrefix("http://127.0.0.1:9000/b/dir/a%20b.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F"))
        #expect(url.absoluteString.contains("&X-Amz-Expires=600&X-Amz-SignedHeaders=host&X-Amz-Signature="))
    }
}

/// Progress callbacks of streamed transfers.
@Suite struct S3ProgressTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [(Int64, Int64?)] = []
        func record(_ done: Int64, _ total: Int64?) { lock.lock(); values.append((done, total)); lock.unlock() }
    }

    @Test func putAndGetReportProgressUpToTheTotal() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder("progress")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let size = 6 * 1024 * 1024 + 5
        let source = scratch.appendingPathComponent("p.bin")
        try makeTestFile(at: source, size: size)
        let key = TestS3Server.uniquePrefix("progress") + "p.bin"
        let client = s3.client()
        let up = Recorder()
        try await client.put(key, from: source, progress: { up.record($0, $1) })
        #expect(up.values.count >= 7) // start + one per 1 MiB chunk
        #expect(up.values.last?.0 == Int64(size) && up.values.last?.1 == Int64(size))
        let down = Recorder()
        try await client.get(key, to: scratch.appendingPathComponent("back.bin"), progress: { down.record($0, $1) })
        #expect(down.values.last?.0 == Int64(size) && down.values.last?.1 == Int64(size))
        #expect(zip(down.values, down.values.dropFirst()).allSatisfy { $0.0 <= $1.0 })
    }
}
