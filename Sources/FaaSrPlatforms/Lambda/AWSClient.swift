import FaaSrCore
import FaaSrPlatformAPI
import FaaSrStorage
import Foundation

/// Signed JSON requests to one AWS service: REST-JSON (Lambda) and JSON 1.1 (EventBridge,
/// Secrets Manager), signed with the project's SigV4 signer (FaaSrStorage) and sent through
/// ``PlatformHTTP`` (timeouts, bounded retries of safe requests).
struct AWSClient: Sendable {
    /// The service.
    var service: AWSService
    /// `scheme://host[:port][/base]`, no trailing slash.
    var endpoint: String
    /// The region of the credential scope.
    var region: String
    /// The credentials to sign with.
    var credentials: AWSCredentials
    /// The transport (names the compute server in its errors).
    var http: PlatformHTTP

    /// Sends a REST-JSON request: `path` relative to the endpoint, each segment already
    /// encoded once. Returns any answer; the caller decides what a status means.
    func rest(_ method: String, _ path: String, query: [(name: String, value: String)] = [],
              headers: [(String, String)] = [], body: JSONValue? = nil, rawBody: [UInt8]? = nil,
              idempotent: Bool? = nil) async throws -> PlatformResponse {
        var extra = headers
        var bytes = rawBody
        if let body {
            bytes = Array(JSONPrinter.compact(body).utf8)
            extra.append(("content-type", "application/json"))
        }
        return try await send(method, path, query: query, headers: extra, body: bytes, idempotent: idempotent)
    }

    /// Calls a JSON 1.1 operation (`POST /`, `X-Amz-Target: <prefix>.<operation>`).
    /// Every operation used here is safe to repeat (upserts, deletes, reads, or writes
    /// carrying an idempotency token), so they are retried.
    func call(_ operation: String, _ body: JSONValue) async throws -> PlatformResponse {
        let target = "\(service.targetPrefix ?? service.signingName).\(operation)"
        return try await send("POST", "/", headers: [
            ("content-type", "application/x-amz-json-1.1"), ("x-amz-target", target),
        ], body: Array(JSONPrinter.compact(body).utf8), idempotent: true)
    }

    /// Signs and sends one request.
    private func send(_ method: String, _ path: String, query: [(name: String, value: String)] = [],
                      headers: [(String, String)], body: [UInt8]?, idempotent: Bool?) async throws -> PlatformResponse {
        guard let url = URL(string: endpoint), let host = url.host else {
            throw PlatformError(serverName: http.serverName, request: "\(method) \(path)",
                                message: "the \(service.endpointID) endpoint '\(endpoint)' is not a URL; fix AWS_ENDPOINT_URL_\(service.endpointID) or AWS_ENDPOINT_URL")
        }
        let base = url.path.hasSuffix("/") ? String(url.path.dropLast()) : url.path
        let fullPath = base + path
        let hostHeader = host + (url.port.map { ":\($0)" } ?? "")
        let signer = SigV4Signer(credentials: credentials, region: region, service: service.signingName)
        let payloadHash = SigV4Signer.hexSHA256(Data(body ?? []))
        var toSign: [(name: String, value: String)] = [("host", hostHeader)]
        toSign += headers.map { (name: $0.0.lowercased(), value: $0.1) }
        // Services other than S3 sign each path segment encoded twice: the path as sent
        // (encoded once) is encoded again by normalizedPath.
        let signed = signer.signedHeaders(method: method, canonicalURI: SigV4Encoding.normalizedPath(fullPath),
                                          query: query, headers: toSign, payloadHash: payloadHash)
        let queryText = SigV4Encoding.canonicalQuery(query)
        let scheme = url.scheme ?? "https"
        let request = PlatformRequest(
            method: method, url: "\(scheme)://\(hostHeader)\(fullPath)\(queryText.isEmpty ? "" : "?" + queryText)",
            headers: signed.map { ($0.name, $0.value) }, body: body, idempotent: idempotent)
        return try await http.send(request)
    }
}

/// An AWS error answer: the exception name and message, from the `X-Amzn-ErrorType` header,
/// a JSON body (`__type`/`code`, `message`/`Message`) or an XML `<Error>` body.
struct AWSErrorAnswer: Sendable, Equatable {
    /// The exception name without namespace or URL (`ResourceNotFoundException`).
    var code: String
    /// The service's message (may be empty).
    var message: String

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// Reads the error of `response`.
    init(_ response: PlatformResponse) {
        var code = response.headers["x-amzn-errortype"] ?? ""
        var message = ""
        if let json = try? JSONParser.parse(response.body), let object = json.objectValue {
            if code.isEmpty { code = object["__type"]?.stringValue ?? object["code"]?.stringValue ?? object["Code"]?.stringValue ?? "" }
            message = object["message"]?.stringValue ?? object["Message"]?.stringValue ?? ""
        } else {
            let text = response.text
            if code.isEmpty { code = Self.element("Code", in: text) ?? "" }
            message = Self.element("Message", in: text) ?? ""
        }
        // `ResourceNotFoundException:http://internal.amazon.com/...` or `com.amazon...#Name`.
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        self.code = code
        self.message = message
    }

    private static func element(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"),
              let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}
