import FaaSrCore
import Foundation

extension TestSLURMCluster {
    /// samples/diamond with every action on this cluster (server `HPC`, credentials from the
    /// secret store) and `s3` as its data and logging store: the workflow the SLURM journeys
    /// of the CLI and of the designer run. `functionFile` is where the job user reads
    /// diamond.py; `logFolder` is the run's own `FaaSrLog` folder in the test bucket.
    public func diamondWorkflow(s3: TestS3Server, functionFile: String, logFolder: String) throws -> [String: Any] {
        let sample = SharedFixtures.packageRoot.appendingPathComponent("samples/diamond/diamond.json")
        var wf = try JSONSerialization.jsonObject(with: Data(contentsOf: sample)) as! [String: Any]
        var actions = wf["ActionList"] as! [String: Any]
        for (k, v) in actions { var a = v as! [String: Any]; a["FaaSServer"] = "HPC"; actions[k] = a }
        wf["ActionList"] = actions
        wf["ComputeServers"] = ["HPC": ["FaaSType": FaaSType.slurm.rawValue, "Endpoint": endpoint, "UserName": user,
                                        "APIVersion": apiVersion, "Partition": partition,
                                        "WorkingDirectory": jobDirectory, "UseSecretStore": true, "TimeLimit": 5]]
        wf["DataStores"] = ["S3": ["Endpoint": s3.endpoint, "Bucket": s3.bucket, "Region": s3.region, "Writable": "true"]]
        wf["FaaSrLog"] = logFolder
        wf["FunctionLocalFile"] = ["split": functionFile, "square": functionFile, "combine": functionFile]
        return wf
    }
}
