import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// GitHub Actions (`FaaSType: GitHubActions`, spec/platforms.md §5), through the REST API at
/// `FAASR_GITHUB_API` (default https://api.github.com) on the repository
/// `{UserName}/{ActionRepoName}`, branch `Branch` (default `main`), with the token from the
/// secret `{Server}_PAT`, else the entry's `Token`, else `GH_PAT`.
///
/// - Register writes `.github/workflows/{WorkflowName}-{Action}.yml` for each action on the
///   server (``GitHubWorkflowYAML/actionFile(workflow:action:server:)``) and the workflow file
///   named by the payload URL when it lies in this repository, through the contents API
///   (create, update with `sha`, unchanged when equal); files this server wrote for actions no
///   longer on it are deleted. A failed apply undoes what it did, so a register is all or nothing.
/// - Submit dispatches the action's file with the inputs `OVERWRITTEN` and `PAYLOAD_URL`
///   (204, or 200 with the run id, which becomes the receipt's job id).
/// - Timers are the scheduled file `{WorkflowName}-timer.yml`.
/// - Status: the API description holds no run endpoint, so ``status(of:)`` is nil.
public struct GitHubActionsPlatform: ComputePlatform {
    public let serverName: String
    /// The repository client.
    public var api: GitHubRepositoryAPI
    /// The branch files go to and runs start on.
    public let branch: String
    /// The workflow's name (`{WorkflowName}-...` files).
    public let workflowName: String

