import FaaSrCore
import FaaSrPlatformAPI

/// `faasr secrets check|push` for GitHub Actions: which of a workflow's secrets are set
/// locally and in the repository, and storing them there as sealed boxes
/// (``GitHubRepositoryAPI/putSecret(_:value:key:)``). Only names ever leave this type in
/// results and errors, never values.
public enum GitHubSecretSync {
    /// One secret name's state.
    public struct Row: Sendable, Equatable {
        /// The FaaSr name (`GH_PAT`, `S3_AccessKey`, ...).
        public var name: String
        /// Whether the workflow can run without it.
        public var isOptional: Bool
        /// Whether a value is set locally (environment or .env).
        public var isSetLocally: Bool
        /// Whether the repository has it (nil when not asked).
        public var isInRepository: Bool?
    }

    /// The distinct secret names of `workflow`; a name is optional only when every owner
    /// of it is (an anonymous store, a server no action uses).
    public static func requirements(of workflow: Workflow) -> [(name: String, isOptional: Bool)] {
        var order: [String] = []
        var optional: [String: Bool] = [:]
        for r in workflow.requiredSecrets {
            if optional[r.name] == nil { order.append(r.name) }
            optional[r.name] = (optional[r.name] ?? true) && r.isOptional
        }
        return order.map { ($0, optional[$0] ?? false) }
    }

    /// The GitHubActions servers of `workflow`, one per distinct repository.
    public static func gitHubServers(of workflow: Workflow) -> [ComputeServer] {
        var seen = Set<String>()
        return workflow.computeServers.filter { s in
            s.faasType == .gitHubActions && seen.insert("\(s.userName ?? "")/\(s.actionRepoName ?? "")".lowercased()).inserted
        }
    }

    /// Each name's state, asking `api` (when given) whether the repository has it.
    public static func check(_ workflow: Workflow, values: [String: String], api: GitHubRepositoryAPI?) async throws -> [Row] {
        var rows: [Row] = []
        for req in requirements(of: workflow) {
            let remote: Bool?
            if let api { remote = try await api.hasSecret(req.name) } else { remote = nil }
            rows.append(Row(name: req.name, isOptional: req.isOptional, isSetLocally: !(values[req.name] ?? "").isEmpty,
                            isInRepository: remote))
        }
        return rows
    }

    /// Names that must be set locally before a push, i.e. required ones without a value.
    public static func missing(_ workflow: Workflow, values: [String: String]) -> [String] {
        requirements(of: workflow).filter { !$0.isOptional && (values[$0.name] ?? "").isEmpty }.map(\.name)
    }

    /// Seals and stores every secret of `workflow` that has a local value; returns each
    /// stored name and whether it was new. Throws before storing anything when a name
    /// GitHub cannot store is among them.
    public static func push(_ workflow: Workflow, values: [String: String], api: GitHubRepositoryAPI) async throws -> [(name: String, created: Bool)] {
        let names = requirements(of: workflow).map(\.name).filter { !(values[$0] ?? "").isEmpty }
        if let bad = names.first(where: { !GitHubWorkflowYAML.isValidSecretName($0) }) {
            throw PlatformError(serverName: api.http.serverName, request: "secrets push",
                                message: "\(bad) cannot be a GitHub secret name (letters, digits and _, not starting with a digit or GITHUB_); rename what it comes from")
        }
        let key = try await api.publicKey()
        var out: [(String, Bool)] = []
        for name in names {
            out.append((name, try await api.putSecret(name, value: values[name]!, key: key)))
        }
        return out
    }
}
