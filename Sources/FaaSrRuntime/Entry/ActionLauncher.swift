import Foundation

/// Runs one action for an entry point: the request, the environment this activation adds
/// (`__OW_*`, ...), and a fresh working folder. The `faasr` executable builds it from the
/// same settings as `faasr run`; tests build their own.
public typealias ActionLauncher = @Sendable (_ request: PayloadRequest, _ environment: [String: String], _ workingDirectory: URL) async -> ActionOutcome

/// A platform's time limit for one activation.
enum ActivationDeadline {
    /// Runs `body` and returns its value, or nil as soon as `deadline` has passed (the body
    /// keeps running: the caller reports the timeout and leaves, as the platform would stop
    /// the container anyway).
    static func race<T: Sendable>(_ deadline: Date?, _ body: @escaping @Sendable () async -> T) async -> T? {
        guard let deadline else { return await body() }
        let once = Once<T?>()
        return await withCheckedContinuation { continuation in
            once.set(continuation)
            Task { once.resume(await body()) }
            Task {
                let wait = deadline.timeIntervalSinceNow
                if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
                once.resume(nil)
            }
        }
    }

    /// A continuation resumed by whichever side comes first (it is set before either starts).
    private final class Once<V: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<V, Never>?

        func set(_ c: CheckedContinuation<V, Never>) { lock.withLock { continuation = c } }

        func resume(_ value: V) {
            let c = lock.withLock { () -> CheckedContinuation<V, Never>? in defer { continuation = nil }; return continuation }
            c?.resume(returning: value)
        }
    }
}

/// Serialises activations: one at a time in one container (the RPC port is shared).
actor ActivationQueue {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` after every earlier activation finished.
    func run<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        if busy { await withCheckedContinuation { waiting.append($0) } }
        busy = true
        let value = await body()
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        return value
    }
}
