import Synchronization
import TUIKit

/// The designer's main loop against any ``Terminal`` (ncurses, or `FakeTerminal` in tests):
/// read input, run ``reduce(_:_:)``, run the effects, draw. File effects run at once
/// (``EffectRunner/perform(_:)``); ``Job``s run as tasks that send events into an inbox the
/// loop drains between keys, so a long run never blocks a keystroke. Quitting cancels the
/// jobs and waits for them (a run's processes are stopped first).
public final class Program {
    /// How the loop waits.
    public struct Timing: Sendable {
        /// The terminal read's timeout while no job runs.
        public var idleMilliseconds = 250
        /// The terminal read's timeout while jobs run (how soon their events are drawn).
        public var busyMilliseconds = 15
        /// An asynchronous pause after a read that found nothing (for terminals whose reads
        /// do not wait, like `FakeTerminal`).
        public var pauseMilliseconds = 0
        /// The defaults for a real terminal.
        public init() {}
        /// For a terminal that does not wait: no read timeout, a short async pause.
        public static var nonBlocking: Timing {
            var t = Timing()
            t.idleMilliseconds = 0
            t.busyMilliseconds = 0
            t.pauseMilliseconds = 5
            return t
        }
    }

    /// The current state.
    public private(set) var state: AppState
    private let terminal: any Terminal
    private let timing: Timing
    private let faasr: String?
    private let inbox = EventInbox()
    private var jobs: [JobID: (serial: Int, task: Task<Void, Never>)] = [:]
    private var serial = 0


    /// A program showing `state` on `terminal`; `faasr` is the program local runs start.
    public init(state: AppState, terminal: any Terminal, timing: Timing = Timing(), faasr: String? = FaasrProgram.locate()) {
        self.state = state
        self.terminal = terminal
        self.timing = timing
        self.faasr = faasr
    }

    /// Whether a background job is running.
    public var isBusy: Bool { !jobs.isEmpty }

    /// Runs until the user quits (or a fake terminal's script ends); then stops the jobs.
    public func run() async {
        state.size = terminal.size
        draw()
        while !terminal.hasEnded {
            var events: [AppEvent] = []
            if let input = terminal.readEvent(timeoutMilliseconds: jobs.isEmpty ? timing.idleMilliseconds : timing.busyMilliseconds) {
                switch input {
                case .key(let k): events.append(.key(k))
                case .resize(let s): events.append(.resize(s))
                case .mouse(let m): events.append(.mouse(m))
                }
            }
            for item in inbox.drain() {
                switch item {
                case .event(let e): events.append(e)
                case .ended(let id, let n): if jobs[id]?.serial == n { jobs[id] = nil }
                }
            }
            if events.isEmpty {
                if timing.pauseMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(timing.pauseMilliseconds)) }
                continue
            }
            if !handle(events) { break }
            draw()
        }
        await stopJobs()
    }

    /// Reduces `events` and runs their effects; false when the program should end.
    func handle(_ events: [AppEvent]) -> Bool {
        var queue = events
        while !queue.isEmpty {
            for effect in reduce(&state, queue.removeFirst()) {
                switch effect {
                case .quit: return false
                case .start(let job): start(job)
                case .cancel(let id): jobs[id]?.task.cancel()
                default: if let back = EffectRunner.perform(effect) { queue.append(back) }
                }
            }
        }
        return true
    }

    /// Starts `job` as a ``Effect/start(_:)`` would, without a key (benchmarks put a run or a
    /// monitor in flight this way before ``run()``).
    public func startJob(_ job: Job) { start(job) }

    private func start(_ job: Job) {
        jobs[job.id]?.task.cancel()
        serial += 1
        let n = serial, id = job.id, faasr = self.faasr
        let inbox = self.inbox
        let task = Task.detached {
            await BackgroundJobs.run(job, faasr: faasr) { e in inbox.post(.event(e)) }
            inbox.post(.ended(id, serial: n))
        }
        jobs[id] = (n, task)
    }

    /// Cancels every job and waits for it to end.
    func stopJobs() async {
        let running = jobs.values.map(\.task)
        jobs = [:]
        for t in running { t.cancel() }
        for t in running { await t.value }
    }

    private func draw() {
        let frame = render(state)
        terminal.present(frame.canvas, cursor: frame.cursor)
    }
}

/// What jobs send to the loop, from any thread.
final class EventInbox: Sendable {
    enum Item: Sendable {
        case event(AppEvent)
        case ended(JobID, serial: Int)
    }
    private let items = Mutex<[Item]>([])
    func post(_ item: Item) { items.withLock { $0.append(item) } }
    func drain() -> [Item] { items.withLock { box in defer { box = [] }; return box } }
}
