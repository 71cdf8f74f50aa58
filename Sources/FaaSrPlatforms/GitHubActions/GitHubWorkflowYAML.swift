import FaaSrCore
import Yams

/// The GitHub Actions workflow files FaaSr runs actions with (spec/platforms.md §5), written
/// with Yams: one dispatchable file per action, and the scheduled file of a timer.
public enum GitHubWorkflowYAML {
    /// Why a file cannot be written.
    public struct Failure: Error, CustomStringConvertible {
        /// What is wrong and how to fix it.
        public var description: String
    }

    /// The file of `action`, run on `server` (spec/platforms.md §5): `name`
    /// `{WorkflowName}-{Action}`; `workflow_dispatch` with the string inputs `OVERWRITTEN` and
    /// `PAYLOAD_URL`; one job (`run_docker_image` on `ubuntu-latest`, or `run_on_vm` on
    /// `self-hosted` when the action has `RequiresVM`) in the action's container; `env` with
    /// every secret the workflow may need (``secretNames(of:)``) and the two inputs; and the
    /// step that starts FaaSr's entry script in the image.
    public static func actionFile(workflow: Workflow, action: String, server: String) throws -> String {
        guard let name = workflow.workflowName, !name.isEmpty else {
            throw Failure(description: "the workflow has no WorkflowName; set it before registering")
        }
        guard let entry = workflow.action(named: action) else {
            throw Failure(description: "\(action) is not an action of ActionList")
        }
        var env: [(Node, Node)] = try secretNames(of: workflow).map { (plain($0), text("${{ secrets.\($0) }}")) }
        for input in GitHubActionsFacts.inputs {
            env.append((plain(input.name), text("${{ github.event.inputs.\(input.name) }}")))
        }
        let inputs = GitHubActionsFacts.inputs.map { input in
            (plain(input.name), Node([(plain("description"), text(input.description)), (plain("required"), Node("true"))]))
        }
        let onVM = entry.requiresVM == true
        let job = Node([
            (plain("runs-on"), text(onVM ? "self-hosted" : "ubuntu-latest")),
            (plain("container"), text(GitHubActionsFacts.image(for: action, in: workflow))),
            (plain("env"), Node(env)),
            (plain("steps"), Node([Node([
                (plain("name"), text("Run Python entrypoint")),
                (plain("run"), Node("cd /action\npython3 faasr_entry.py\n", .implicit, .literal)),
            ])])),
        ])
        let root = Node([
            (plain("name"), text("\(name)-\(action)")),
            (text("on"), Node([(plain("workflow_dispatch"), Node([(plain("inputs"), Node(inputs))]))])),
            (plain("jobs"), Node([(plain(onVM ? "run_on_vm" : "run_docker_image"), job)])),
        ])
        return GitHubActionsFacts.marker(workflow: name, server: server, action: action) + "\n" + (try emit(root))
    }

    /// The timer file: on `cron` (and by hand) it dispatches the action's own workflow file
    /// with fixed inputs, through the runner's `GITHUB_TOKEN` (`gh workflow run`), so every
    /// tick is a fresh invocation with its own InvocationID. The file holds no secrets: an
    /// OVERWRITTEN carrying `ComputeServers` or `DataStores` (a server without
    /// `UseSecretStore`) is refused, since it would be committed to the repository.
    public static func timerFile(workflowName: String, server: String, cron: String, target: String,
                                 branch: String, overwritten: JSONObject, payloadURL: String) throws -> String {
        if overwritten["ComputeServers"] != nil || overwritten["DataStores"] != nil {
            throw Failure(description: "the timer's OVERWRITTEN carries ComputeServers/DataStores (credentials), which would be committed to the repository; set \"UseSecretStore\": true on server \(server)")
        }
        let fields = cron.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 5 else {
            throw Failure(description: "cron '\(cron)' must have five fields (minute hour day month weekday), e.g. '*/15 * * * *'")
        }
        let file = GitHubActionsFacts.workflowFileName(functionName: target)
        let job = Node([
            (plain("runs-on"), text("ubuntu-latest")),
            (plain("permissions"), Node([(plain("actions"), text("write"))])),
            (plain("env"), Node([
                (plain("GH_TOKEN"), text("${{ github.token }}")),
                (plain("OVERWRITTEN"), text(JSONPrinter.compact(.object(overwritten)))),
                (plain("PAYLOAD_URL"), text(payloadURL)),
            ])),
            (plain("steps"), Node([Node([
                (plain("name"), text("Start \(target)")),
                (plain("run"), Node("gh workflow run \(file) --repo \"$GITHUB_REPOSITORY\" --ref \(branch) -f OVERWRITTEN=\"$OVERWRITTEN\" -f PAYLOAD_URL=\"$PAYLOAD_URL\"\n", .implicit, .literal)),
            ])])),
        ])
        let root = Node([
            (plain("name"), text(" (\(workflowName) TIMER)")),
            (text("on"), Node([
                (plain("schedule"), Node([Node([(plain("cron"), text(fields.joined(separator: " ")))])])),
                (plain("workflow_dispatch"), Node([(Node, Node)]())),
            ])),
            (plain("jobs"), Node([(plain("timer"), job)])),
        ])
        return GitHubActionsFacts.marker(workflow: workflowName, server: server, action: "timer") + "\n" + (try emit(root))
    }

    /// The secret names an action's `env` lists, in FaaSr's order: per compute server by
    /// type, per data store, the VM's, then the workflow's `Secrets`, with `GH_PAT` first
    /// (FaaSr's images read it to fetch the workflow and code). A server with an unknown
    /// `FaaSType` stops registration, as in FaaSr, and so does a name GitHub cannot store.
    public static func secretNames(of workflow: Workflow) throws -> [String] {
        if let unknown = workflow.computeServers.first(where: { $0.faasType == nil }) {
            throw Failure(description: "compute server \(unknown.name) has FaaSType '\(unknown.faasTypeText ?? "")'; use one of \(FaaSType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for name in workflow.secretNames where !isValidSecretName(name) {
            throw Failure(description: "the secret name \(name) cannot be a GitHub secret (letters, digits and _ only, not starting with a digit or GITHUB_); rename the server, store or Secrets entry it comes from")
        }
        return workflow.secretNames
    }

    /// Whether GitHub accepts `name` as a repository secret (and an `env` name).
    public static func isValidSecretName(_ name: String) -> Bool {
        guard let first = name.first, !first.isNumber, !name.uppercased().hasPrefix("GITHUB_") else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    private static func emit(_ node: Node) throws -> String {
        do { return try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true) } catch {
            throw Failure(description: "could not write the YAML: \(error)")
        }
    }

    /// A key that is always a plain string.
    private static func plain(_ s: String) -> Node { Node(s, .implicit, .plain) }

    /// A string value, quoted whenever YAML would read it as something else (`on`, `true`, `1`).
    private static func text(_ s: String) -> Node {
        Resolver.default.resolveTag(of: Node(s)) == .str ? Node(s) : Node(s, .implicit, .singleQuoted)
    }
}
