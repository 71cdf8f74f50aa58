import FaaSrCore

/// Per-FaaSType knowledge the forms need: fields (required first), defaults and default
/// container images.
public enum FaaSTypeDefaults {
    /// The compute platforms FaaSr 2.x knows.
    public static let types = ["GitHubActions", "Lambda", "OpenWhisk", "GoogleCloud", "SLURM", "Kubernetes"]

    /// Fields required by the 2.x schema for a FaaSType.
    public static func requiredFields(_ type: String) -> [String] {
        switch type {
        case "GitHubActions": ["UserName", "ActionRepoName"]
        case "Lambda": ["Region"]
        case "OpenWhisk": ["Endpoint", "Namespace"]
        case "GoogleCloud": ["Namespace", "Region", "ClientEmail"]
        case "SLURM": ["UserName", "Endpoint", "APIVersion", "Partition"]
        case "Kubernetes": ["Endpoint", "Namespace"]
        default: []
        }
    }

    /// Optional fields shown in the form for a FaaSType.
    public static func optionalFields(_ type: String) -> [String] {
        switch type {
        case "GitHubActions": ["Branch", "UseSecretStore"]
        case "Lambda": ["UseSecretStore"]
        case "OpenWhisk": ["AllowSelfSignedCertificate", "UseSecretStore"]
        case "GoogleCloud": ["UseSecretStore"]
        case "SLURM": ["Nodes", "Tasks", "CPUsPerTask", "Memory", "TimeLimit", "WorkingDirectory", "UseSecretStore"]
        case "Kubernetes": ["UseSecretStore"]
        default: []
        }
    }

    /// Fields whose values are booleans.
    public static let booleanFields: Set<String> = ["UseSecretStore", "AllowSelfSignedCertificate", "Anonymous"]
    /// Fields whose values are numbers.
    public static let numberFields: Set<String> = ["Nodes", "Tasks", "CPUsPerTask", "Memory", "TimeLimit"]

    /// A new server of `type`, with sensible defaults (`FaaSType` first).
    public static func newServer(_ type: String) -> JSONValue {
        var o = JSONObject()
        o["FaaSType"] = .string(type)
        switch type {
        case "GitHubActions":
            o["UseSecretStore"] = true
            o["UserName"] = ""
            o["ActionRepoName"] = "FaaSr-workflow"
            o["Branch"] = "main"
        case "Lambda": o["Region"] = "us-east-1"
        case "OpenWhisk":
            o["Endpoint"] = ""
            o["Namespace"] = ""
            o["AllowSelfSignedCertificate"] = false
        case "GoogleCloud":
            o["Namespace"] = ""
            o["Region"] = "us-central1"
            o["ClientEmail"] = ""
        case "SLURM":
            o["UserName"] = ""
            o["Endpoint"] = ""
            o["APIVersion"] = "v0.0.40"
            o["Partition"] = ""
        case "Kubernetes":
            o["Endpoint"] = ""
            o["Namespace"] = "default"
        default: break
        }
        return .object(o)
    }

    /// The default container image for an action of language `type` on `faasType`
    /// (FaaSr's native container list, spec/platforms.md), or nil when there is none.
    public static func defaultContainer(language: String, faasType: String) -> String? {
        let lang = language == "R" ? "r" : language == "Python" ? "python" : nil
        guard let lang else { return nil }
        switch faasType {
        case "GitHubActions": return "ghcr.io/faasr/github-actions-\(lang):latest"
        case "OpenWhisk": return "faasr/openwhisk-\(lang):latest"
        case "Lambda": return "145342739029.dkr.ecr.us-east-1.amazonaws.com/aws-lambda-\(lang):latest"
        case "GoogleCloud": return "faasr/gcp-\(lang):latest"
        case "SLURM": return "faasr/slurm-\(lang):latest"
        case "Kubernetes": return "faasr/kubernetes-\(lang):latest"
        default: return nil
        }
    }
}