    /// Builds the platform for one server; throws when the entry lacks `UserName` or
    /// `ActionRepoName` or no token is set.
    public init(context: PlatformContext) throws {
        let server = context.server
        func field(_ key: String) throws -> String {
            guard let v = server[key]?.stringValue, !v.isEmpty else {
                throw PlatformError(serverName: context.serverName, request: "configuration",
                                    message: "the server entry has no \(key); set ComputeServers.\(context.serverName).\(key) (GitHub Actions needs UserName and ActionRepoName)")
            }
            return v
        }
        let owner = try field("UserName"), repo = try field("ActionRepoName")
        let perServer = "\(context.serverName)_PAT"
        let candidates: [(String, String?)] = [
            (perServer, context.secrets[perServer]),
            ("ComputeServers.\(context.serverName).Token", server["Token"]?.stringValue),
            (GitHubActionsFacts.sharedTokenSecret, context.secrets[GitHubActionsFacts.sharedTokenSecret]),
        ]
        guard let (tokenName, token) = candidates.first(where: { !($0.1 ?? "").isEmpty }).map({ ($0.0, $0.1!) }) else {
            throw PlatformError(serverName: context.serverName, request: "credentials",
                                message: "no GitHub token: set the secret \(perServer) or \(GitHubActionsFacts.sharedTokenSecret) in the environment or the .env file (a personal access token with the repo and workflow scopes)")
        }
        var base = context.environment[GitHubActionsFacts.apiBaseVariable] ?? ""
        if base.isEmpty { base = GitHubActionsFacts.defaultAPIBase }
        serverName = context.serverName
        branch = server["Branch"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? GitHubActionsFacts.defaultBranch
        workflowName = context.workflowName
        api = GitHubRepositoryAPI(base: base, owner: owner, repo: repo, token: token, tokenName: tokenName,
                                  http: PlatformHTTP(serverName: context.serverName))
    }

    /// Reads the workflows folder: passes unless the token is refused (a repository without
    /// the folder yet passes too; a wrong repository shows at register).
    public func checkCredentials() async throws {
        _ = try await api.folder(GitHubActionsFacts.workflowsFolder, ref: branch)
    }

    public func plan(_ deployment: Deployment) async throws -> RegistrationPlan {
        var wanted: [(path: String, text: String, detail: String)] = []
        for action in deployment.actions {
            let text: String
            do { text = try GitHubWorkflowYAML.actionFile(workflow: deployment.workflow, action: action, server: serverName) } catch {
                throw PlatformError(serverName: serverName, request: "plan", message: "\(action): \(error)")
            }
            wanted.append((GitHubActionsFacts.workflowFile(workflow: workflowName, action: action), text, "action \(action)"))
        }
        if let path = payloadPath(deployment.payloadURL) {
            wanted.append((path, deployment.workflow.serializedPreservingLayout(), "the workflow file PAYLOAD_URL names"))
        }
        var changes: [PlanChange] = []
        for file in wanted {
            changes.append(try await change(toWrite: file.path, text: file.text, detail: file.detail))
        }
        let keep = Set(wanted.map(\.path))
        changes += try await stale(keeping: keep)
        return RegistrationPlan(serverName: serverName, changes: changes)
    }

    public func unregisterPlan(_ deployment: Deployment) async throws -> RegistrationPlan {
        RegistrationPlan(serverName: serverName, changes: try await stale(keeping: [], includingTimer: true))
    }

    public func apply(_ plan: RegistrationPlan) async throws {
        var done: [(change: PlanChange, newSHA: String?)] = []
        for change in plan.changes where change.kind != .unchanged {
            do {
                done.append((change, try await make(change)))
            } catch {
                let undone = await undo(done)
                // The status stays the error's own, so callers (and the error table) see a 401 as a 401.
                throw PlatformError(serverName: serverName, request: "\(change.kind.rawValue) \(change.resource)",
                                    status: (error as? PlatformError)?.status, message: "\(Self.reason(error)) \(undone)")
            }
        }
    }

    public func submit(_ request: TriggerRequest) async throws -> TriggerReceipt {
        let target = try repository(for: request)
        let runID = try await target.api.dispatch(
            file: GitHubActionsFacts.workflowFileName(functionName: request.functionName), ref: target.branch,
            inputs: [("OVERWRITTEN", JSONPrinter.compact(.object(request.overwritten))), ("PAYLOAD_URL", request.payloadURL)])
        return TriggerReceipt(serverName: request.serverName, jobID: runID.map(String.init))
    }

    public func setTimer(_ timer: TimerRequest) async throws {
        let text: String
        do {
            text = try GitHubWorkflowYAML.timerFile(workflowName: workflowName, server: serverName, cron: timer.cron,
                                                    target: timer.request.functionName, branch: branch,
                                                    overwritten: timer.request.overwritten, payloadURL: timer.request.payloadURL)
        } catch {
            throw PlatformError(serverName: serverName, request: "set timer", message: "\(error)")
        }
        let change = try await change(toWrite: GitHubActionsFacts.timerFile(workflow: workflowName), text: text, detail: "timer")
        try await apply(RegistrationPlan(serverName: serverName, changes: [change]))
    }

    public func unsetTimer(_ timer: TimerRequest) async throws {
        let path = GitHubActionsFacts.timerFile(workflow: workflowName)
        guard let file = try await api.file(path, ref: branch) else { return }
        try await api.deleteFile(path, sha: file.sha, branch: branch, message: "Remove timer for \(workflowName)")
    }

    /// Nil: the GitHub API description FaaSr is checked against has no workflow-run endpoint.
    public func status(of receipt: TriggerReceipt) async throws -> JobState? { nil }

    // MARK: Plan and apply

    /// Create, update or leave the file at `path` so that it holds `text`.
    private func change(toWrite path: String, text: String, detail: String) async throws -> PlanChange {
        guard let current = try await api.file(path, ref: branch) else {
            return PlanChange(kind: .create, resource: path, detail: "new: \(detail)", body: .string(text))
        }
        if current.text == text { return PlanChange(kind: .unchanged, resource: path, detail: detail) }
        return PlanChange(kind: .update, resource: path, detail: "changed: \(detail)", body: .string(text),
                          state: ["sha": current.sha, "previous": current.text ?? ""])
    }

    /// Deletions of the files this server wrote for this workflow that are not in `keeping`.
    private func stale(keeping: Set<String>, includingTimer: Bool = false) async throws -> [PlanChange] {
        var out: [PlanChange] = []
        for entry in try await api.folder(GitHubActionsFacts.workflowsFolder, ref: branch)
        where !keeping.contains(entry.path) && entry.path.hasPrefix("\(GitHubActionsFacts.workflowsFolder)/\(workflowName)-") {
            guard let file = try await api.file(entry.path, ref: branch), let text = file.text,
                  let mark = GitHubActionsFacts.parseMarker(text),
                  mark.workflow == workflowName, mark.server == serverName,
                  includingTimer || entry.path != GitHubActionsFacts.timerFile(workflow: workflowName)
            else { continue }
            out.append(PlanChange(kind: .delete, resource: entry.path, detail: "action \(mark.action) no longer runs on \(serverName)",
                                  state: ["sha": file.sha, "previous": text]))
        }
        return out
    }

    /// Makes one change; returns the file's new sha (nil after a delete).
    private func make(_ change: PlanChange) async throws -> String? {
        let path = change.resource
        switch change.kind {
        case .create, .update:
            let verb = change.kind == .create ? "Add" : "Update"
            return try await api.putFile(path, text: change.body?.stringValue ?? "", sha: change.state["sha"], branch: branch,
                                         message: "\(verb) \(path) (faasr register)")
        case .delete:
            try await api.deleteFile(path, sha: change.state["sha"] ?? "", branch: branch, message: "Remove \(path) (faasr register)")
            return nil
        case .unchanged:
            return nil
        }
    }

    /// Reverts `done`, newest first; says what was undone, or what could not be.
    private func undo(_ done: [(change: PlanChange, newSHA: String?)]) async -> String {
        guard !done.isEmpty else { return "Nothing was changed; fix the cause and register again." }
        var failed: [String] = []
        for (change, newSHA) in done.reversed() {
            let path = change.resource
            do {
                switch change.kind {
                case .create:
                    try await api.deleteFile(path, sha: newSHA ?? "", branch: branch, message: "Undo \(path) (faasr register failed)")
                case .update:
                    try await api.putFile(path, text: change.state["previous"] ?? "", sha: newSHA, branch: branch,
                                          message: "Undo \(path) (faasr register failed)")
                case .delete:
                    try await api.putFile(path, text: change.state["previous"] ?? "", sha: nil, branch: branch,
                                          message: "Restore \(path) (faasr register failed)")
                case .unchanged: break
                }
            } catch {
                failed.append(path)
            }
        }
        if failed.isEmpty {
            return "Nothing was changed (the \(done.count) change\(done.count == 1 ? "" : "s") made before it \(done.count == 1 ? "was" : "were") undone); fix the cause and register again."
        }
        return "Undoing failed for \(failed.joined(separator: ", ")); register again to complete them."
    }

    // MARK: Helpers

    /// The repository path of an `owner/repo/ref/path` payload URL that names this repository and branch.
    private func payloadPath(_ url: String) -> String? {
        let parts = url.split(separator: "/", maxSplits: 3).map(String.init)
        guard parts.count == 4, parts[0].lowercased() == api.owner.lowercased(),
              parts[1].lowercased() == api.repo.lowercased(), parts[2] == branch else { return nil }
        return parts[3]
    }

    /// The repository a trigger goes to: the request's server entry (and its `Token`) when
    /// it names one, else this server's.
    private func repository(for request: TriggerRequest) throws -> (api: GitHubRepositoryAPI, branch: String) {
        guard request.serverName != serverName else { return (api, branch) }
        var secrets: [String: String] = [:]
        secrets[GitHubActionsFacts.sharedTokenSecret] = api.token
        let other = try GitHubActionsPlatform(context: PlatformContext(
            serverName: request.serverName, server: request.server, workflowName: workflowName,
            secrets: secrets, environment: [GitHubActionsFacts.apiBaseVariable: api.base]))
        return (other.api, other.branch)
    }

    private static func reason(_ error: any Error) -> String {
        if let e = error as? PlatformError {
            return "\(e.request): \(e.message)"
        }
        return "\(error)"
    }
}
