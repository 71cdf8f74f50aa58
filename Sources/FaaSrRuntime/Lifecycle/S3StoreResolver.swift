import FaaSrCore
import FaaSrStorage
import Foundation

/// Opens each data store as an S3 bucket (FaaSrStorage's ``S3Client``): custom `Endpoint`
/// with path-style addressing, AWS otherwise; `Region` "" → us-east-1; `Anonymous` "true"
/// (any case) → unsigned requests.
public struct S3StoreResolver: StoreResolver {
    /// Overrides every store's endpoint (for tests against a local S3 server).
    public var endpointOverride: URL?
    /// Creates a resolver.
    public init(endpointOverride: URL? = nil) { self.endpointOverride = endpointOverride }

    public func store(named name: String, config: JSONObject) throws -> any ObjectStore {
        guard let bucket = config.string("Bucket"), !bucket.isEmpty else {
            throw RuntimeFailure("data store \(name) has no Bucket")
        }
        var endpoint: URL?
        if let e = config.string("Endpoint"), !e.isEmpty {
            guard e.hasPrefix("http"), let url = URL(string: e) else {
                throw RuntimeFailure("data store \(name): Endpoint '\(e)' must start with http:// or https://")
            }
            endpoint = url
        }
        if let endpointOverride { endpoint = endpointOverride }
        let anonymous = (config.string("Anonymous") ?? "").lowercased() == "true"
        var credentials: AWSCredentials?
        if !anonymous {
            guard let a = config.string("AccessKey"), !a.isEmpty, let s = config.string("SecretKey"), !s.isEmpty else {
                throw RuntimeFailure("data store \(name) has no credentials: set the secrets \(name)_AccessKey and \(name)_SecretKey (or Anonymous: \"true\")")
            }
            credentials = AWSCredentials(accessKeyID: a, secretAccessKey: s)
        }
        return S3Client(configuration: S3Configuration(endpoint: endpoint, bucket: bucket, region: config.string("Region") ?? "",
                                                       credentials: credentials))
    }
}
