/// A read-only view of one `ComputeServers` entry.
public struct ComputeServer: Hashable, Sendable {
    /// The server name (its `ComputeServers` key).
    public var name: String
    /// The entry's object (empty when not an object).
    public var object: JSONObject
    /// `/ComputeServers/<name>`.
    public var pointer: JSONPointer

    public init(name: String, value: JSONValue) {
        self.name = name
        self.object = value.objectValue ?? JSONObject()
        self.pointer = JSONPointer(tokens: [WorkflowKey.computeServers, name])
    }

    /// Every key the 2.x schema allows in a compute server entry (spec/runtime.md §1.4).
    public static let knownKeys: [String] = [
        "FaaSType", "Region", "Endpoint", "SchedulerEndpoint", "Namespace", "API.key", "AccessKey",
        "SecretKey", "ClientEmail", "TokenUri", "UserName", "ActionRepoName", "Token", "Branch",
        "APIVersion", "Partition", "UseSecretStore", "SecretsList", "AllowSelfSignedCertificate",
        "Nodes", "Tasks", "CPUsPerTask", "Memory", "TimeLimit", "WorkingDirectory", "MaxMemory",
        "MaxRuntime", "MaxStorage", "MaxCPU", "SSLCertificate", "AdditionalTimeToLive", "NumberOfRetries",
    ]

    /// The raw value of a field.
    public subscript(key: String) -> JSONValue? { object[key] }
    /// A string field.
    public func string(_ key: String) -> String? { object[key]?.stringValue }

    /// `FaaSType` as written.
    public var faasTypeText: String? { string("FaaSType") }
    /// `FaaSType`, typed (nil when absent or unknown).
    public var faasType: FaaSType? { faasTypeText.flatMap(FaaSType.init(rawValue:)) }
    public var region: String? { string("Region") }
    public var endpoint: String? { string("Endpoint") }
    public var schedulerEndpoint: String? { string("SchedulerEndpoint") }
    public var namespace: String? { string("Namespace") }
    public var userName: String? { string("UserName") }
    public var actionRepoName: String? { string("ActionRepoName") }
    public var branch: String? { string("Branch") }
    public var apiVersion: String? { string("APIVersion") }
    public var partition: String? { string("Partition") }
    public var clientEmail: String? { string("ClientEmail") }
    public var tokenUri: String? { string("TokenUri") }
    public var workingDirectory: String? { string("WorkingDirectory") }
    public var sslCertificate: String? { string("SSLCertificate") }
    /// `UseSecretStore` as written (the runtime treats absent as false, spec/runtime.md §1.8).
    public var useSecretStore: Bool? { object["UseSecretStore"]?.boolValue }
    /// `AllowSelfSignedCertificate` as written.
    public var allowSelfSignedCertificate: Bool? { object["AllowSelfSignedCertificate"]?.boolValue }
    /// A numeric field (`Nodes`, `Tasks`, `CPUsPerTask`, `Memory`, `TimeLimit`, `MaxMemory`,
    /// `MaxRuntime`, `MaxStorage`, `MaxCPU`, `AdditionalTimeToLive`, `NumberOfRetries`).
    public func number(_ key: String) -> JSONNumber? { object[key]?.numberValue }
    /// `SecretsList` (unused by the runtime).
    public var secretsList: JSONObject? { object["SecretsList"]?.objectValue }
    /// Credential fields written inline (non-empty strings), e.g. `Token`, `AccessKey`.
    public var inlineCredentialFields: [String] {
        ["Token", "AccessKey", "SecretKey", "API.key", "APIkey"].filter { !(string($0) ?? "").isEmpty }
    }
    /// Keys the 2.x schema does not allow, in order.
    public var unknownKeys: [String] { object.keys.filter { !Self.knownKeys.contains($0) } }
}
