import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of one transfer: bytes done so far and the total, when known.
public typealias TransferProgress = @Sendable (_ done: Int64, _ total: Int64?) -> Void

/// An S3 client for one bucket, on async-http-client, implementing ``ObjectStore``.
///
/// Requests are signed with SigV4 (or sent unsigned for anonymous access). Bodies are
/// streamed: downloads go chunk by chunk to a temporary file that is renamed into place
/// when complete; uploads read the file in 512 KiB chunks, and files above
/// ``S3Configuration/multipartThreshold`` are sent as a multipart upload. Idempotent
/// requests are retried on connection errors, timeouts, HTTP 500/502/503/504 and
/// 429/`SlowDown` (see ``RetryPolicy``); an interrupted download resumes where it stopped.
public struct S3Client: ObjectStore {
    /// The bucket and server.
    public let configuration: S3Configuration
    let http: HTTPClient
    let logger: Logger
    let retries = RetryCounter()

    /// Creates a client. Without `httpClient` a process-wide shared one is used.
    public init(configuration: S3Configuration, httpClient: HTTPClient? = nil,
                logger: Logger = Logger(label: "faasr.s3")) {
        self.configuration = configuration
        self.http = httpClient ?? S3Transport.shared(connectTimeout: configuration.connectTimeout,
                                                     readTimeout: configuration.readTimeout)
        self.logger = logger
    }

    /// Retries made so far by this client (all requests together).
    public var retryCount: Int { retries.total }

    // MARK: - ObjectStore

    /// `HeadBucket`.
    public func checkAccess() async throws {
        _ = try await simple("HeadBucket", method: .HEAD, key: nil, resource: configuration.bucket)
    }

    /// `HeadObject`; nil on 404.
    public func head(_ key: String) async throws -> ObjectInfo? {
        try ObjectKeyRule.check(key)
        do {
            let response = try await simple("HeadObject", method: .HEAD, key: key, resource: key)
            return Self.info(key: key, headers: response.headers, size: nil)
        } catch StorageError.service(let error) where error.status == 404 {
            return nil
        }
    }

    /// `GetObject` streamed to `file`.
    @discardableResult
    public func get(_ key: String, to file: URL) async throws -> ObjectInfo {
        try await get(key, to: file, progress: nil)
    }

    /// `GetObject` into memory.
    public func getData(_ key: String) async throws -> Data {
        try ObjectKeyRule.check(key)
        do {
            let response = try await simple("GetObject", method: .GET, key: key, resource: key)
            return response.body
        } catch StorageError.service(let error) where error.status == 404 && error.code != "NoSuchBucket" {
            throw StorageError.notFound(key: key)
        }
    }

    /// `PutObject` (or a multipart upload for large files) streamed from `file`.
    public func put(_ key: String, from file: URL) async throws {
        try await put(key, from: file, progress: nil)
    }

    /// `PutObject` of `data`.
    public func put(_ key: String, data: Data) async throws {
        try ObjectKeyRule.check(key)
        _ = try await simple("PutObject", method: .PUT, key: key, resource: key, body: .data(data))
    }

    /// `PutObject` with `If-None-Match: *`: 412 means the object exists.
    ///
    /// If a try may have reached the server before its connection failed, a later 412 can be
    /// our own write; the object is then read back and compared with `data` (so callers
    /// should write content unique to themselves, as the fan-in election does).
    public func putIfAbsent(_ key: String, data: Data) async throws -> PutIfAbsentResult {
        try ObjectKeyRule.check(key)
        let ambiguous = AmbiguityFlag()
        do {
            _ = try await simple("PutObject", method: .PUT, key: key, resource: key,
                                 headers: [("If-None-Match", "*")], body: .data(data), ambiguity: ambiguous)
            return .created
        } catch StorageError.service(let error) where error.status == 412 {
            if ambiguous.isSet, let stored = try? await getData(key), stored == data {
                logger.notice("conditional put of '\(key)': an earlier try had succeeded")
                return .created
            }
            return .alreadyExists
        }
    }

