import Foundation
import FaaSrStorage
import FaaSrTestSupport

/// S3 clients for the local test server.
extension TestS3Server {
    /// A client for the test bucket (optionally through another endpoint, e.g. a proxy).
    func client(endpoint: String? = nil, secret: String? = nil, accessKey: String? = nil, anonymous: Bool = false,
                bucket: String? = nil, multipartThreshold: Int64 = 64 * 1024 * 1024,
                retry: RetryPolicy = RetryPolicy(maxAttempts: 6, baseDelay: 0.05, maxDelay: 0.5, maxTotal: 60)) -> S3Client {
        let credentials = anonymous ? nil : AWSCredentials(accessKeyID: accessKey ?? self.accessKey,
                                                           secretAccessKey: secret ?? secretKey)
        return S3Client(configuration: S3Configuration(
            endpoint: URL(string: endpoint ?? self.endpoint)!, bucket: bucket ?? self.bucket, region: region,
            credentials: credentials, multipartThreshold: multipartThreshold, partSize: 8 * 1024 * 1024,
            retry: retry, readTimeout: 20))
    }

    /// The server's port.
    var port: UInt16 { UInt16(URL(string: endpoint)!.port!) }
}

/// A file of `size` pseudo-random bytes (fast xorshift, deterministic for a seed).
func makeTestFile(at url: URL, size: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) throws {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var state = seed
    let chunk = 1 << 20
    var remaining = size
    var words = [UInt64](repeating: 0, count: chunk / 8)
    while remaining > 0 {
        for i in words.indices {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            words[i] = state
        }
        let n = min(chunk, remaining)
        words.withUnsafeBytes { handle.write(Data($0.prefix(n))) }
        remaining -= n
    }
}

/// Hex SHA-256 of a file, read in chunks.
func sha256OfFile(_ url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = StreamingSHA256()
    while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
        hasher.update(data)
    }
    return hasher.finalizeHex()
}
