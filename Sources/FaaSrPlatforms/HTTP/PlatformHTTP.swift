import AsyncHTTPClient
import FaaSrPlatformAPI
import FaaSrStorage
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP request to a platform's API.
public struct PlatformRequest: Sendable {
    /// `GET`, `PUT`, ...
    public var method: String
    /// The full URL.
    public var url: String
    /// Request headers (credentials included; never logged).
    public var headers: [(String, String)]
    /// The body, if any.
    public var body: [UInt8]?
    /// Whether repeating it is harmless (GET, PUT, DELETE, or a POST the platform dedupes).
    public var idempotent: Bool

    /// Creates a request; `idempotent` defaults to true for every method but POST and PATCH.
    public init(method: String, url: String, headers: [(String, String)] = [], body: [UInt8]? = nil, idempotent: Bool? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.idempotent = idempotent ?? !["POST", "PATCH"].contains(method)
    }

    /// `METHOD path` for messages: no host, no query (queries may carry tokens).
    public var label: String {
        let noQuery = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let path = URL(string: noQuery)?.path ?? noQuery
        return "\(method) \(path.isEmpty ? "/" : path)"
    }
}

/// A platform API's answer.
public struct PlatformResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Response headers, names lower-cased.
    public var headers: [String: String]
    /// The body.
    public var body: [UInt8]
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// HTTP for the platform layer: async-http-client with connect and read timeouts, bounded
/// retries (the storage layer's ``RetryPolicy``) on connection failures, 429 and 5xx for
/// idempotent requests, and errors that name the server, the request and the status.
public struct PlatformHTTP: Sendable {
    /// The compute server the requests go to (for messages).
    public var serverName: String
    /// Retries for idempotent requests.
    public var retry: RetryPolicy
    /// Time to connect and for each read (seconds).
    public var connectTimeout: TimeInterval
    /// Time for each read (seconds).
    public var readTimeout: TimeInterval
    /// Whether TLS certificates are verified (off only where the server's entry asks).
    public var verifyTLS: Bool

    /// Creates a client for `serverName`.
    public init(serverName: String, retry: RetryPolicy = RetryPolicy(maxAttempts: 4, maxTotal: 60),
                connectTimeout: TimeInterval = 10, readTimeout: TimeInterval = 60, verifyTLS: Bool = true) {
        self.serverName = serverName
        self.retry = retry
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.verifyTLS = verifyTLS
    }

    /// Sends `request`, retrying where safe; returns any answer that is not retried (the
    /// caller decides what a 4xx means). Throws ``PlatformError`` when no answer came.
    public func send(_ request: PlatformRequest) async throws -> PlatformResponse {
        let client = PlatformTransport.shared(connect: connectTimeout, read: readTimeout, verifyTLS: verifyTLS)
        let started = Date()
        var attempt = 1
        while true {
            do {
                let response = try await once(request, client: client)
                let retryable = response.status == 429 || (500...599).contains(response.status)
                if retryable, request.idempotent || response.status == 429, canRetry(attempt, started) {
                    try await pause(attempt, retryAfter: response.headers["retry-after"])
                    attempt += 1
                    continue
                }
                return response
            } catch let error as PlatformError {
                throw error
            } catch {
                if request.idempotent, canRetry(attempt, started) {
                    try await pause(attempt, retryAfter: nil)
                    attempt += 1
                    continue
                }
                throw PlatformError(serverName: serverName, request: request.label,
                                    message: "no answer after \(attempt) tr\(attempt == 1 ? "y" : "ies") (\(error)); check that the endpoint \(Self.origin(request.url)) is right and reachable")
            }
        }
    }

    /// Sends `request` and throws unless the status is in `expected`, with `hint` saying
    /// what to do for a given status.
    public func expect(_ request: PlatformRequest, _ expected: Set<Int>,
                       hint: (Int, String) -> String = PlatformHTTP.genericHint) async throws -> PlatformResponse {
        let response = try await send(request)
        guard expected.contains(response.status) else {
            throw PlatformError(serverName: serverName, request: request.label, status: response.status,
                                message: hint(response.status, Self.excerpt(response.text)))
        }
        return response
    }

    /// What to do about a status, when the platform has nothing more specific to say.
    public static func genericHint(_ status: Int, _ body: String) -> String {
        let said = body.isEmpty ? "" : " The server said: \(body)."
        switch status {
        case 401: return "the credentials were refused; check the token or key.\(said)"
        case 403: return "the credentials lack a permission this needs.\(said)"
        case 404: return "not found; check the server's endpoint, names and namespace.\(said)"
        case 409: return "conflicts with the platform's current state; run the command again.\(said)"
        case 422: return "the platform refused the request's content.\(said)"
        case 429: return "rate-limited; wait and run the command again.\(said)"
        case 500...599: return "the platform failed; try again later.\(said)"
        default: return "unexpected answer.\(said)"
        }
    }

    /// The first 300 characters of a body, on one line.
    public static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }

    static func origin(_ url: String) -> String {
        guard let u = URL(string: url), let scheme = u.scheme, let host = u.host else { return url }
        return "\(scheme)://\(host)\(u.port.map { ":\($0)" } ?? "")"
    }

    private func canRetry(_ attempt: Int, _ started: Date) -> Bool {
        attempt < retry.maxAttempts && Date().timeIntervalSince(started) < retry.maxTotal
    }

    private func pause(_ attempt: Int, retryAfter: String?) async throws {
        var delay = retry.delay(beforeRetry: attempt)
        if let retryAfter, let seconds = Double(retryAfter) { delay = min(max(delay, seconds), retry.maxDelay) }
        try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
    }

    private func once(_ request: PlatformRequest, client: HTTPClient) async throws -> PlatformResponse {
        var http = HTTPClientRequest(url: request.url)
        http.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        if let body = request.body {
            http.body = .bytes(ByteBuffer(bytes: body))
            if !http.headers.contains(name: "content-length") { http.headers.add(name: "content-length", value: String(body.count)) }
        }
        let response = try await client.execute(http, timeout: .seconds(Int64(readTimeout + connectTimeout)))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return PlatformResponse(status: Int(response.status.code), headers: headers, body: Array(buffer.readableBytesView))
    }
}

/// The process-wide HTTP clients of the platform layer, one per configuration.
enum PlatformTransport {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [String: HTTPClient] = [:]

    static func shared(connect: TimeInterval, read: TimeInterval, verifyTLS: Bool) -> HTTPClient {
        let key = "\(connect)/\(read)/\(verifyTLS)"
        lock.lock()
        defer { lock.unlock() }
        if let client = clients[key] { return client }
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .milliseconds(Int64(connect * 1000)), read: .milliseconds(Int64(read * 1000))))
        if !verifyTLS { configuration.tlsConfiguration = .makeClientConfiguration(); configuration.tlsConfiguration?.certificateVerification = .none }
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        clients[key] = client
        return client
    }
}
