import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import FaaSrStorage
import FaaSrTestSupport

/// Presigned URLs used by a plain HTTP client (no signing code of ours on that side),
/// against moto with signature checking on (scripts/moto-s3 checks query signatures).
@Suite struct S3PresignedURLTests {
    /// A plain HTTP request; returns the status and the body.
    static func fetch(_ url: URL, method: HTTPMethod = .GET, body: Data? = nil) async throws -> (status: Int, body: Data) {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = method
            if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
            let response = try await http.execute(request, timeout: .seconds(60))
            let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
            try await http.shutdown()
            return (Int(response.status.code), Data(bytes.readableBytesView))
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    @Test func presignedGetReadsTheObject() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let client = s3.client()
        let key = TestS3Server.uniquePrefix("presign") + "dir/a b+c ü.txt"
        let content = Data("presigned \(UUID())".utf8)
        try await client.put(key, data: content)
        let url = try client.presignedURL(key, method: "GET", expires: 600)
        #expect(url.query?.contains("X-Amz-Signature=") == true)
        let answer = try await Self.fetch(url)
        #expect(answer.status == 200)
        #expect(answer.body == content)
    }

    @Test func presignedPutStoresTheBody() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let client = s3.client()
        let key = TestS3Server.uniquePrefix("presign") + "upload.bin"
        let content = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let url = try client.presignedURL(key, method: "PUT", expires: 600)
        let answer = try await Self.fetch(url, method: .PUT, body: content)
        #expect(answer.status == 200)
        #expect(try await client.getData(key) == content)
    }

    @Test func tamperedOrExpiredURLsAreRefused() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let client = s3.client()
        let key = TestS3Server.uniquePrefix("presign") + "guarded.txt"
        try await client.put(key, data: Data("secret".utf8))

        // Another key under the same signature.
        let good = try client.presignedURL(key, expires: 600).absoluteString
        let otherKey = try #require(URL(string: good.replacingOccurrences(of: "guarded.txt", with: "other.txt")))
        let tampered = try await Self.fetch(otherKey)
        #expect(tampered.status == 403)
        #expect(String(decoding: tampered.body, as: UTF8.self).contains("SignatureDoesNotMatch"))

        // Signed by someone who does not know the secret.
        let forger = s3.client(secret: "wrong-" + s3.secretKey)
        let forged = try await Self.fetch(try forger.presignedURL(key, expires: 600))
        #expect(forged.status == 403)

        // Signed two hours ago, valid for one minute.
        let old = try client.presignedURL(key, expires: 60, date: Date().addingTimeInterval(-7200))
        let expired = try await Self.fetch(old)
        #expect(expired.status == 403)
        #expect(String(decoding: expired.body, as: UTF8.self).contains("AccessDenied"))
    }
}
