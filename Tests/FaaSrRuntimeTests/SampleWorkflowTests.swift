import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// Every sample under samples/ runs with `faasr local` (real `faasr run` processes, real
/// Python and R functions, local-folder stores).
///
/// The runs are independent (each has its own folders, RPC ports and invocation), so the
/// tests and the repetitions run concurrently, at most ``SampleWorkflowTests/slots`` whole
/// workflows at a time; nothing here depends on timing.
@Suite struct SampleWorkflowTests {
    /// Bounds the number of workflows running at once across the suite (4, or twice the
    /// cores on bigger machines).
    static let slots = Slots(max(4, 2 * ProcessInfo.processInfo.activeProcessorCount))

    func runSample(_ name: String) async throws -> (LocalRun.Summary, URL) {
        guard let exe = try FaasrExecutable.require()?.path else { throw RuntimeFailure("the faasr executable is not built (swift build)") }
        let file = SharedFixtures.packageRoot.appendingPathComponent("samples/\(name)/\(name).json")
        let root = temporaryDirectory("sample-\(name)")
        let stores = root.appendingPathComponent("stores")
        let run = try LocalRun(options: .init(workflowFile: file, storeDirectory: stores,
                                              runDirectory: root.appendingPathComponent("run"), executable: exe))
        return try await Self.slots.with { (try await run.run(), stores) }
    }

    func state(_ s: LocalRun.Summary, _ a: String) -> LocalRun.State? { s.rows.first { $0.action == a }?.state }

    func text(_ stores: URL, _ key: String) -> String? {
        (try? String(contentsOf: stores.appendingPathComponent("S3/\(key)"), encoding: .utf8))
    }

    @Test func tutorial() async throws {
        let (s, stores) = try await runSample("tutorial")
        #expect(s.succeeded, "\(s.rows)")
        let sum = try #require(text(stores, "tutorial/sum.csv"))
        #expect(sum.split(separator: "\n").count == 11)
        #expect(text(stores, "tutorial/sample1.csv") != nil)
    }

    @Test func diamond() async throws {
        let (s, stores) = try await runSample("diamond")
        #expect(s.succeeded, "\(s.rows)")
        #expect(text(stores, "diamond/total.txt") == "770\n")
    }

    @Test func rankFanOut() async throws {
        let (s, stores) = try await runSample("rankfanout")
        #expect(s.succeeded, "\(s.rows)")
        #expect(text(stores, "rankfanout/gathered.txt") == "4 parts, total 5050\n")
        #expect(s.rows.first { $0.action == "work" }?.finished == 4)
    }

    @Test func conditional() async throws {
        let (s, stores) = try await runSample("conditional")
        #expect(s.succeeded, "\(s.rows)")
        #expect(state(s, "big") == .done)
        #expect(state(s, "small") == .skipped)
        #expect(text(stores, "conditional/branch.txt") == "big\n")
    }

    @Test func failing() async throws {
        let (s, stores) = try await runSample("failing")
        #expect(!s.succeeded)
        #expect(state(s, "start") == .done)
        #expect(state(s, "boom") == .failed)
        #expect(state(s, "never") == .notRun)
        let id = try #require(s.invocationID), ts = try #require(s.invocationTimestamp)
        let log = try #require(text(stores, "FaaSrLog/failing/\(ts)/\(id)/boom.txt"))
        #expect(log.contains("Traceback (most recent call last)"))
        #expect(log.contains("ValueError: this sample fails on purpose"))
        #expect(text(stores, "FaaSrLog/failing/\(ts)/\(id)/function_completions/boom.done") == nil)
    }

    /// The mixed sample: a Python entry, two ranked R copies (both FaaSr R signatures by
    /// name, faasr_rank, faasr_invocation_id), and a Python join over their outputs.
    @Test func mixedPythonAndR() async throws {
        guard try Rscript.require() else { return }
        let (s, stores) = try await runSample("mixed")
        #expect(s.succeeded, "\(s.rows)")
        #expect(text(stores, "mixed/report.txt") == "100 values, total 5050\n")
        #expect(text(stores, "mixed/part1.csv")?.contains("1,50,2500") == true)
        #expect(text(stores, "mixed/part2.csv")?.contains("2,50,2550") == true)
        #expect(s.rows.first { $0.action == "summarise" }?.finished == 2)
        let id = try #require(s.invocationID), ts = try #require(s.invocationTimestamp)
        let log = try #require(text(stores, "FaaSrLog/mixed/\(ts)/\(id)/summarise(2).txt"))
        #expect(log.contains("copy 2 of 2 summed 50 values"))
        #expect(log.contains("R copy 2/2 of invocation \(id): sum 2550"))
    }

    /// A diamond and a rank-4 fan-in run their join exactly once, 20 times each (the
    /// repetitions run concurrently, which only adds contention).
    @Test(arguments: ["diamond", "rankfanout"])
    func joinRunsExactlyOnce(_ name: String) async throws {
        let runs = try await withThrowingTaskGroup(of: (LocalRun.Summary, URL).self) { group in
            for _ in 0..<20 { group.addTask { try await runSample(name) } }
            var all: [(LocalRun.Summary, URL)] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(runs.count == 20)
        for (s, stores) in runs {
            #expect(s.succeeded)
            let id = try #require(s.invocationID), ts = try #require(s.invocationTimestamp)
            let folder = "FaaSrLog/\(name)/\(ts)/\(id)"
            let joinLogs = (try? FileManager.default.contentsOfDirectory(atPath: stores.appendingPathComponent("S3/\(folder)").path))?
                .filter { $0.hasPrefix("join") && $0.hasSuffix(".txt") } ?? []
            #expect(joinLogs == ["join.txt"])
            let candidates = text(stores, "\(folder)/join.candidate")?.split(separator: "\n") ?? []
            #expect(candidates.count >= 1)
            #expect(s.rows.first { $0.action == "join" }?.finished == 1)
        }
    }
}
