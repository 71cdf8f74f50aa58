import AsyncHTTPClient
import Foundation
import NIOCore

/// The HTTP clients S3 stores share unless given their own, one per pair of timeouts:
/// connection pooling, TLS verification on (the default), no redirects, no decompression.
/// They live for the whole process, so they are never shut down.
enum S3Transport {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [String: HTTPClient] = [:]

    /// The shared client for these timeouts (seconds).
    static func shared(connectTimeout: TimeInterval, readTimeout: TimeInterval) -> HTTPClient {
        let key = "\(connectTimeout)/\(readTimeout)"
        lock.lock()
        defer { lock.unlock() }
        if let client = clients[key] { return client }
        let client = make(connectTimeout: connectTimeout, readTimeout: readTimeout)
        clients[key] = client
        return client
    }

    static func make(connectTimeout: TimeInterval, readTimeout: TimeInterval) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(connectTimeout * 1000)),
                           read: .milliseconds(Int64(readTimeout * 1000))),
            decompression: .disabled)
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        // Our RetryPolicy decides about new tries, not the pool.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}

/// Counts retries across a client's requests (for logs, tests and benchmarks).
final class RetryCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func add(_ n: Int) { lock.lock(); value += n; lock.unlock() }
    var total: Int { lock.lock(); defer { lock.unlock() }; return value }
}
