import Crypto
import FaaSrBase
import Foundation

/// A request to be signed, in the parts SigV4 needs.
public struct SigV4Request: Sendable {
    /// HTTP method, upper case.
    public var method: String
    /// The canonical URI, already encoded (see ``SigV4Encoding/s3Path(bucket:key:)``).
    public var canonicalURI: String
    /// Query parameters, not encoded, in any order.
    public var query: [(name: String, value: String)]
    /// Headers to sign, in order; a name may repeat (values are then joined with `,`).
    public var headers: [(name: String, value: String)]
    /// Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    public var payloadHash: String

    /// Creates a request description.
    public init(method: String, canonicalURI: String, query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)], payloadHash: String) {
        self.method = method
        self.canonicalURI = canonicalURI
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`): canonical request, string to sign,
/// signing key, `Authorization` header and presigned URLs.
public struct SigV4Signer: Sendable {
    /// The literal used instead of a body hash when the payload is not signed.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// Hex SHA-256 of the empty string.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The algorithm name.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The credentials to sign with.
    public var credentials: AWSCredentials
    /// The region of the credential scope (`us-east-1`).
    public var region: String
    /// The service of the credential scope (`s3`).
    public var service: String

    /// Creates a signer.
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    // MARK: Steps

    /// The canonical request (task 1).
    public func canonicalRequest(_ request: SigV4Request) -> String {
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        return [
            request.method,
            request.canonicalURI,
            SigV4Encoding.canonicalQuery(request.query),
            canonicalHeaders,
            signedHeaders,
            request.payloadHash,
        ].joined(separator: "\n")
    }

    /// Canonical header block (each line ending in `\n`) and the signed-headers list.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (String, String) {
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            merged[name.lowercased(), default: []].append(trimAndFold(value))
        }
        let names = merged.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var block = ""
        for name in names {
            block += name + ":" + merged[name]!.joined(separator: ",") + "\n"
        }
        return (block, names.joined(separator: ";"))
    }

    /// Trims a header value and folds inner runs of whitespace to one space.
    static func trimAndFold(_ value: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in value {
            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(ch)
            }
        }
        return out
    }

    /// The credential scope `DATE/REGION/SERVICE/aws4_request`.
    public func scope(date: Date) -> String {
        "\(AmzDate.day(date))/\(region)/\(service)/aws4_request"
    }

    /// The string to sign (task 2).
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        [Self.algorithm, AmzDate.timestamp(date), scope(date: date), Self.hexSHA256(Data(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    /// The signing key: HMAC chain `"AWS4"+secret` → day → region → service → `aws4_request`.
    public func signingKey(date: Date) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [AmzDate.day(date), region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// The hex signature of a string to sign (task 3).
    public func signature(stringToSign: String, date: Date) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(date: date)))
    }

    /// The `Authorization` header value for `request` at `date`.
    public func authorization(for request: SigV4Request, date: Date) -> String {
        let canonical = canonicalRequest(request)
        let signed = Self.canonicalHeaders(request.headers).1
        let sig = signature(stringToSign: stringToSign(canonicalRequest: canonical, date: date), date: date)
        return "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(date: date)), SignedHeaders=\(signed), Signature=\(sig)"
    }

    /// Adds `x-amz-date`, `x-amz-content-sha256` (service `s3`), the session token (if any)
    /// and `Authorization` to `headers`, and returns them. `headers` must hold `host`.
    public func signedHeaders(method: String, canonicalURI: String, query: [(name: String, value: String)],
                              headers: [(name: String, value: String)], payloadHash: String,
                              date: Date = Date()) -> [(name: String, value: String)] {
        var all = headers
        all.append(("x-amz-date", AmzDate.timestamp(date)))
        if service == "s3" { all.append(("x-amz-content-sha256", payloadHash)) }
        if let token = credentials.sessionToken { all.append(("x-amz-security-token", token)) }
        let request = SigV4Request(method: method, canonicalURI: canonicalURI, query: query,
                                   headers: all, payloadHash: payloadHash)
        all.append(("Authorization", authorization(for: request, date: date)))
        return all
    }

    /// The query string of a presigned URL (query-string authentication), payload unsigned,
    /// only `host` signed: everything after `?`, ending in `X-Amz-Signature=...`.
    public func presignedQuery(method: String, canonicalURI: String, host: String,
                               query: [(name: String, value: String)] = [],
                               expires: Int, date: Date = Date()) -> String {
        var items = query
        items.append(("X-Amz-Algorithm", Self.algorithm))
        items.append(("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(date: date))"))
        items.append(("X-Amz-Date", AmzDate.timestamp(date)))
        items.append(("X-Amz-Expires", String(expires)))
        if let token = credentials.sessionToken { items.append(("X-Amz-Security-Token", token)) }
        items.append(("X-Amz-SignedHeaders", "host"))
        let request = SigV4Request(method: method, canonicalURI: canonicalURI, query: items,
                                   headers: [("host", host)], payloadHash: Self.unsignedPayload)
        let canonical = canonicalRequest(request)
        let sig = signature(stringToSign: stringToSign(canonicalRequest: canonical, date: date), date: date)
        return SigV4Encoding.canonicalQuery(items) + "&X-Amz-Signature=" + sig
    }

    // MARK: Hashing

    /// Hex SHA-256 of `data`.
    public static func hexSHA256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    /// Lower-case hex of a byte sequence.
    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ code: HashedAuthenticationCode<SHA256>) -> String { hex(Array(code)) }
    static func hex(_ digest: SHA256.Digest) -> String { hex(Array(digest)) }
}

/// The two date formats of SigV4, in UTC.
public enum AmzDate {
    /// `yyyyMMdd'T'HHmmss'Z'`.
    public static func timestamp(_ date: Date) -> String {
        let c = components(date)
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + "Z"
    }

    /// `yyyyMMdd`.
    public static func day(_ date: Date) -> String {
        let c = components(date)
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2)
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'`.
    public static func parse(_ text: String) -> Date? {
        let digits = Array(text.utf8)
        guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
        func num(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let y = num(0..<4), let mo = num(4..<6), let d = num(6..<8),
              let h = num(9..<11), let mi = num(11..<13), let s = num(13..<15) else { return nil }
        let t = UTCDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
        return t.isValid ? Date(timeIntervalSince1970: t.secondsSince1970) : nil
    }

    private static func pad(_ value: Int, _ width: Int) -> String { UTCDateTime.padded(value, width) }

    /// UTC fields by calendar arithmetic (``UTCDateTime``), avoiding Calendar for speed and thread safety.
    private static func components(_ date: Date) -> UTCDateTime {
        UTCDateTime(secondsSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
