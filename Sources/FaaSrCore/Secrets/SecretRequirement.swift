/// One secret a workflow needs at run time, by the derived name FaaSr looks up
/// (spec/runtime.md §1.11). Only names: secret values never pass through this type.
public struct SecretRequirement: Hashable, Sendable {
    /// What the secret belongs to.
    public enum Owner: Hashable, Sendable {
        /// A `ComputeServers` entry and its type.
        case computeServer(String, FaaSType)
        /// A `DataStores` entry.
        case dataStore(String)
        /// The `VMConfig` (by its `Name`).
        case vm(String)
        /// `GH_PAT`, used for every GitHub API call.
        case gitHub
        /// An entry of the workflow's `Secrets` list.
        case user
    }

    /// The secret name to create in the secret store (`GH_PAT`, `S3_AccessKey`, ...).
    public var name: String
    /// Whose credential it is.
    public var owner: Owner
    /// The field FaaSr fills with it (`Token`, `AccessKey`, ...), nil for `GH_PAT` and user secrets.
    public var field: String?
    /// Where the owner is written (for diagnostics).
    public var pointer: JSONPointer
    /// Whether the workflow can run without it (an anonymous store, an unused server).
    public var isOptional: Bool
    /// Why it is needed or optional, in one sentence.
    public var note: String?

    public init(name: String, owner: Owner, field: String?, pointer: JSONPointer, isOptional: Bool = false, note: String? = nil) {
        self.name = name
        self.owner = owner
        self.field = field
        self.pointer = pointer
        self.isOptional = isOptional
        self.note = note
    }
}
