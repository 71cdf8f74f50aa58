import Crypto
import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation

/// A diamond workflow whose actions run as jobs on the test cluster, with its own log folder
/// in the test bucket, driven through the `faasr` executable as a user would.
struct SLURMFixture {
    let s3: TestS3Server
    let slurm: TestSLURMCluster
    let faasr: URL
    let dir: URL
    let workflow: URL
    let log: String

    /// nil when the cluster, S3 or the executable is missing (an error under CI).
    static func make(_ label: String, mutate: (inout [String: Any]) -> Void = { _ in }) throws -> SLURMFixture? {
        guard let s3 = try TestS3Server.require(), let slurm = try TestSLURMCluster.require(),
              let faasr = try FaasrExecutable.require() else { return nil }
        let dir = try FaasrExecutable.temporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let script = SharedFixtures.packageRoot.appendingPathComponent("samples/diamond/diamond.py")
        let local = dir.appendingPathComponent("diamond.py")
        try FileManager.default.copyItem(at: script, to: local)
        let log = "FaaSrLog-" + TestS3Server.uniquePrefix(label).dropLast()
        var wf = try slurm.diamondWorkflow(s3: s3, functionFile: local.path, logFolder: log)
        mutate(&wf)
        let file = dir.appendingPathComponent("wf.json")
        try JSONSerialization.data(withJSONObject: wf, options: [.prettyPrinted, .withoutEscapingSlashes]).write(to: file)
        return SLURMFixture(s3: s3, slurm: slurm, faasr: faasr, dir: dir, workflow: file, log: log)
    }

    /// The secrets and switches a user would set; `token` replaces the cluster's.
    func environment(token: String? = nil) -> [String: String] {
        ["HPC_Token": token ?? slurm.token, "S3_AccessKey": s3.accessKey, "S3_SecretKey": s3.secretKey,
         "FAASR_SLURM_RUNTIME": "native", "FAASR_BIN": faasr.path]
    }

    /// Runs `faasr ARGS` in the fixture's folder without inheriting this process's secrets.
    func run(_ args: [String], token: String? = nil, without: [String] = []) throws -> (status: Int32, out: String, err: String) {
        var env = environment(token: token)
        for name in without { env[name] = nil }
        return try FaasrExecutable.run(args, in: dir, environment: env, inheritEnvironment: false)
    }

    /// The logging store.
    func store() throws -> any ObjectStore {
        try DataStoreConfig(name: "S3", endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region,
                            accessKey: s3.accessKey, secretKey: s3.secretKey).makeStore()
    }

    /// Keys under the workflow's log folder.
    func keys() async throws -> [String] { try await store().list(prefix: "\(log)/diamond/").keys }

    /// A Slurm JWT for `user` (default the job user) signed with `keyFile`, expiring `seconds` from now.
    func mint(keyFile: String? = nil, user: String? = nil, expiresIn seconds: Int) throws -> String {
        let key = keyFile.map { try? Data(contentsOf: URL(fileURLWithPath: $0)) } ?? Data((0..<32).map { _ in UInt8.random(in: 0...255) })
        func b64(_ d: Data) -> String {
            d.base64EncodedString().replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        let exp = Int(Date().timeIntervalSince1970) + seconds
        let signed = b64(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + b64(Data("{\"exp\":\(exp),\"iat\":\(exp - 600),\"sun\":\"\(user ?? slurm.user)\"}".utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: SymmetricKey(data: key ?? Data()))
        return signed + "." + b64(Data(mac))
    }
}
