import FaaSrCore
import FaaSrStorage
import Foundation

/// A workflow kept in an S3 data store, as `faasr register` uploads it for platforms whose
/// actions cannot read it from GitHub (SLURM): `PAYLOAD_URL` is
/// `s3://BUCKET/KEY?store=NAME&endpoint=URL&region=R`. The credentials are the store's own:
/// the secrets `{NAME}_AccessKey`/`{NAME}_SecretKey` in the environment, else the store's
/// entry in OVERWRITTEN's `DataStores` (servers without a secret store).
public struct S3WorkflowLocation: Sendable, Equatable {
    /// The data store's name (for the credentials).
    public var store: String
    /// `Bucket`.
    public var bucket: String
    /// The object key.
    public var key: String
    /// `Endpoint` (empty for AWS).
    public var endpoint: String
    /// `Region`.
    public var region: String

    /// Creates a location.
    public init(store: String, bucket: String, key: String, endpoint: String, region: String) {
        self.store = store
        self.bucket = bucket
        self.key = key
        self.endpoint = endpoint
        self.region = region
    }

    /// The `s3://` form.
    public var url: String {
        var c = URLComponents()
        c.queryItems = [URLQueryItem(name: "store", value: store), URLQueryItem(name: "endpoint", value: endpoint),
                        URLQueryItem(name: "region", value: region)]
        let query = (c.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let path = key.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }
        return "s3://\(bucket)/\(path.joined(separator: "/"))?\(query)"
    }

    /// Parses the `s3://` form; nil for anything else.
    public static func parse(_ text: String) -> S3WorkflowLocation? {
        guard text.hasPrefix("s3://"), let c = URLComponents(string: text), let bucket = c.host, !bucket.isEmpty else { return nil }
        let key = String(c.path.drop { $0 == "/" })
        guard !key.isEmpty else { return nil }
        func item(_ name: String) -> String { c.queryItems?.first { $0.name == name }?.value ?? "" }
        let store = item("store")
        return S3WorkflowLocation(store: store.isEmpty ? "S3" : store, bucket: bucket, key: key,
                                  endpoint: item("endpoint"), region: item("region"))
    }

    /// Reads the workflow text.
    func fetch(environment: [String: String], dataStores: JSONObject) async throws -> String {
        let entry = dataStores[store]?.objectValue
        let access = environment["\(store)_AccessKey"].flatMap { $0.isEmpty ? nil : $0 } ?? entry?["AccessKey"]?.stringValue
        let secret = environment["\(store)_SecretKey"].flatMap { $0.isEmpty ? nil : $0 } ?? entry?["SecretKey"]?.stringValue
        guard let access, !access.isEmpty, let secret, !secret.isEmpty else {
            throw WorkflowSource.FetchError(description: "cannot read the workflow from data store \(store) (s3://\(bucket)/\(key)): set the secrets \(store)_AccessKey and \(store)_SecretKey in the action's environment")
        }
        let config = DataStoreConfig(name: store, endpoint: endpoint.isEmpty ? nil : endpoint, bucket: bucket, region: region,
                                     accessKey: access, secretKey: secret)
        do {
            let data = try await config.makeStore().getData(key)
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw WorkflowSource.FetchError(description: "cannot read the workflow s3://\(bucket)/\(key) from data store \(store): \(error) (run faasr register again if it is missing)")
        }
    }
}
