import FaaSrTestSupport
import Foundation

/// samples/diamond with every action on the test SLURM cluster (`HPC`, jobs run `faasr`
/// natively) and its logging store in the test bucket: what the designer's platform journeys
/// register, invoke and monitor. The secrets go in `environment` (never in the file).
struct SLURMDesignerFixture {
    let s3: TestS3Server
    let slurm: TestSLURMCluster
    let faasr: String
    let dir: String
    let workflow: String

    /// nil (skip) when the cluster, moto or the full `faasr` is missing; an error under CI.
    static func make(_ label: String) throws -> SLURMDesignerFixture? {
        guard let s3 = try TestS3Server.require(), let slurm = try TestSLURMCluster.require(),
              let faasr = try RunSupport.faasr() else { return nil }
        let dir = try temporaryFolder()
        // The job user reads the action code here.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
        let sample = RunSupport.packageRoot.appendingPathComponent("samples/diamond")
        try FileManager.default.copyItem(atPath: sample.appendingPathComponent("diamond.py").path, toPath: dir + "/diamond.py")
        let wf = try slurm.diamondWorkflow(s3: s3, functionFile: dir + "/diamond.py",
                                           logFolder: "FaaSrLog-" + TestS3Server.uniquePrefix(label).dropLast())
        let path = dir + "/diamond.json"
        try JSONSerialization.data(withJSONObject: wf, options: [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys])
            .write(to: URL(fileURLWithPath: path))
        return SLURMDesignerFixture(s3: s3, slurm: slurm, faasr: faasr, dir: dir, workflow: path)
    }

    /// The secrets and switches a user would have set in the designer's shell.
    var environment: [String: String] {
        ["HPC_Token": slurm.token, "S3_AccessKey": s3.accessKey, "S3_SecretKey": s3.secretKey,
         "FAASR_SLURM_RUNTIME": "native", "FAASR_BIN": faasr]
    }

    /// A `faasr` that runs the real one with ``environment`` added (for ``Program``, whose
    /// children inherit this test process's environment).
    func wrapper() throws -> String {
        let path = dir + "/faasr-env"
        let exports = environment.sorted { $0.key < $1.key }.map { "export \($0.key)='\($0.value)'" }.joined(separator: "\n")
        try "#!/bin/sh\n\(exports)\nexec '\(faasr)' \"$@\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }
}
