import FaaSrCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Yams

/// Where the emulator hears of invocations, and each platform's delivery form.
extension PlatformEmulator {
    /// GitHub Actions: each accepted `workflow_dispatch` runs the dispatched file's job with
    /// the `env` that file declares, resolved as the runner would: `${{ secrets.X }}` from the
    /// repository's secrets (what `faasr register` pushed), `${{ github.event.inputs.X }}` from
    /// the dispatch's inputs.
    public func watch(github server: GitHubAPIServer) {
        let seen = SeenSet()
        poll { [server] in
            server.state.dispatches.filter { seen.insert("\($0.runID)") }.map { dispatch in
                let file = server.state.file(".github/workflows/\(dispatch.workflowFile)", branch: dispatch.ref) ?? ""
                let secrets = Dictionary(server.state.secrets.map { ($0.key.uppercased(), $0.value) }) { $1 }
                let env = Self.gitHubEnvironment(file, secrets: secrets, inputs: dispatch.inputs)
                return Delivery(platform: FaaSType.gitHubActions.rawValue, source: dispatch.workflowFile, environment: env)
            }
        }
    }

    /// The job `env` of a workflow file, with its expressions resolved as on GitHub: secret
    /// names are case-insensitive (the repository keeps them upper-cased, `S3_ACCESSKEY`, while
    /// the file says `secrets.S3_AccessKey`), and a missing secret is the empty string.
    static func gitHubEnvironment(_ yaml: String, secrets: [String: String], inputs: [String: String]) -> [String: String] {
        guard let root = try? Yams.compose(yaml: yaml), let jobs = YAMLPath.child(root, "jobs")?.mapping,
              let env = jobs.first.flatMap({ YAMLPath.child($0.value, "env") })?.mapping else { return [:] }
        var out: [String: String] = [:]
        for (key, value) in env {
            guard let name = key.string, let text = value.string else { continue }
            let expression = text.trimmingCharacters(in: .whitespaces)
            if expression.hasPrefix("${{"), expression.hasSuffix("}}") {
                let inner = expression.dropFirst(3).dropLast(2).trimmingCharacters(in: .whitespaces)
                if inner.hasPrefix("secrets.") { out[name] = secrets[String(inner.dropFirst(8)).uppercased()] ?? "" }
                else if inner.hasPrefix("github.event.inputs.") { out[name] = inputs[String(inner.dropFirst(20))] ?? "" }
            } else {
                out[name] = text
            }
        }
        return out
    }

    /// OpenWhisk: each activation runs the action with its parameters as the action's `/run`
    /// receives them: the action's bound `parameters`, then the invoke body over them, one JSON
    /// object (the argument of `faasr run`).
    public func watch(openWhisk server: OpenWhiskServer) {
        let seen = SeenSet()
        poll { [server] in
            server.activationRecords.sorted { $0.key < $1.key }.filter { seen.insert($0.key) }.compactMap { id, record in
                guard let name = record["name"]?.stringValue, let body = record["response"]?["result"]?["payload"]?.objectValue else { return nil }
                var parameters = JSONObject()
                for p in server.entity("actions", name)?["parameters"]?.arrayValue ?? [] {
                    if let key = p["key"]?.stringValue, let value = p["value"] { parameters[key] = value }
                }
                for member in body.members { parameters[member.key] = member.value }
                return Delivery(platform: FaaSType.openWhisk.rawValue, source: "\(name) activation \(id)",
                                arguments: [JSONPrinter.compact(.object(parameters))])
            }
        }
    }

    /// Cloud Run jobs: each accepted `:run` starts the job's container with its environment
    /// and the run's overrides (``GoogleCloudServer/JobRun/environment``).
    public func watch(google server: GoogleCloudServer) {
        server.onRun { [weak self] run in
            self?.deliver(Delivery(platform: FaaSType.googleCloud.rawValue, source: run.execution, environment: run.environment))
        }
    }

    /// Kubernetes: each created Job's container starts with the env the kubelet would give it
    /// (its `env`, and its `envFrom` Secret); the Job is marked Complete or Failed when it ends.
    public func watch(kubernetes server: KubernetesServer) {
        server.onJobCreated { [weak self] job in
            self?.deliver(Delivery(platform: FaaSType.kubernetes.rawValue, source: job.name, environment: job.environment) { [server] status in
                server.finish(job: job.name, succeeded: status == 0, namespace: job.namespace)
            })
        }
    }

    /// AWS Lambda: each Invoke moto accepted (its record at `GET /_faasr/lambda-invocations`)
    /// runs the function with the invoke's payload as the Lambda event (`faasr run --event`).
    /// The log is moto's, shared by every test on that server: invokes made before watching
    /// started are other tests' and are not delivered.
    public func watchLambda(endpoint: String) {
        let seen = SeenSet()
        guard let url = URL(string: endpoint + "/_faasr/lambda-invocations") else { return }
        for offset in (Self.fetchJSON(url)?.arrayValue ?? []).indices { _ = seen.insert(String(offset)) }
        poll {
            let list = Self.fetchJSON(url)?.arrayValue ?? []
            return list.enumerated().filter { seen.insert(String($0.offset)) }.compactMap { _, invocation in
                guard let payload = invocation["Payload"]?.stringValue else { return nil }
                return Delivery(platform: FaaSType.lambda.rawValue, source: invocation["FunctionName"]?.stringValue ?? "?",
                                arguments: ["--event", payload])
            }
        }
    }

    /// A GET answered with JSON, on the calling (poller) thread; nil on any failure.
    static func fetchJSON(_ url: URL) -> JSONValue? {
        let box = SeenSet.Box()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: url)
        request.timeoutInterval = 30
        URLSession.shared.dataTask(with: request) { data, _, _ in
            box.data = data
            done.signal()
        }.resume()
        done.wait()
        return box.data.flatMap { try? JSONParser.parse(Array($0)) }
    }
}

/// Ids already delivered (each invocation starts exactly one run).
final class SeenSet: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: Set<String> = []
    /// True the first time `id` is seen.
    func insert(_ id: String) -> Bool { lock.withLock { ids.insert(id).inserted } }

    final class Box: @unchecked Sendable { var data: Data? }
}
