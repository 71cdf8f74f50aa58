import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing

/// Register, invoke, status, logs and timers against the real single-node cluster
/// (slurmctld, slurmd, slurmrestd with JWT) and moto, through the `faasr` executable.
@Suite(.serialized) struct SLURMClusterTests {
    @Test func diamondRunsAsSLURMJobsAndTheJoinRunsOnce() async throws {
        guard let f = try SLURMFixture.make("diamond") else { return }
        let dry = try f.run(["register", f.workflow.path, "--dry-run"])
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.contains("create") && dry.out.contains("serves v0.0.38"))
        #expect(try await f.keys().isEmpty, "a dry run changes nothing")
        let reg = try f.run(["register", f.workflow.path])
        #expect(reg.status == 0, "\(reg.err)")
        let again = try f.run(["register", f.workflow.path])
        #expect(again.out.contains("Nothing to change"), "\(again.out)")

        let inv = try f.run(["invoke", f.workflow.path, "--wait", "--timeout", "120"])
        #expect(inv.status == 0, "\(inv.out)\n\(inv.err)")
        let id = String(inv.out.split(separator: "\n").first ?? "")
        #expect(id.count == 36, "the first line is the InvocationID: \(inv.out)")

        let status = try f.run(["status", f.workflow.path, "--json"])
        #expect(status.status == 0, "\(status.err)")
        let report = try JSONParser.parse(Array(status.out.utf8))
        #expect(report["invocationID"]?.stringValue == id)
        let actions = report["actions"]?.arrayValue ?? []
        #expect(Set(actions.map { $0["action"]?.stringValue ?? "" }) == ["start", "left", "right", "join"])
        for a in actions {
            #expect(a["state"]?.stringValue == "done", "\(a)")
            #expect(a["platform"]?.stringValue == "SLURM")
            #expect(Int(a["jobID"]?.stringValue ?? "") != nil, "every action records its job id: \(a)")
        }
        let keys = try await f.keys()
        #expect(keys.filter { $0.hasSuffix("/join.txt") }.count == 1, "the join ran exactly once")
        #expect(keys.filter { $0.hasSuffix("/platform_jobs/join.json") }.count == 1)
        #expect(keys.contains { $0.hasSuffix("function_completions/join.done") })
        let total = try await f.store().list(prefix: "diamond/").keys
        #expect(total.contains("diamond/total.txt"), "the join wrote its output: \(total)")

        let table = try f.run(["status", f.workflow.path])
        #expect(table.out.contains("4/4 done") && table.out.contains("SLURM "), "\(table.out)")
        let logs = try f.run(["logs", f.workflow.path, id, "join"])
        #expect(logs.status == 0 && logs.out.contains("==> join <==") && !logs.out.contains("==> left <=="), "\(logs.out)")
        #expect(!(inv.out + inv.err + status.out + logs.out).contains(f.slurm.token), "the token is never printed")

        let un = try f.run(["unregister", f.workflow.path])
        #expect(un.status == 0, "\(un.err)")
        let late = try f.run(["invoke", f.workflow.path])
        #expect(late.status == 1 && late.err.contains("not registered"), "\(late.err)")
    }

    @Test func wrongAndExpiredTokensFailAtRegisterAndLeaveNothing() async throws {
        guard let f = try SLURMFixture.make("tokens") else { return }
        let wrong = try f.run(["register", f.workflow.path], token: try f.mint(expiresIn: 600))
        #expect(wrong.status == 1)
        #expect(wrong.err.contains("refused the token in HPC_Token") && wrong.err.contains("scontrol token username="), "\(wrong.err)")
        let expired = try f.run(["register", f.workflow.path], token: try f.mint(keyFile: f.slurm.jwtKeyFile, expiresIn: -30))
        #expect(expired.status == 1 && expired.err.contains("expired"), "\(expired.err)")
        #expect(try await f.keys().isEmpty, "nothing half-registered")
        let good = try f.run(["register", f.workflow.path])
        #expect(good.status == 0, "\(good.err)")
        #expect(try await f.keys().contains { $0.hasSuffix("registered/registration.json") })
    }

    @Test func badInputExitsNonZeroWithWhatToFix() async throws {
        guard let f = try SLURMFixture.make("bad") else { return }
        let unknown = try f.run(["register", f.workflow.path, "--server", "Nope"])
        #expect(unknown.status == 1 && unknown.err.contains("no compute server named 'Nope'") && unknown.err.contains("HPC"), "\(unknown.err)")
        let missing = try f.run(["register", f.workflow.path], without: ["HPC_Token", "S3_SecretKey"])
        #expect(missing.status == 1 && missing.err.contains("HPC_Token") && missing.err.contains("S3_SecretKey") && missing.err.contains(".env"), "\(missing.err)")
        let notRegistered = try f.run(["invoke", f.workflow.path])
        #expect(notRegistered.status == 1 && notRegistered.err.contains("faasr register"), "\(notRegistered.err)")
        // An endpoint nothing listens on.
        var wf = try JSONSerialization.jsonObject(with: Data(contentsOf: f.workflow)) as! [String: Any]
        var servers = wf["ComputeServers"] as! [String: Any]
        var hpc = servers["HPC"] as! [String: Any]
        hpc["Endpoint"] = "http://127.0.0.1:9"
        servers["HPC"] = hpc
        wf["ComputeServers"] = servers
        let bad = f.dir.appendingPathComponent("unreachable.json")
        try JSONSerialization.data(withJSONObject: wf).write(to: bad)
        let unreachable = try f.run(["register", bad.path])
        #expect(unreachable.status == 1 && unreachable.err.contains("http://127.0.0.1:9") && unreachable.err.contains("reachable"), "\(unreachable.err)")
        #expect(try await f.keys().isEmpty, "nothing half-registered")
        // Secrets from a .env file, after the failures: the second register completes.
        try "HPC_Token=\(f.slurm.token)\nS3_SecretKey='\(f.s3.secretKey)'\n".write(to: f.dir.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let fixed = try f.run(["register", f.workflow.path], without: ["HPC_Token", "S3_SecretKey"])
        #expect(fixed.status == 0, "\(fixed.err)")
    }

    @Test func timerFiresRepeatedlyAndUnsetStopsIt() async throws {
        guard let f = try SLURMFixture.make("timer") else { return }
        #expect(try f.run(["register", f.workflow.path]).status == 0)
        let set = try f.run(["timer", "set", f.workflow.path, "--cron", "@every 3s"])
        #expect(set.status == 0, "\(set.err)")
        func invocations() async throws -> Int {
            Set(try await f.keys().filter { $0.hasSuffix("/start.txt") }).count
        }
        var tries = 0
        while try await invocations() < 2, tries < 300 {
            tries += 1
            try await Task.sleep(nanoseconds: 1_000_000_000)
        }
        let fired = try await invocations()
        #expect(fired >= 2, "the timer fired \(fired) times in \(tries) looks, one a second")
        let unset = try f.run(["timer", "unset", f.workflow.path])
        #expect(unset.status == 0, "\(unset.err)")
        try await Task.sleep(nanoseconds: 3_000_000_000)
        let after = try await invocations()
        try await Task.sleep(nanoseconds: 8_000_000_000)
        #expect(try await invocations() == after, "no firing after timer unset")
        let bad = try f.run(["timer", "set", f.workflow.path, "--cron", "every minute"])
        #expect(bad.status == 1 && bad.err.contains("five"), "\(bad.err)")
    }
}
