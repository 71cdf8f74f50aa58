import Foundation

/// Where and how to reach one S3 bucket.
public struct S3Configuration: Sendable {
    /// How the bucket appears in request URLs.
    public enum Addressing: Sendable, Hashable {
        /// `http://HOST/BUCKET/KEY` (MinIO, OSN, Ceph, moto: any custom endpoint).
        case path
        /// `https://BUCKET.s3.REGION.amazonaws.com/KEY` (AWS).
        case virtualHosted
    }

    /// Whether request bodies are hashed into the signature.
    public enum PayloadSigning: Sendable, Hashable {
        /// Hash the body (`x-amz-content-sha256` = its SHA-256).
        case signed
        /// Send `UNSIGNED-PAYLOAD` (TLS protects the body; one pass over a file less).
        case unsigned
        /// Signed over plain HTTP, unsigned over HTTPS (what botocore does).
        case auto
    }

    /// A custom endpoint (`http://127.0.0.1:9000`, `https://play.min.io`), or nil for AWS.
    public var endpoint: URL?
    /// The bucket.
    public var bucket: String
    /// The region (empty means `us-east-1`).
    public var region: String
    /// Credentials, or nil for anonymous (unsigned) access.
    public var credentials: AWSCredentials?
    /// Addressing style; by default path-style for a custom endpoint and virtual-hosted for
    /// AWS (path-style there too when the bucket name holds a dot, which TLS would refuse).
    public var addressing: Addressing
    /// Payload signing.
    public var payloadSigning: PayloadSigning
    /// Files at least this large are uploaded in parts.
    public var multipartThreshold: Int64
    /// Size of each part of a multipart upload (at least 5 MiB; grown so that no upload
    /// needs more than 10,000 parts).
    public var partSize: Int64
    /// Parts uploaded at the same time.
    public var partConcurrency: Int
    /// Whether multipart uploads carry a CRC-32 checksum per part, as current AWS SDKs
    /// send by default: declared at `CreateMultipartUpload`, sent with every `UploadPart`
    /// (`x-amz-checksum-crc32`, which the server checks) and listed in
    /// `CompleteMultipartUpload`. The object then gets a composite checksum, which servers
    /// compute from the parts' checksums; without it they compute a whole-object checksum
    /// over all the data when completing. Turn off for a server that rejects these headers.
    public var partChecksums: Bool
    /// Retry policy for idempotent requests.
    public var retry: RetryPolicy
    /// Seconds to wait for a connection.
    public var connectTimeout: TimeInterval
    /// Seconds without any byte received before a request is abandoned (and retried).
    public var readTimeout: TimeInterval
    /// Connect to this host (a name or an address) instead of the one the URL names, like
    /// `curl --resolve`; the `Host` header and the signature keep the URL's host. For
    /// virtual-hosted names that DNS does not know (`BUCKET.localhost` of a local server).
    /// Over HTTPS the certificate is checked against this host, so leave it nil there.
    public var connectHost: String?

    /// Creates a configuration; see the properties for the defaults.
    public init(endpoint: URL? = nil, bucket: String, region: String = "us-east-1",
                credentials: AWSCredentials? = nil, addressing: Addressing? = nil,
                payloadSigning: PayloadSigning = .auto,
                multipartThreshold: Int64 = 64 * 1024 * 1024, partSize: Int64 = 16 * 1024 * 1024,
                partConcurrency: Int = 4, partChecksums: Bool = true, retry: RetryPolicy = RetryPolicy(),
                connectTimeout: TimeInterval = 10, readTimeout: TimeInterval = 60, connectHost: String? = nil) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region.isEmpty ? "us-east-1" : region
        self.credentials = credentials
        self.addressing = addressing ?? ((endpoint == nil && !bucket.contains(".")) ? .virtualHosted : .path)
        self.payloadSigning = payloadSigning
        self.multipartThreshold = multipartThreshold
        self.partSize = max(partSize, 5 * 1024 * 1024)
        self.partConcurrency = max(1, partConcurrency)
        self.partChecksums = partChecksums
        self.retry = retry
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.connectHost = connectHost
    }

    /// Scheme, host and port of the server, e.g. `https://faasr.s3.us-east-1.amazonaws.com`.
    var origin: (scheme: String, hostHeader: String, base: String) {
        if let endpoint {
            let scheme = endpoint.scheme?.lowercased() ?? "https"
            let host = endpoint.host ?? "localhost"
            let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            var hostHeader = bracketed
            if let port = endpoint.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
                hostHeader += ":\(port)"
            }
            if addressing == .virtualHosted { hostHeader = bucket + "." + hostHeader }
            var base = endpoint.path
            while base.hasSuffix("/") { base.removeLast() }
            return (scheme, hostHeader, "\(scheme)://\(hostHeader)\(base)")
        }
        let host = addressing == .virtualHosted
            ? "\(bucket).s3.\(region).amazonaws.com"
            : "s3.\(region).amazonaws.com"
        return ("https", host, "https://\(host)")
    }

    /// The host and port requests are sent to: ``connectHost`` (with the endpoint's port)
    /// when set, otherwise the `Host` header's value.
    var connectAuthority: String {
        let hostHeader = origin.hostHeader
        guard let connectHost, !connectHost.isEmpty else { return hostHeader }
        let host = connectHost.contains(":") && !connectHost.hasPrefix("[") ? "[\(connectHost)]" : connectHost
        guard let port = endpoint?.port else { return host }
        return "\(host):\(port)"
    }

    /// The path prefix in front of canonical URIs (a custom endpoint may carry a path).
    var basePath: String {
        guard let endpoint else { return "" }
        var base = endpoint.path
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Whether bodies are hashed into signatures.
    var signsPayload: Bool {
        switch payloadSigning {
        case .signed: return true
        case .unsigned: return false
        case .auto: return origin.scheme != "https"
        }
    }

    /// The canonical (and wire) path of `key` in the bucket; the bucket-level path for nil.
    func canonicalPath(key: String?) -> String {
        let bucketPart: String? = addressing == .path ? bucket : nil
        return basePath + SigV4Encoding.s3Path(bucket: bucketPart, key: key ?? "")
    }
}
