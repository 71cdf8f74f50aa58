import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// `faasr local --jobs N` through the real executable: ranked copies whose functions record
/// when they start and end in files; at most N of them ever overlap, the others queue (the
/// progress lines say so), and the run still completes.
@Suite struct LocalJobsTests {
    /// start → work(copies) → join; `work` records its start and end and sleeps `seconds`.
    static func fanOut(in dir: URL, copies: Int, seconds: Double) throws -> URL {
        let marks = dir.appendingPathComponent("marks", isDirectory: true)
        try FileManager.default.createDirectory(at: marks, withIntermediateDirectories: true)
        let code = """
        import os, time

        def begin(folder):
            pass

        def work(folder, marks, seconds):
            r = faasr_rank()
            with open(os.path.join(marks, f"start-{r['rank']}"), "w") as f:
                f.write(repr(time.time()))
            time.sleep(float(seconds))
            with open(os.path.join(marks, f"end-{r['rank']}"), "w") as f:
                f.write(repr(time.time()))

        def gather(folder):
            faasr_log("gathered")
        """
        try code.write(to: dir.appendingPathComponent("fan.py"), atomically: true, encoding: .utf8)
        func action(_ fn: String, _ next: [String], _ args: [String: String]) -> String {
            let a = args.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
            let n = next.map { "\"\($0)\"" }.joined(separator: ", ")
            return #"{"FunctionName": "\#(fn)", "FaaSServer": "GH", "Type": "Python", "InvokeNext": [\#(n)], "Arguments": {\#(a)}}"#
        }
        let workflow = """
        {"WorkflowName": "jobs", "FunctionInvoke": "start",
         "ActionList": {
           "start": \(action("begin", ["work(\(copies))"], ["folder": "jobs"])),
           "work": \(action("work", ["join"], ["folder": "jobs", "marks": marks.path, "seconds": "\(seconds)"])),
           "join": \(action("gather", [], ["folder": "jobs"]))},
         "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main", "UseSecretStore": true}},
         "DataStores": {"S3": {"Endpoint": "https://play.min.io", "Bucket": "faasr", "Region": "us-east-1", "Writable": "true"}},
         "DefaultDataStore": "S3", "LoggingDataStore": "S3", "FaaSrLog": "FaaSrLog", "InvocationID": "",
         "FunctionLocalFile": {"begin": "fan.py", "work": "fan.py", "gather": "fan.py"}}
        """
        let file = dir.appendingPathComponent("jobs.json")
        try workflow.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The most copies whose recorded [start, end] intervals overlap at one instant.
    static func peakOverlap(_ marks: URL, copies: Int) throws -> (peak: Int, recorded: Int) {
        func time(_ name: String) -> Double? {
            (try? String(contentsOf: marks.appendingPathComponent(name), encoding: .utf8)).flatMap(Double.init)
        }
        var events: [(Double, Int)] = []
        var recorded = 0
        for rank in 1...copies {
            guard let a = time("start-\(rank)"), let b = time("end-\(rank)") else { continue }
            recorded += 1
            events += [(a, 1), (b, -1)]
        }
        // Ends sort before starts at the same instant: touching intervals do not overlap.
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var now = 0, peak = 0
        for (_, d) in events { now += d; peak = max(peak, now) }
        return (peak, recorded)
    }

    @Test func atMostNCopiesRunAtOnceAndTheRunCompletes() async throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = temporaryDirectory("jobs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let copies = 6
        let file = try Self.fanOut(in: dir, copies: copies, seconds: 1.5)
        let r = try FaasrExecutable.run(["local", file.path, "--jobs", "2", "--store-dir", dir.appendingPathComponent("stores").path,
                                         "--run-dir", dir.appendingPathComponent("run").path], in: dir)
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        let (peak, recorded) = try Self.peakOverlap(dir.appendingPathComponent("marks"), copies: copies)
        #expect(recorded == copies, "\(recorded) of \(copies) copies recorded their times")
        #expect(peak <= 2, "\(peak) copies ran at once with --jobs 2")
        #expect(peak >= 1)
        // Copies waited for a slot, and the progress lines said so.
        #expect(r.out.contains("queued"), "\(r.out)")
        #expect(r.out.contains("work         done 6/6"), "\(r.out)")
        #expect(r.out.contains("Workflow finished"), "\(r.out)")
    }

    @Test func oneJobRunsTheCopiesOneAfterAnother() async throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = temporaryDirectory("jobs1")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.fanOut(in: dir, copies: 3, seconds: 0.5)
        let r = try FaasrExecutable.run(["local", file.path, "--jobs", "1", "--store-dir", dir.appendingPathComponent("stores").path,
                                         "--run-dir", dir.appendingPathComponent("run").path], in: dir)
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        let (peak, recorded) = try Self.peakOverlap(dir.appendingPathComponent("marks"), copies: 3)
        #expect(recorded == 3 && peak == 1, "peak \(peak), recorded \(recorded)")
    }

    @Test func badJobOptionsAreRefused() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let wf = SharedFixtures.packageRoot.appendingPathComponent("samples/rankfanout/rankfanout.json").path
        var r = try FaasrExecutable.run(["local", wf, "--jobs", "0"])
        #expect(r.status != 0 && r.err.contains("--jobs") && r.err.contains("at least 1"), "\(r.err)")
        r = try FaasrExecutable.run(["local", wf, "--jobs", "2", "--no-job-limit"])
        #expect(r.status != 0 && r.err.contains("--no-job-limit"), "\(r.err)")
    }

    @Test func theDefaultFollowsCoresAndMemory() {
        #expect(LocalJobLimit.limit(cores: 2, availableMemory: 24 << 30) == 4)
        #expect(LocalJobLimit.limit(cores: 64, availableMemory: 1 << 30) == 4)
        #expect(LocalJobLimit.limit(cores: 8, availableMemory: nil) == 16)
        #expect(LocalJobLimit.limit(cores: 4, availableMemory: 100 << 20) == 1)
        #expect(LocalJobLimit.machineDefault >= 1)
    }
}
