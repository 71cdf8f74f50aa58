import FaaSrCore
import Foundation

/// Runs a whole workflow on this machine (`faasr local`): each action is its own
/// `faasr run` process in its own working directory with its own RPC port; successors are
/// started through ``LocalTrigger``'s queue folder. At most ``Options/jobLimit`` of those
/// processes run at once; further requests (ranked copies, successors) wait in the order they
/// were triggered, and each row counts its queued copies.
public final class LocalRun: @unchecked Sendable {
    /// Options of a local run.
    public struct Options: Sendable {
        /// The workflow file.
        public var workflowFile: URL
        /// Map every data store to `{storeDirectory}/{name}`; nil uses the workflow's own stores.
        public var storeDirectory: URL?
        /// Where working directories, the trigger queue and statuses go.
        public var runDirectory: URL
        /// The `faasr` executable to start for each action.
        public var executable: String
        /// Extra environment for every action.
        public var environment: [String: String]
        /// Extra arguments for every `faasr run` (for example `--endpoint-override`).
        public var extraArguments: [String] = []
        /// Start each `faasr run` with `--quiet` (its log is then only in the store, at its end).
        public var quietActions = true
        /// At most this many `faasr run` processes at once (`--jobs`); nil: no limit
        /// (`--no-job-limit`). Default: ``LocalJobLimit/machineDefault``.
        public var jobLimit: Int? = LocalJobLimit.machineDefault
        /// Creates options.
        public init(workflowFile: URL, storeDirectory: URL?, runDirectory: URL, executable: String,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.workflowFile = workflowFile
            self.storeDirectory = storeDirectory
            self.runDirectory = runDirectory
            self.executable = executable
            self.environment = environment
        }
    }

    /// The summary of a finished run.
    public struct Summary: Sendable {
        /// Rows in ActionList order.
        public var rows: [Row]
        /// InvocationID and timestamp of the run.
        public var invocationID: String?, invocationTimestamp: String?
        /// Whether everything that should have run succeeded.
        public var succeeded: Bool
        /// Total wall time in seconds.
        public var seconds: Double
        /// Number of `faasr run` processes started.
        public var processes: Int
        /// The most `faasr run` processes that ran at once.
        public var peakProcesses = 0
        /// The limit the run kept to (nil: none).
        public var jobLimit: Int?
    }

    let options: Options
    let workflow: JSONObject
    let graph: WorkflowGraph
    private let lock = NSLock()
    private var rows: [String: Row] = [:]
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var invocationID: String?
    private var invocationTimestamp: String?
    private var processCount = 0
    private var sequence = 0
    private var actionEnvironment: [String: String]

    /// Reads and checks the workflow.
    public init(options: Options) throws {
        self.options = options
        actionEnvironment = options.environment
        guard let data = FileManager.default.contents(atPath: options.workflowFile.path) else {
            throw RuntimeFailure("cannot read \(options.workflowFile.path)")
        }
        guard let obj = try JSONValue.parse(data).objectValue else {
            throw RuntimeFailure("\(options.workflowFile.path) is not a JSON object")
        }
        workflow = obj
        graph = WorkflowGraph(Workflow(root: .object(obj)))
        guard let entry = graph.faasrStart else { throw RuntimeFailure("Function loop found: no initial action") }
        do { _ = try graph.faasrCheck(functionInvoke: entry) } catch { throw RuntimeFailure(error.description) }
        for a in graph.nodes { rows[a] = Row(action: a, state: .waiting, expected: graph.copies(of: a)) }
        started = clock.now
    }

