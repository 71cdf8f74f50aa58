/// A read-only view of one `DataStores` entry (an S3 bucket).
public struct DataStore: Hashable, Sendable {
    /// The store name (its `DataStores` key).
    public var name: String
    /// The entry's object (empty when not an object).
    public var object: JSONObject
    /// `/DataStores/<name>`.
    public var pointer: JSONPointer

    public init(name: String, value: JSONValue) {
        self.name = name
        self.object = value.objectValue ?? JSONObject()
        self.pointer = JSONPointer(tokens: [WorkflowKey.dataStores, name])
    }

    /// Every key the 2.x schema allows in a data store entry (spec/runtime.md §1.5).
    public static let knownKeys = ["Endpoint", "Bucket", "Region", "AccessKey", "SecretKey", "Writable", "Anonymous"]

    /// The raw value of a field.
    public subscript(key: String) -> JSONValue? { object[key] }
    /// A string field.
    public func string(_ key: String) -> String? { object[key]?.stringValue }

    public var endpoint: String? { string("Endpoint") }
    public var bucket: String? { string("Bucket") }
    public var region: String? { string("Region") }
    /// `Writable` as written (a string, `"true"`/`"false"`).
    public var writable: String? { string("Writable") }
    /// `Anonymous` as written (a string).
    public var anonymous: String? { string("Anonymous") }
    /// Whether access is anonymous: `Anonymous` equals `"true"` ignoring case (the R reading,
    /// recommended by spec/runtime.md §1.5).
    public var isAnonymous: Bool { anonymous?.lowercased() == "true" }
    /// Credential fields written inline (non-empty strings).
    public var inlineCredentialFields: [String] {
        ["AccessKey", "SecretKey"].filter { !(string($0) ?? "").isEmpty }
    }
    /// Keys the 2.x schema does not allow, in order.
    public var unknownKeys: [String] { object.keys.filter { !Self.knownKeys.contains($0) } }
}
