import FaaSrCore
import FaaSrTestSupport
import Foundation

/// Plays the platforms' part in an end-to-end test: whenever a loopback server (or moto's
/// Lambda invoke log) accepts an invocation, it starts `faasr run` with the payload in exactly
/// that platform's delivery form (see `PlatformEmulator+Sources.swift`), each run in a fresh
/// folder as a fresh container would be. SLURM needs no emulation: its jobs run for real.
///
/// Everything here runs on threads of its own (one poller, one per `faasr run`), never on
/// Swift's cooperative pool, so a loaded machine cannot starve the loopback servers the runs
/// talk to. Waiting (``settle(expected:timeout:)``) is also done on a thread.
public final class PlatformEmulator: @unchecked Sendable {
    /// One action start, as its platform hands it to the container.
    public struct Delivery: Sendable {
        /// The platform's FaaSType (`Lambda`, `OpenWhisk`, ...).
        public var platform: String
        /// What the platform started (function, job, workflow file, execution).
        public var source: String
        /// The arguments after `faasr run` (a Lambda event, OpenWhisk parameters, or none).
        public var arguments: [String]
        /// The container's environment as the platform sets it.
        public var environment: [String: String]
        /// Called with the exit status when the run ends (e.g. to mark a Kubernetes Job done).
        public var onExit: (@Sendable (Int32) -> Void)?

        /// A delivery.
        public init(platform: String, source: String, arguments: [String] = [], environment: [String: String] = [:],
                    onExit: (@Sendable (Int32) -> Void)? = nil) {
            self.platform = platform
            self.source = source
            self.arguments = arguments
            self.environment = environment
            self.onExit = onExit
        }

        /// The action this delivery starts, read from its OVERWRITTEN (`FunctionInvoke`).
        public var action: String? {
            let text = arguments.last ?? ""
            if let event = try? JSONParser.parse(Array(text.utf8)), let over = event["OVERWRITTEN"] {
                let object = over.stringValue.flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? over
                return object["FunctionInvoke"]?.stringValue
            }
            return environment["OVERWRITTEN"].flatMap { try? JSONParser.parse(Array($0.utf8)) }?["FunctionInvoke"]?.stringValue
        }
    }

    /// One finished `faasr run`.
    public struct Run: Sendable {
        /// What started it.
        public var delivery: Delivery
        /// Exit status, standard output and standard error.
        public var status: Int32, out: String, err: String
    }

    private let faasr: URL
    private let environment: [String: String]
    private let condition = NSCondition()
    private var delivered: [Delivery] = []
    private var finished: [Run] = []
    private var running = 0
    private var stopped = false
    private var pollers: [@Sendable () -> [Delivery]] = []
    private var folders: [URL] = []

    /// An emulator running `faasr` at `faasr`. `environment` is what every container has
    /// besides its delivery: the endpoint overrides that send the platforms' default endpoints
    /// to the loopback servers and moto, the RPC port choice, PATH. Never secrets or payloads.
    public init(faasr: URL, environment: [String: String]) {
        self.faasr = faasr
        self.environment = environment
    }

    /// Every delivery so far, in order.
    public var deliveries: [Delivery] { condition.withLock { delivered } }
    /// Every finished run so far, in order of ending.
    public var runs: [Run] { condition.withLock { finished } }

    /// Starts `faasr run` for `delivery` on a thread of its own; returns at once (safe to call
    /// from a server's request handler).
    public func deliver(_ delivery: Delivery) {
        let folder: URL
        do { folder = try FaasrExecutable.temporaryDirectory() } catch { return }
        condition.withLock {
            delivered.append(delivery)
            folders.append(folder)
            running += 1
        }
        let env = environment.merging(delivery.environment) { $1 }
        let thread = Thread { [self] in
            let result = (try? FaasrExecutable.run(["run"] + delivery.arguments, in: folder, environment: env,
                                                    inheritEnvironment: false)) ?? (-1, "", "faasr run could not start")
            delivery.onExit?(result.0)
            condition.withLock {
                finished.append(Run(delivery: delivery, status: result.0, out: result.1, err: result.2))
                running -= 1
                condition.broadcast()
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Adds a source that is asked every quarter second for new deliveries (for servers that
    /// record invocations rather than call a hook).
    func poll(_ source: @escaping @Sendable () -> [Delivery]) {
        let first = condition.withLock { () -> Bool in
            pollers.append(source)
            return pollers.count == 1
        }
        guard first else { return }
        let thread = Thread { [self] in
            while true {
                let sources = condition.withLock { stopped ? nil : pollers }
                guard let sources else { return }
                for source in sources { for d in source() { deliver(d) } }
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        thread.start()
    }

    /// Waits (on a thread, not the cooperative pool) until at least `expected` runs have
    /// ended and none is running, or `timeout` seconds passed; true when settled.
    public func settle(expected: Int, timeout: TimeInterval) async -> Bool {
        await withCheckedContinuation { done in
            Thread { [self] in
                let deadline = Date().addingTimeInterval(timeout)
                condition.lock()
                while !(finished.count >= expected && running == 0), condition.wait(until: deadline) {}
                let settled = finished.count >= expected && running == 0
                condition.unlock()
                done.resume(returning: settled)
            }.start()
        }
    }

    /// Stops polling and removes the runs' folders (call after ``settle(expected:timeout:)``).
    public func stop() {
        let list = condition.withLock { () -> [URL] in
            stopped = true
            return folders
        }
        for f in list { try? FileManager.default.removeItem(at: f) }
    }
}
