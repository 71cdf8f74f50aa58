import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// Exactly-once joins under concurrency: 20 concurrent contenders for one join, 50 trials;
/// exactly one wins each time, and no lock or flag is left behind.
@Suite(.serialized) struct ElectionTests {
    func trials(_ store: @Sendable () throws -> any ObjectStore, trials: Int, contenders: Int) async throws {
        for t in 0..<trials {
            let folder = "FaaSrLog/wf/2025-08-29T23-17-01/trial-\(t)-\(UUID().uuidString.prefix(6))"
            let results = try await withThrowingTaskGroup(of: Bool.self) { g in
                for _ in 0..<contenders {
                    let s = try store()
                    g.addTask { try await FanInElection(store: s, folder: folder, action: "join").contend() }
                }
                return try await g.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1, "trial \(t): \(results.filter { $0 }.count) winners")
            let s = try store()
            let lines = String(decoding: try await s.getData("\(folder)/join.candidate"), as: UTF8.self).split(separator: "\n")
            #expect(lines.count >= 1 && lines.count <= contenders)
            #expect(!(try await s.exists("\(folder)/join/lock")))
            #expect(try await s.list(prefix: "\(folder)/join/flag/").objects.isEmpty)
        }
    }

    @Test func twentyContendersFiftyTrialsOnS3() async throws {
        guard let env = S3Env.current else {
            if SharedFixtures.isCI { _ = try S3Env.require() }
            return
        }
        let prefix = "election-\(UUID().uuidString.prefix(8).lowercased())/"
        try await trials({ PrefixedStore(inner: env.client(), prefix: prefix) }, trials: 50, contenders: 20)
    }

    @Test func twentyContendersOnLocalFolders() async throws {
        let root = temporaryDirectory("election")
        try await trials({ try LocalFolderStore(root: root) }, trials: 10, contenders: 20)
    }

    /// Mixed deployment: FaaSr 2.x contenders (its lock protocol, literally: numeric flags,
    /// list-then-put lock, candidate read-append-write-read) race ours; still exactly one wins.
    @Test func mixedWithFaaSrStyleContenders() async throws {
        let root = temporaryDirectory("mixed")
        for t in 0..<40 {
            let folder = "FaaSrLog/wf/ts/mixed-\(t)"
            let results = try await withThrowingTaskGroup(of: Bool.self) { g in
                for i in 0..<12 {
                    let s = try LocalFolderStore(root: root)
                    if i % 3 == 0 {
                        g.addTask { try await FaaSrStyleContender(store: s, folder: folder, action: "join").contend() }
                    } else {
                        g.addTask { try await FanInElection(store: s, folder: folder, action: "join").contend() }
                    }
                }
                return try await g.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1, "trial \(t)")
        }
    }
}

/// FaaSr 2.x's election (FaaSr_py/helpers/faasr_lock.py and check_candidate_set), written
/// from spec/runtime.md §2.5–2.6 with shorter sleeps.
struct FaaSrStyleContender {
    let store: any ObjectStore
    let folder: String
    let action: String

    func contend() async throws -> Bool {
        let lock = "\(folder)/\(action)/lock"
        let flags = "\(folder)/\(action)/flag"
        var counter = 0
        while true {
            let k = Int.random(in: 1...Int(Int32.max))
            let flag = "\(flags)/\(k)"
            try await store.put(flag, data: Data())
            let others = try await store.list(prefix: flags).keys.filter { $0 != flag }
            if others.isEmpty {
                if try await store.list(prefix: lock).objects.isEmpty {
                    try await store.put(lock, data: Data(String(k).utf8))
                    try await store.delete(flag)
                    break
                }
            }
            try await store.delete(flag)
            counter += 1
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 << min(counter, 5)))))
        }
        let candidate = "\(folder)/\(action).candidate"
        let r = Int.random(in: 1...Int(Int32.max))
        var text = ""
        if !(try await store.list(prefix: candidate).objects.isEmpty) {
            text = String(decoding: try await store.getData(candidate), as: UTF8.self)
        }
        text += "\(r)\n"
        try await store.put(candidate, data: Data(text.utf8))
        let back = String(decoding: try await store.getData(candidate), as: UTF8.self)
        try await store.delete(lock)
        return back.split(separator: "\n").first.map(String.init) == String(r)
    }
}
