import Foundation
import Testing
@testable import FaaSrStorage
import FaaSrTestSupport

/// Virtual-hosted-style addressing (`BUCKET.HOST/KEY`) against moto. moto reads the bucket
/// from the `Host` header when the host is a name with a dot that is neither an IP address
/// nor `localhost` itself, so `faasr-test.localhost:PORT` works; since `*.localhost` does
/// not resolve everywhere, the client connects to 127.0.0.1 (``S3Configuration/connectHost``)
/// while the `Host` header and the signature carry the virtual host name.
@Suite struct S3VirtualHostedTests {
    func virtualClient(_ s3: TestS3Server) -> S3Client {
        S3Client(configuration: S3Configuration(
            endpoint: URL(string: "http://localhost:\(s3.port)")!, bucket: s3.bucket, region: s3.region,
            credentials: AWSCredentials(accessKeyID: s3.accessKey, secretAccessKey: s3.secretKey),
            addressing: .virtualHosted, multipartThreshold: 5 * 1024 * 1024, partSize: 5 * 1024 * 1024,
            retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.05, maxDelay: 0.5, maxTotal: 600),
            connectHost: "127.0.0.1"))
    }

    @Test func requestShapeNamesTheBucketInTheHost() {
        let config = S3Configuration(
            endpoint: URL(string: "http://localhost:9000")!, bucket: "faasr-test",
            credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "s"),
            addressing: .virtualHosted, connectHost: "127.0.0.1")
        #expect(config.origin.hostHeader == "faasr-test.localhost:9000")
        #expect(config.connectAuthority == "127.0.0.1:9000")
        #expect(config.canonicalPath(key: "dir/a b.txt") == "/dir/a%20b.txt")
        #expect(config.canonicalPath(key: nil) == "/")
        let aws = S3Configuration(bucket: "faasr-data", region: "eu-west-1")
        #expect(aws.connectAuthority == "faasr-data.s3.eu-west-1.amazonaws.com")
        let path = S3Configuration(endpoint: URL(string: "http://127.0.0.1:9000")!, bucket: "b")
        #expect(path.connectAuthority == "127.0.0.1:9000")
    }

    @Test func operationsWorkAgainstTheServer() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let client = virtualClient(s3)
        let pathClient = s3.client()
        let base = TestS3Server.uniquePrefix("vhost")
        try await client.checkAccess()
        try await client.put(base + "a b+c.txt", data: Data("virtual".utf8))
        // The same object through path-style addressing: both styles name the same bucket.
        #expect(try await pathClient.getData(base + "a b+c.txt") == Data("virtual".utf8))
        try await pathClient.put(base + "dir/from-path.txt", data: Data("path".utf8))
        #expect(try await client.getData(base + "dir/from-path.txt") == Data("path".utf8))
        let listing = try await client.list(prefix: base, delimiter: "/")
        #expect(listing.keys == [base + "a b+c.txt"])
        #expect(listing.commonPrefixes == [base + "dir/"])
        #expect(try await client.head(base + "missing") == nil)

        // Streamed and multipart transfers.
        let scratch = try makeScratchFolder("vhost")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("big.bin")
        try makeTestFile(at: source, size: 11 * 1024 * 1024 + 3, seed: 99)
        try await client.put(base + "big.bin", from: source)
        #expect(try await pathClient.head(base + "big.bin")?.etag?.hasSuffix("-3") == true)
        let target = scratch.appendingPathComponent("back.bin")
        try await client.get(base + "big.bin", to: target)
        #expect(try sha256OfFile(target) == (try sha256OfFile(source)))

        try await client.delete(base + "a b+c.txt")
        #expect(try await pathClient.head(base + "a b+c.txt") == nil)
    }

    @Test func aWrongSecretIsStillRejected() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        var configuration = virtualClient(s3).configuration
        configuration.credentials = AWSCredentials(accessKeyID: s3.accessKey, secretAccessKey: "wrong-" + s3.secretKey)
        configuration.retry = .none
        await #expect {
            try await S3Client(configuration: configuration).put("x", data: Data("x".utf8))
        } throws: { error in
            guard case StorageError.service(let e) = error else { return false }
            return e.status == 403 && e.code == "SignatureDoesNotMatch"
        }
    }
}
