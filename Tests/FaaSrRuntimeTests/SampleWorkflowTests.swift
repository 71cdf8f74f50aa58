import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// Every sample under samples/ runs with `faasr local` (real `faasr run` processes, real
/// Python functions, local-folder stores).
@Suite(.serialized) struct SampleWorkflowTests {
    func runSample(_ name: String) async throws -> (LocalRun.Summary, URL) {
        let exe = try FaasrBinary.require()
        let file = SharedFixtures.packageRoot.appendingPathComponent("samples/\(name)/\(name).json")
        let root = temporaryDirectory("sample-\(name)")
        let stores = root.appendingPathComponent("stores")
        let run = try LocalRun(options: .init(workflowFile: file, storeDirectory: stores,
                                              runDirectory: root.appendingPathComponent("run"), executable: exe))
        return (try await run.run(), stores)
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

    /// A diamond and a rank-4 fan-in run their join exactly once, 20 times each.
    @Test(arguments: ["diamond", "rankfanout"])
    func joinRunsExactlyOnce(_ name: String) async throws {
        for _ in 0..<20 {
            let (s, stores) = try await runSample(name)
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