    /// `DeleteObject`.
    public func delete(_ key: String) async throws {
        try ObjectKeyRule.check(key)
        _ = try await simple("DeleteObject", method: .DELETE, key: key, resource: key)
    }

    /// `ListObjectsV2`, following continuation tokens until the listing is complete.
    public func list(prefix: String, delimiter: String?) async throws -> ObjectListing {
        var listing = ObjectListing()
        var token: String?
        repeat {
            var query: [(name: String, value: String)] = [("list-type", "2"), ("prefix", prefix)]
            if let delimiter, !delimiter.isEmpty { query.append(("delimiter", delimiter)) }
            if let token { query.append(("continuation-token", token)) }
            let response = try await simple("ListObjectsV2", method: .GET, key: nil, query: query,
                                            resource: configuration.bucket + "/" + prefix)
            guard let page = S3XML.listPage(response.body) else {
                throw StorageError.service(S3ServiceError(
                    operation: "ListObjectsV2", status: Int(response.status.code), code: "MalformedResponse",
                    message: "the listing is not a ListBucketResult document", resource: prefix))
            }
            listing.objects += page.objects
            listing.commonPrefixes += page.commonPrefixes
            token = page.isTruncated ? page.nextContinuationToken : nil
            if page.isTruncated && token == nil {
                throw StorageError.service(S3ServiceError(
                    operation: "ListObjectsV2", status: Int(response.status.code), code: "MalformedResponse",
                    message: "truncated listing without a continuation token", resource: prefix))
            }
        } while token != nil
        return listing
    }

    // MARK: - Presigning

    /// A presigned URL for `method` on `key`, valid for `expires` seconds (query-string
    /// authentication; anyone holding the URL can use it until then).
    public func presignedURL(_ key: String, method: String = "GET", expires: Int = 3600, date: Date = Date()) throws -> URL {
        let origin = configuration.origin
        let path = configuration.canonicalPath(key: key)
        guard let credentials = configuration.credentials else {
            guard let url = URL(string: origin.base + String(path.dropFirst(configuration.basePath.count))) else {
                throw StorageError.configuration("cannot build a URL for key '\(key)'")
            }
            return url
        }
        let signer = SigV4Signer(credentials: credentials, region: configuration.region, service: "s3")
        let query = signer.presignedQuery(method: method, canonicalURI: path, host: origin.hostHeader,
                                          expires: expires, date: date)
        guard let url = URL(string: "\(origin.scheme)://\(origin.hostHeader)\(path)?\(query)") else {
            throw StorageError.configuration("cannot build a URL for key '\(key)'")
        }
        return url
    }
}

// MARK: - Requests

extension S3Client {
    /// A request body that can be produced again for a retry.
    enum Body: Sendable {
        case none
        case data(Data)
        case file(FileRegion, sha256: String?)

        var length: Int64 {
            switch self {
            case .none: return 0
            case .data(let data): return Int64(data.count)
            case .file(let region, _): return region.length
            }
        }
    }

    /// A fully received answer.
    struct Answer: Sendable {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: Data
    }

    /// Set when a try failed in a way that may have left the request applied on the server.
    final class AmbiguityFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    /// Sends a request with retries and collects the whole answer; non-2xx → error.
    func simple(_ operation: String, method: HTTPMethod, key: String?, query: [(name: String, value: String)] = [],
                resource: String, headers: [(String, String)] = [], body: Body = .none,
                ambiguity: AmbiguityFlag? = nil) async throws -> Answer {
        try await withRetries(operation, resource: resource) { _ in
            let response: HTTPClientResponse
            do {
                response = try await execute(method: method, key: key, query: query, headers: headers, body: body)
            } catch {
                ambiguity?.set()
                throw error
            }
            let data: Data
            do {
                let buffer = try await response.body.collect(upTo: 256 * 1024 * 1024)
                data = Data(buffer.readableBytesView)
            } catch {
                ambiguity?.set()
                throw error
            }
            try Self.check(response.status, response.headers, data, operation: operation, resource: resource)
            // CompleteMultipartUpload can fail with 200 and an <Error> body.
            if operation == "CompleteMultipartUpload", let error = S3XML.error(data) {
                throw StorageError.service(S3ServiceError(
                    operation: operation, status: 200, code: error.code, message: error.message,
                    resource: resource, requestID: error.requestID))
            }
            return Answer(status: response.status, headers: response.headers, body: data)
        }
    }

