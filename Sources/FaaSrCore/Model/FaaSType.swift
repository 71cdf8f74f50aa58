/// The kind of FaaS back end a compute server is (`FaaSType`).
public enum FaaSType: String, Hashable, Sendable, CaseIterable {
    case openWhisk = "OpenWhisk"
    case gitHubActions = "GitHubActions"
    case lambda = "Lambda"
    case googleCloud = "GoogleCloud"
    case slurm = "SLURM"
    case kubernetes = "Kubernetes"

    /// The fields the 2.x schema requires for this type (spec/runtime.md §1.4).
    public var requiredFields: [String] {
        switch self {
        case .gitHubActions: ["UserName", "ActionRepoName"]
        case .lambda: ["Region"]
        case .openWhisk: ["Endpoint", "Namespace"]
        case .googleCloud: ["Namespace", "ClientEmail", "TokenUri", "Region"]
        case .slurm: ["Endpoint", "UserName", "APIVersion", "Partition"]
        case .kubernetes: ["Endpoint"]
        }
    }

    /// The credential fields FaaSr fills from the secret store, with the suffix of the
    /// derived secret name (`{Server}_{suffix}`, spec/runtime.md §1.11).
    public var secretFields: [(field: String, suffix: String)] {
        switch self {
        case .gitHubActions: [("Token", "PAT")]
        case .lambda: [("AccessKey", "AccessKey"), ("SecretKey", "SecretKey")]
        case .googleCloud: [("SecretKey", "SecretKey")]
        case .slurm: [("Token", "Token")]
        case .openWhisk: [("APIkey", "APIkey")]
        case .kubernetes: [("Token", "Token")]
        }
    }
}
