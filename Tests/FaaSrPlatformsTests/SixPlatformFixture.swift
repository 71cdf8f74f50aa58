import _CryptoExtras
import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrStorage
import FaaSrTestSupport
import Foundation

/// One workflow across all six platforms, with the loopback servers, moto and the real SLURM
/// cluster behind them:
///
///     start (GitHub Actions) ─┬─ left (Lambda) ── cloud (Cloud Run) ──┐
///                             └─ right (OpenWhisk) ─ True ─ hpc (SLURM) ┴─ join (Kubernetes)
///                                                  └ False ─ never (Kubernetes)
///
/// `start` writes 1…10; `left` sums their squares (385), `cloud` doubles that (770), `right`
/// decides (True: the sum 55 > 50), `hpc` sums the squares again (385), `join` adds both (1155).
/// GitHub Actions and Kubernetes read credentials from their secret stores (repository
/// secrets, the workflow's Secret); Lambda, OpenWhisk, Cloud Run and SLURM get them in
/// OVERWRITTEN as FaaSr sends them without a store.
struct SixPlatformFixture {
    static let ghToken = "ghp_sixplatforms0123456789abcdefghijkl"
    static let owKey = "0b6b9c1e-6a1e-4d0a-9d55-3f8e2c1d7a10:sixplatformkey"
    static let k8sToken = "eyJhbGciOiJSUzI1NiJ9.six-platforms.sig"
    static let email = "faasr-six@demo-project.iam.gserviceaccount.com"

    let s3: TestS3Server
    let slurm: TestSLURMCluster
    let faasr: URL
    let github: GitHubAPIServer
    let openWhisk: OpenWhiskServer
    let google: GoogleCloudServer
    let kubernetes: KubernetesServer
    let dir: URL
    let name: String
    let log: String
    let folder: String
    let googleKey: String

    /// nil when S3, the cluster, the executable or ../shared is missing (an error under CI).
    static func make() async throws -> SixPlatformFixture? {
        guard try SharedFixtures.require(), let s3 = try TestS3Server.require(), let slurm = try TestSLURMCluster.require(),
              let faasr = try FaasrExecutable.require() else { return nil }
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let github = try GitHubAPIServer(owner: "octo", repo: "flows", token: ghToken)
        let openWhisk = try OpenWhiskServer(apiKey: owKey)
        let google = try GoogleCloudServer(project: "demo-project", accounts: [email: key.publicKey])
        let kubernetes = try KubernetesServer(token: k8sToken, namespaces: ["default", "faasr"])
        try await github.start()
        try await openWhisk.start()
        try await google.start()
        try await kubernetes.start()
        let dir = try FaasrExecutable.temporaryDirectory()
        // The SLURM job user reads the function file.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let id = UUID().uuidString.prefix(8).lowercased()
        let f = SixPlatformFixture(s3: s3, slurm: slurm, faasr: faasr, github: github, openWhisk: openWhisk, google: google,
                                   kubernetes: kubernetes, dir: dir, name: "six-\(id)", log: "FaaSrLog-six-\(id)",
                                   folder: "six-\(id)", googleKey: key.pkcs8PEMRepresentation)
        try f.write()
        return f
    }