    /// Builds, signs and sends one request; returns as soon as the head arrives.
    func execute(method: HTTPMethod, key: String?, query: [(name: String, value: String)],
                 headers extra: [(String, String)], body: Body) async throws -> HTTPClientResponse {
        let origin = configuration.origin
        let path = configuration.canonicalPath(key: key)
        let queryString = SigV4Encoding.canonicalQuery(query)
        var request = HTTPClientRequest(url: "\(origin.scheme)://\(configuration.connectAuthority)\(path)\(queryString.isEmpty ? "" : "?" + queryString)")
        request.method = method

        var headers: [(name: String, value: String)] = [("host", origin.hostHeader)]
        headers += extra.map { (name: $0.0, value: $0.1) }
        let payloadHash: String
        switch body {
        case .none: payloadHash = SigV4Signer.emptyPayloadHash
        case .data(let data): payloadHash = SigV4Signer.hexSHA256(data)
        case .file(_, let sha256): payloadHash = sha256 ?? SigV4Signer.unsignedPayload
        }
        if let credentials = configuration.credentials {
            let signer = SigV4Signer(credentials: credentials, region: configuration.region, service: "s3")
            headers = signer.signedHeaders(method: method.rawValue, canonicalURI: path, query: query,
                                           headers: headers, payloadHash: payloadHash)
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }

        switch body {
        case .none:
            if method == .PUT || method == .POST { request.body = .bytes(ByteBuffer()) }
        case .data(let data):
            request.body = .bytes(ByteBuffer(bytes: data))
        case .file(let region, _):
            request.body = .stream(region.chunks, length: .known(region.length))
        }
        return try await http.execute(request, timeout: .hours(24), logger: nil)
    }

    /// Throws the S3 error an answer carries, if it is not a success.
    static func check(_ status: HTTPResponseStatus, _ headers: HTTPHeaders, _ body: Data,
                      operation: String, resource: String) throws {
        guard !(200..<300).contains(Int(status.code)) else { return }
        let parsed = S3XML.error(body)
        throw StorageError.service(S3ServiceError(
            operation: operation, status: Int(status.code),
            code: parsed?.code.isEmpty == false ? parsed!.code : Self.codeForStatus(status),
            message: parsed?.message ?? "",
            resource: resource,
            requestID: parsed?.requestID ?? headers.first(name: "x-amz-request-id")))
    }

    /// The usual S3 code for a bodiless error answer (HEAD requests).
    static func codeForStatus(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 301: return "PermanentRedirect"
        case 400: return "BadRequest"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 412: return "PreconditionFailed"
        case 429: return "SlowDown"
        case 503: return "ServiceUnavailable"
        default: return status.reasonPhrase.replacingOccurrences(of: " ", with: "")
        }
    }

    /// An ``ObjectInfo`` from response headers.
    static func info(key: String, headers: HTTPHeaders, size: Int64?) -> ObjectInfo {
        ObjectInfo(key: key,
                   size: size ?? headers.first(name: "content-length").flatMap { Int64($0) } ?? 0,
                   etag: headers.first(name: "etag").map(S3XML.unquote),
                   lastModified: headers.first(name: "last-modified").flatMap(S3XML.parseHTTPDate))
    }
}
