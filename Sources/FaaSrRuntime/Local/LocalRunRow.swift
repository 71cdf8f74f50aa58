import Foundation

extension LocalRun {
    /// The state of one action in the progress view.
    public enum State: String, Sendable {
        /// Not started yet.
        case waiting
        /// At least one process of it is running.
        case running
        /// Its function ran and succeeded (every rank, for ranked actions).
        case done
        /// Its function (or its life cycle) failed.
        case failed
        /// Never ran because a conditional branch was not taken.
        case skipped = "skipped-by-branch"
        /// Never ran because an action before it failed.
        case notRun = "not run"
    }

    /// One action's row in the progress view.
    public struct Row: Sendable {
        /// The action name.
        public var action: String
        /// Its state.
        public var state: State
        /// Copies started / finished (ranked actions have several).
        public var started = 0, finished = 0, expected = 1
        /// When its first process started, and when its last one ended (seconds since start).
        public var startTime: Double?, endTime: Double?
        /// The failure message, if any.
        public var message: String?
        /// Log keys written.
        public var logs: [String] = []
        /// Copies triggered but waiting for a free job slot (`faasr local --jobs`).
        public var queued = 0
        /// When this row last changed (seconds since start): the time of its latest event.
        public var changedAt: Double = 0
        /// The run's event counter at that change: rows with a higher number changed later.
        public var sequence = 0
        /// Copies running now.
        public var running: Int { max(0, started - finished) }

        /// Creates a row.
        public init(action: String, state: State, started: Int = 0, finished: Int = 0, expected: Int = 1) {
            self.action = action
            self.state = state
            self.started = started
            self.finished = finished
            self.expected = expected
        }
    }
}
