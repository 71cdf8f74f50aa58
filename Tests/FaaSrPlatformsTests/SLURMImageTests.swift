import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing

/// The SLURM journey with every job running the action's image (scripts/images) with podman:
/// the diamond's four jobs each `podman run` the Python image, whose `faasr entry` takes the
/// env form, against moto over the host network. The jobs run as root, the user whose podman
/// storage holds the images (a token minted for root with the cluster's key); the function
/// file sits in the job folder, which the job script mounts. Runs when scripts/test built the
/// images (FAASR_TEST_IMAGES=TAG), like ImageEntryTests.
@Suite(.serialized) struct SLURMImageTests {
    @Test func diamondJobsEachRunThePythonImage() async throws {
        guard let image = try ImageEntryTests.image("python") else { return }
        var local = ""
        guard let f = try SLURMFixture.make("image", mutate: { wf in
            var servers = wf["ComputeServers"] as! [String: Any]
            var hpc = servers["HPC"] as! [String: Any]
            hpc["UserName"] = "root"
            servers["HPC"] = hpc
            wf["ComputeServers"] = servers
            let actions = (wf["ActionList"] as! [String: Any]).keys
            wf["ActionContainers"] = Dictionary(uniqueKeysWithValues: actions.map { ($0, image) })
            local = (hpc["WorkingDirectory"] as! String) + "/diamond-\(UUID().uuidString.prefix(8)).py"
            wf["FunctionLocalFile"] = ["split": local, "square": local, "combine": local]
        }) else { return }
        try FileManager.default.copyItem(at: f.dir.appendingPathComponent("diamond.py"), to: URL(fileURLWithPath: local))
        defer { try? FileManager.default.removeItem(atPath: local) }
        var env = ["HPC_Token": try f.mint(keyFile: f.slurm.jwtKeyFile, user: "root", expiresIn: 3600),
                   "S3_AccessKey": f.s3.accessKey, "S3_SecretKey": f.s3.secretKey, "FAASR_SLURM_RUNTIME": "podman"]
        env["FAASR_SLURM_CONTAINERS_CONF"] = ProcessInfo.processInfo.environment["CONTAINERS_CONF"]
        func faasr(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
            try FaasrExecutable.run(args, in: f.dir, environment: env, inheritEnvironment: false)
        }
        let reg = try faasr(["register", f.workflow.path])
        #expect(reg.status == 0, "\(reg.err)")
        let inv = try faasr(["invoke", f.workflow.path, "--wait", "--timeout", "300"])
        #expect(inv.status == 0, "\(inv.out)\n\(inv.err)")
        let id = String(inv.out.split(separator: "\n").first ?? "")

        let status = try faasr(["status", f.workflow.path, "--json"])
        let report = try JSONParser.parse(Array(status.out.utf8))
        #expect(report["invocationID"]?.stringValue == id)
        let actions = report["actions"]?.arrayValue ?? []
        #expect(actions.count == 4 && actions.allSatisfy { $0["state"]?.stringValue == "done" }, "\(status.out)")
        let keys = try await f.keys()
        #expect(keys.filter { $0.hasSuffix("/join.txt") }.count == 1, "the join ran exactly once")
        #expect(try await f.store().list(prefix: "diamond/").keys.contains("diamond/total.txt"))

        // Each job's output says it ran the image with podman.
        let files = try FileManager.default.contentsOfDirectory(atPath: f.slurm.jobDirectory)
        for a in actions {
            let job = a["jobID"]?.stringValue ?? "?"
            let out = files.first { $0.hasSuffix("-\(job).out") }.flatMap { try? String(contentsOfFile: f.slurm.jobDirectory + "/" + $0, encoding: .utf8) }
            #expect(out?.contains("faasr: podman run \(image)") == true, "job \(job) of \(a["action"]?.stringValue ?? "?"): \(out ?? "no output file")")
        }
        let logs = try faasr(["logs", f.workflow.path, id, "join"])
        #expect(logs.status == 0 && logs.out.contains("==> join <=="), "\(logs.out)\n\(logs.err)")
    }
}