    func stop() async {
        await github.stop()
        await openWhisk.stop()
        await google.stop()
        await kubernetes.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    /// What every container has besides its delivery: the endpoint overrides that point the
    /// platforms' default endpoints at the loopback servers and moto, SLURM's runtime switches.
    var containerEnvironment: [String: String] {
        ["AWS_ENDPOINT_URL": s3.endpoint, "FAASR_GITHUB_API": github.baseURL, "FAASR_RPC_PORT": "0",
         "FAASR_SLURM_RUNTIME": "native", "FAASR_BIN": faasr.path].merging(google.environment) { $1 }
    }

    /// The user's secrets (what `faasr register` and `invoke` read from the environment).
    var secrets: [String: String] {
        ["GH_PAT": Self.ghToken, "AWS_AccessKey": s3.accessKey, "AWS_SecretKey": s3.secretKey,
         "AWS_ARN": s3.lambdaRoleARN ?? "arn:aws:iam::123456789012:role/faasr-test-lambda",
         "OW_APIkey": Self.owKey, "GCP_SecretKey": googleKey, "HPC_Token": slurm.token, "K8s_Token": Self.k8sToken,
         "S3_AccessKey": s3.accessKey, "S3_SecretKey": s3.secretKey]
    }

    /// Runs `faasr ARGS` in the fixture's folder on a thread of its own, as the user would.
    func cli(_ args: [String]) async throws -> (status: Int32, out: String, err: String) {
        try await KubernetesCLITests.run(args, in: dir, secrets.merging(containerEnvironment) { $1 })
    }

    /// The data store.
    func store() throws -> any ObjectStore {
        try DataStoreConfig(name: "S3", endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region,
                            accessKey: s3.accessKey, secretKey: s3.secretKey).makeStore()
    }

    private func write() throws {
        let code = dir.appendingPathComponent("six.py")
        try Self.functions.write(to: code, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: code.path)
        func action(_ function: String, _ server: String, _ next: String, _ args: String) -> String {
            "{\"FunctionName\": \"\(function)\", \"FaaSServer\": \"\(server)\", \"Type\": \"Python\", \"InvokeNext\": \(next), \"Arguments\": {\"folder\": \"\(folder)\"\(args)}}"
        }
        let text = """
        {"WorkflowName": "\(name)", "FunctionInvoke": "start", "DefaultDataStore": "S3", "FaaSrLog": "\(log)",
         "ComputeServers": {
          "GH": {"FaaSType": "GitHubActions", "UserName": "octo", "ActionRepoName": "flows", "Branch": "main", "UseSecretStore": true},
          "AWS": {"FaaSType": "Lambda", "Region": "\(s3.region)", "UseSecretStore": false},
          "OW": {"FaaSType": "OpenWhisk", "Endpoint": "\(openWhisk.baseURL)", "Namespace": "guest", "UseSecretStore": false},
          "GCP": {"FaaSType": "GoogleCloud", "Namespace": "demo-project", "Region": "us-central1", "ClientEmail": "\(Self.email)",
                  "TokenUri": "\(google.tokenURI)", "Endpoint": "\(google.baseURL)/v2/projects/", "UseSecretStore": false},
          "HPC": {"FaaSType": "SLURM", "Endpoint": "\(slurm.endpoint)", "UserName": "\(slurm.user)", "APIVersion": "\(slurm.apiVersion)",
                  "Partition": "\(slurm.partition)", "WorkingDirectory": "\(slurm.jobDirectory)", "TimeLimit": 5, "UseSecretStore": false},
          "K8s": {"FaaSType": "Kubernetes", "Endpoint": "\(kubernetes.baseURL)", "Namespace": "faasr", "UseSecretStore": true}},
         "DataStores": {"S3": {"Endpoint": "\(s3.endpoint)", "Bucket": "\(s3.bucket)", "Region": "\(s3.region)", "Writable": "TRUE"}},
         "ActionList": {
          "start": \(action("begin", "GH", #"["left", "right"]"#, "")),
          "left": \(action("square", "AWS", #"["cloud"]"#, #", "input": "numbers.txt", "output": "left.txt""#)),
          "cloud": \(action("double", "GCP", #"["join"]"#, #", "input": "left.txt", "output": "cloud.txt""#)),
          "right": \(action("decide", "OW", #"[{"True": ["hpc"], "False": ["never"]}]"#, #", "input": "numbers.txt", "threshold": 50"#)),
          "hpc": \(action("square", "HPC", #"["join"]"#, #", "input": "numbers.txt", "output": "hpc.txt""#)),
          "never": \(action("mark", "K8s", "[]", #", "output": "never.txt""#)),
          "join": \(action("combine", "K8s", "[]", #", "inputs": ["cloud.txt", "hpc.txt"], "output": "total.txt""#))},
         "FunctionLocalFile": {"begin": "\(code.path)", "square": "\(code.path)", "double": "\(code.path)",
                               "decide": "\(code.path)", "mark": "\(code.path)", "combine": "\(code.path)"}}
        """
        try text.write(to: dir.appendingPathComponent("wf.json"), atomically: true, encoding: .utf8)
    }

    static let functions = #"""
    """The six-platform workflow's functions (see SixPlatformFixture)."""


    def _get_number(folder, name):
        faasr_get_file(local_file=name, remote_folder=folder, remote_file=name)
        with open(name) as f:
            return int(f.read().strip())


    def _put_number(folder, name, value):
        with open(name, "w") as f:
            f.write(f"{value}\n")
        faasr_put_file(local_file=name, remote_folder=folder, remote_file=name)


    def begin(folder):
        with open("numbers.txt", "w") as f:
            f.write("\n".join(str(i) for i in range(1, 11)) + "\n")
        faasr_put_file(local_file="numbers.txt", remote_folder=folder, remote_file="numbers.txt")


    def _numbers(folder, input):
        faasr_get_file(local_file=input, remote_folder=folder, remote_file=input)
        with open(input) as f:
            return [int(line) for line in f if line.strip()]


    def square(folder, input, output):
        _put_number(folder, output, sum(n * n for n in _numbers(folder, input)))


    def double(folder, input, output):
        _put_number(folder, output, 2 * _get_number(folder, input))


    def decide(folder, input, threshold):
        total = sum(_numbers(folder, input))
        faasr_log(f"sum {total} > {threshold}: {total > threshold}")
        return total > threshold


    def mark(folder, output):
        _put_number(folder, output, 1)


    def combine(folder, inputs, output):
        _put_number(folder, output, sum(_get_number(folder, name) for name in inputs))
    """#
}
