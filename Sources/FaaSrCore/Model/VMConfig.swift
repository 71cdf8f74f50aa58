/// A read-only view of `VMConfig` (the EC2 VM used by the built-in VM functions).
public struct VMConfig: Hashable, Sendable {
    /// The object.
    public var object: JSONObject
    /// `/VMConfig`.
    public let pointer = JSONPointer(tokens: [WorkflowKey.vmConfig])

    public init(object: JSONObject) { self.object = object }

    /// Every key the 2.x schema allows.
    public static let knownKeys = ["Name", "Provider", "InstanceId", "Region", "AccessKey", "SecretKey", "RunnerName"]

    /// A string field.
    public func string(_ key: String) -> String? { object[key]?.stringValue }
    /// `Name`: also the prefix of the VM's derived secret names.
    public var name: String? { string("Name") }
    /// `Provider` (only `AWS` is defined).
    public var provider: String? { string("Provider") }
    public var instanceId: String? { string("InstanceId") }
    public var region: String? { string("Region") }
    public var runnerName: String? { string("RunnerName") }
    /// Credential fields written inline (non-empty strings).
    public var inlineCredentialFields: [String] {
        ["AccessKey", "SecretKey"].filter { !(string($0) ?? "").isEmpty }
    }
}
