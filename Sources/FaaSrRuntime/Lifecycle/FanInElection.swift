import FaaSrStorage
import Foundation

/// Elects exactly one of the concurrent invocations of a join action, with FaaSr's keys so
/// FaaSr 2.x contenders interoperate (spec/runtime.md §2.5, §2.6):
/// flags `{folder}/{F}/flag/{k}`, lock `{folder}/{F}/lock`, candidate `{folder}/{F}.candidate`
/// (one random number per line; the first line wins).
///
/// Differences from FaaSr, all compatible with FaaSr contenders:
/// - The lock is taken with a conditional write (put-if-absent), so our contenders exclude
///   each other atomically. Our flags end in `-s`. Between writing our flag and the
///   conditional write we list the flags and back off if a FaaSr contender's flag is there:
///   a FaaSr contender writes the lock unconditionally after seeing no other flag, and keeps
///   its flag until after that write, so one that could overwrite our lock is always visible
///   in that listing; one that lists later sees our flag (or our lock) and backs off.
///   We never delete a lock we did not take (checking after the conditional write could
///   delete a lock a FaaSr contender had just overwritten).
/// - A contender that finds the candidate file already started loses at once, without the
///   lock (its first line can never change). FaaSr would append its number first.
/// - The back-off is randomised (FaaSr's fixed 1, 2, 4, 8, 16 s steps keep equal contenders
///   in lock-step) and the candidate file is not read back (we hold the lock while writing).
public struct FanInElection: Sendable {
    /// The logging store.
    public let store: any ObjectStore
    /// The invocation folder.
    public let folder: String
    /// The join action.
    public let action: String
    /// Give up after this long (FaaSr: about 175 s of sleeping).
    public var timeout: Duration = .seconds(180)
    /// Base of the randomised back-off.
    public var backoffBase: Duration = .milliseconds(10)

    /// Creates an election.
    public init(store: any ObjectStore, folder: String, action: String) {
        self.store = store
        self.folder = folder
        self.action = action
    }

    var lockKey: String { "\(folder)/\(action)/lock" }
    var flagPrefix: String { "\(folder)/\(action)/flag/" }
    /// The candidate file key.
    public var candidateKey: String { "\(folder)/\(action).candidate" }

    /// Takes part; returns true for exactly one contender.
    public func contend() async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var attempt = 0
        while true {
            if try await candidateText() != nil { return false }
            if try await tryLock() {
                do {
                    let r = Int.random(in: 1...Int(Int32.max))
                    var text = try await candidateText() ?? ""
                    let won = text.isEmpty
                    if !text.hasSuffix("\n") && !text.isEmpty { text += "\n" }
                    text += "\(r)\n"
                    try await store.put(candidateKey, data: Data(text.utf8))
                    try await store.delete(lockKey)
                    return won
                } catch {
                    try? await store.delete(lockKey)
                    throw error
                }
            }
            attempt += 1
            if clock.now > deadline {
                throw RuntimeFailure("Lock Timeout: could not take the lock \(lockKey) within \(timeout)")
            }
            let capMs = Int(backoffBase.components.attoseconds / 1_000_000_000_000_000 + backoffBase.components.seconds * 1000) << min(attempt, 7)
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...max(1, capMs))))
        }
    }

    /// The candidate file's text, or nil when it does not exist or is empty.
    func candidateText() async throws -> String? {
        do {
            let t = String(decoding: try await store.getData(candidateKey), as: UTF8.self)
            return t.isEmpty ? nil : t
        } catch StorageError.notFound {
            return nil
        }
    }

    /// One attempt at the lock. A store error during the attempt (for example a local
    /// folder removed by a concurrent delete) counts as a failed attempt, after cleaning up.
    func tryLock() async throws -> Bool {
        let k = Int.random(in: 1...Int(Int32.max))
        let flag = flagPrefix + "\(k)-s"
        var created = false
        do {
            try await store.put(flag, data: Data())
            let foreign = try await store.list(prefix: flagPrefix).keys.contains { !$0.hasSuffix("-s") }
            if !foreign {
                created = try await store.putIfAbsent(lockKey, data: Data(String(k).utf8)) == .created
            }
            try await store.delete(flag)
            return created
        } catch {
            if created { try? await store.delete(lockKey) }
            try? await store.delete(flag)
            return false
        }
    }
}
