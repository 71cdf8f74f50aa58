import FaaSrBase
import Foundation

/// One entry of a workflow's `DataStores`, with its credentials resolved.
public struct DataStoreConfig: Sendable, Hashable, CustomStringConvertible {
    /// The store's name (its key in `DataStores`).
    public var name: String
    /// `Endpoint`: nil or empty for AWS; `http(s)://...` for a custom server; `file:///dir`
    /// for a local-folder store (an extension of this port, for local runs).
    public var endpoint: String?
    /// `Bucket`.
    public var bucket: String
    /// `Region` (`us-east-1` when empty or absent).
    public var region: String
    /// `AccessKey`, from the workflow or the secret `{name}_AccessKey`.
    public var accessKey: String?
    /// `SecretKey`, from the workflow or the secret `{name}_SecretKey`.
    public var secretKey: String?
    /// `Anonymous`: unsigned access (the string `"true"`, any case).
    public var anonymous: Bool

    /// Creates a configuration.
    public init(name: String, endpoint: String? = nil, bucket: String, region: String = "us-east-1",
                accessKey: String? = nil, secretKey: String? = nil, anonymous: Bool = false) {
        self.name = name
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region.isEmpty ? "us-east-1" : region
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.anonymous = anonymous
    }

    /// The secret names FaaSr derives for a data store: `{name}_AccessKey`, `{name}_SecretKey`.
    public static func secretNames(for name: String) -> (accessKey: String, secretKey: String) {
        ("\(name)_AccessKey", "\(name)_SecretKey")
    }

    /// Reads one `DataStores` entry. Keys missing from the JSON are looked up with `secret`
    /// under the derived names.
    public init(name: String, json: JSONValue, secret: (String) -> String? = { _ in nil }) throws {
        guard let object = json.objectValue else {
            throw StorageError.configuration("DataStores.\(name) must be an object")
        }
        func string(_ field: String) throws -> String? {
            guard let value = object[field], !value.isNull else { return nil }
            guard let text = value.stringValue else {
                throw StorageError.configuration("DataStores.\(name).\(field) must be a string")
            }
            return text
        }
        guard let bucket = try string("Bucket"), !bucket.isEmpty else {
            throw StorageError.configuration("DataStores.\(name) has no Bucket")
        }
        let names = Self.secretNames(for: name)
        let access = try string("AccessKey").flatMap { $0.isEmpty ? nil : $0 } ?? secret(names.accessKey)
        let secretKey = try string("SecretKey").flatMap { $0.isEmpty ? nil : $0 } ?? secret(names.secretKey)
        self.init(name: name, endpoint: try string("Endpoint"), bucket: bucket, region: try string("Region") ?? "",
                  accessKey: access, secretKey: secretKey,
                  anonymous: (try string("Anonymous"))?.lowercased() == "true")
    }

    /// Name, endpoint and bucket; keys masked.
    public var description: String {
        "DataStore \(name) (\(endpoint?.isEmpty == false ? endpoint! : "AWS \(region)"), bucket \(bucket)\(anonymous ? ", anonymous" : accessKey == nil ? ", no credentials" : ", key ****"))"
    }

    /// The endpoint as FaaSr reports it to user code (`faasr_get_s3_creds`).
    public var effectiveEndpoint: String {
        if let endpoint, !endpoint.isEmpty { return endpoint }
        return "https://s3.\(region).amazonaws.com"
    }

    /// The S3 configuration for this store.
    public func s3Configuration() throws -> S3Configuration {
        var url: URL?
        if let endpoint, !endpoint.isEmpty {
            guard endpoint.lowercased().hasPrefix("http"), let parsed = URL(string: endpoint), parsed.host != nil else {
                throw StorageError.configuration(
                    "DataStores.\(name).Endpoint '\(endpoint)' must be an http:// or https:// URL (or empty for AWS S3)")
            }
            url = parsed
        }
        var credentials: AWSCredentials?
        if !anonymous {
            guard let accessKey, let secretKey else {
                let names = Self.secretNames(for: name)
                throw StorageError.configuration(
                    "data store \(name) has no credentials: set AccessKey/SecretKey or the secrets \(names.accessKey) and \(names.secretKey) (or Anonymous \"true\")")
            }
            credentials = AWSCredentials(accessKeyID: accessKey, secretAccessKey: secretKey)
        }
        return S3Configuration(endpoint: url, bucket: bucket, region: region, credentials: credentials)
    }

    /// An ``ObjectStore`` for this data store: an ``S3Client``, or a ``LocalFolderStore`` in
    /// `PATH/BUCKET` for a `file://PATH` endpoint.
    public func makeStore() throws -> any ObjectStore {
        if let endpoint, endpoint.lowercased().hasPrefix("file://") {
            guard let url = URL(string: endpoint), url.isFileURL else {
                throw StorageError.configuration("DataStores.\(name).Endpoint '\(endpoint)' is not a valid file:// URL")
            }
            return try LocalFolderStore(root: url.appendingPathComponent(bucket, isDirectory: true))
        }
        return S3Client(configuration: try s3Configuration())
    }
}