    /// Seconds since the run was created.
    public var elapsed: Double {
        let d = clock.now - started
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The current rows, in ActionList order.
    public var snapshot: [Row] { lock.withLock { graph.nodes.compactMap { rows[$0] } } }

    /// The real Python interpreter behind `python3` on PATH (`sys.executable`), found once
    /// per run and handed to every action as `FAASR_PYTHON`, so a version-manager shim
    /// (pyenv's costs 0.1–0.5 s) is not started again for each action. Nil when
    /// `FAASR_PYTHON` is already set, Python is missing (actions then report it), `python3`
    /// is a real program (no script to see through), or a pyenv shim that every action
    /// resolves by itself at no cost (``PyenvShim``): only other shims cost this one start.
    func resolvedPython() async -> String? {
        let env = options.environment
        guard env["FAASR_PYTHON"] == nil, let exe = ChildProcess.which("python3", path: env["PATH"]) else { return nil }
        let head = FileHandle(forReadingAtPath: exe).flatMap { try? $0.read(upToCount: 2) }
        guard head == Data("#!".utf8) else { return nil }
        if PyenvShim.resolve(exe, directory: options.runDirectory, environment: env) != nil { return nil }
        let lines = LinesBox()
        let out = try? await ChildProcess.run(executable: exe, arguments: ["-c", "import sys; print(sys.executable)"],
                                              directory: options.runDirectory, environment: env, timeout: .seconds(120),
                                              onLine: { lines.append($0) })
        guard out?.status == 0, let path = lines.value.last, path.hasPrefix("/"),
              FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return path
    }

    /// Runs the workflow to the end; `progress` is called whenever a row changes.
    public func run(progress: @escaping @Sendable ([Row]) -> Void = { _ in }) async throws -> Summary {
        let fm = FileManager.default
        try fm.createDirectory(at: options.runDirectory, withIntermediateDirectories: true)
        if let python = await resolvedPython() { lock.withLock { actionEnvironment["FAASR_PYTHON"] = python } }
        let queue = options.runDirectory.appendingPathComponent("queue", isDirectory: true)
        try fm.createDirectory(at: queue, withIntermediateDirectories: true)
        var entryOver = JSONObject()
        entryOver["FunctionInvoke"] = .string(graph.faasrStart!)
        try await LocalTrigger(queue: queue).trigger(TriggerRequest(
            action: graph.faasrStart!, rank: nil, serverName: "", server: JSONObject(), overwritten: entryOver,
            payloadURL: options.workflowFile.standardizedFileURL.path, functionName: ""))
        progress(snapshot)
        var running: [Task<Void, Never>] = []
        var waiting: [QueuedRequest] = []
        let active = ActiveCount()
        let limit = options.jobLimit.map { max(1, $0) } ?? Int.max
        while true {
            var changed = false
            let names = (try? fm.contentsOfDirectory(atPath: queue.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
            for name in names {
                let file = queue.appendingPathComponent(name)
                let taken = options.runDirectory.appendingPathComponent("requests/\(name)")
                try fm.createDirectory(at: taken.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.moveItem(at: file, to: taken)
                let request = QueuedRequest(file: taken)
                if let action = request.action { update(action) { $0.queued += 1 } }
                waiting.append(request)
                changed = true
            }
            while !waiting.isEmpty, active.value < limit {
                let request = waiting.removeFirst()
                active.change(1)
                running.append(Task {
                    await self.start(request, queue: queue, progress: progress)
                    active.change(-1)
                })
                changed = false // start() reports the change
            }
            if changed { progress(snapshot) }
            if active.value == 0 && waiting.isEmpty {
                let left = (try? fm.contentsOfDirectory(atPath: queue.path))?.filter { $0.hasSuffix(".json") } ?? []
                if left.isEmpty { break }
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        for t in running { await t.value }
        finishRows()
        progress(snapshot)
        let final = snapshot
        let ok = !final.contains { $0.state == .failed || $0.state == .notRun }
        var summary = Summary(rows: final, invocationID: invocationID, invocationTimestamp: invocationTimestamp,
                              succeeded: ok, seconds: elapsed, processes: processCount)
        summary.peakProcesses = active.peak
        summary.jobLimit = options.jobLimit
        return summary
    }

    private func start(_ request: QueuedRequest, queue: URL, progress: @escaping @Sendable ([Row]) -> Void) async {
        guard let action = request.action else { return }
        let requestFile = request.file, rank = request.rank
        let label = rank.map { "\(action)-\($0)" } ?? action
        let unique = requestFile.deletingPathExtension().lastPathComponent.suffix(8)
        let work = options.runDirectory.appendingPathComponent("actions/\(label)-\(unique)", isDirectory: true)
        let status = work.appendingPathComponent(".faasr/status.json")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var args = ["run", "--event", requestFile.path, "--trigger-dir", queue.path, "--work-dir", work.path,
                    "--rpc-port", "0", "--status-file", status.path] + (options.quietActions ? ["--quiet"] : [])
        if let s = options.storeDirectory { args += ["--store-dir", s.path] }
        args += options.extraArguments
        update(action) { row in
            row.queued = max(0, row.queued - 1)
            row.started += 1
            if row.startTime == nil { row.startTime = self.elapsed }
            row.state = .running
        }
        lock.withLock { processCount += 1 }
        progress(snapshot)
        let outputFile = work.appendingPathComponent(".faasr/output.txt")
        try? FileManager.default.createDirectory(at: outputFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let out = OutputFile(url: outputFile)
        var exitStatus: Int32 = 1
        do {
            let r = try await ChildProcess.run(executable: options.executable, arguments: args, directory: work,
                                               environment: lock.withLock { actionEnvironment }, timeout: nil, onLine: { out.write($0) })
            exitStatus = r.status
        } catch {
            out.write("cannot start \(options.executable): \(error)")
        }
        out.close()
        var kind = exitStatus == 0 ? "succeeded" : "failed"
        var message: String?
        var logKey: String?
        if let s = FileManager.default.contents(atPath: status.path), let o = try? JSONValue.parse(s).objectValue {
            kind = o.string("kind") ?? kind
            message = o.string("message")
            logKey = o.string("logKey")
            lock.withLock {
                if invocationID == nil { invocationID = o.string("invocationID") }
                if invocationTimestamp == nil { invocationTimestamp = o.string("invocationTimestamp") }
            }
        } else if exitStatus != 0 {
            message = "faasr run exited with status \(exitStatus) (output: \(outputFile.path))"
        }
        update(action) { row in
            if let logKey { row.logs.append(logKey) }
            switch kind {
            case "succeeded": row.finished += 1
            case "aborted": row.started -= 1
            default:
                row.state = .failed
                row.message = message ?? "failed"
            }
            if row.state != .failed {
                row.state = row.finished >= row.expected ? .done : (row.started > row.finished ? .running : .waiting)
            }
            if row.state == .done || row.state == .failed { row.endTime = self.elapsed }
        }
        progress(snapshot)
    }

    private func update(_ action: String, _ change: (inout Row) -> Void) {
        lock.withLock {
            var row = rows[action] ?? Row(action: action, state: .waiting)
            change(&row)
            stamp(&row)
            rows[action] = row
        }
    }

    /// Dates a change of `row` (called with the lock held): the time of the event and the
    /// next number of the run's event counter.
    private func stamp(_ row: inout Row) {
        sequence += 1
        row.sequence = sequence
        row.changedAt = elapsed
    }

    /// Marks actions that never ran: after a failure upstream, or a branch not taken.
    private func finishRows() {
        lock.withLock {
            let graph = graph
            var changed = true
            while changed {
                changed = false
                for a in graph.nodes {
                    guard var row = rows[a], row.state == .waiting || row.state == .running else { continue }
                    let ps = graph.incoming(to: a).map(\.from)
                    let states = ps.compactMap { rows[$0]?.state }
                    if states.contains(where: { $0 == .waiting || $0 == .running }) { continue }
                    if states.contains(where: { $0 == .failed || $0 == .notRun }) {
                        row.state = .notRun
                    } else if states.contains(.skipped) || graph.hasConditionalIncoming(a) {
                        row.state = .skipped
                    } else {
                        row.state = .failed
                        row.message = row.started > 0 ? "only \(row.finished) of \(row.expected) copies finished" : "never started although its predecessors finished"
                    }
                    stamp(&row)
                    rows[a] = row
                    changed = true
                }
            }
        }
    }
}

