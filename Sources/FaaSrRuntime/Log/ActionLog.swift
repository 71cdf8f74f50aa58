import Foundation

/// The log of one action: every line goes to stdout at once and is kept in memory, and the
/// whole log is written to the logging store once, when the action ends (FaaSr re-uploads
/// the whole file after every line).
public final class ActionLog: @unchecked Sendable {
    /// Severity of a framework line.
    public enum Level: String, Sendable { case debug = "DEBUG", info = "INFO", warning = "WARNING", error = "ERROR" }

    private let start: ContinuousClock.Instant
    private let lock = NSLock()
    private var lines: [String] = []
    private let echo: Bool

    /// Creates an empty log; `echo` prints each line to stdout as it is added.
    public init(echo: Bool = true) {
        self.start = ContinuousClock.now
        self.echo = echo
    }

    /// Seconds since the action started, to 3 decimals.
    var elapsed: String {
        let d = ContinuousClock.now - start
        let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
        return String(format: "%.3f", Double(ms) / 1000)
    }

    /// Adds a framework line `[t] [LEVEL] message`.
    public func log(_ level: Level, _ message: String) {
        append("[\(elapsed)] [\(level.rawValue)] \(message)")
    }

    /// Adds a line written by the user function (`faasr_log`), verbatim.
    public func user(_ message: String) {
        append(message)
    }

    /// Adds output of the function's process.
    public func output(_ line: String) {
        append(line)
    }

    private func append(_ line: String) {
        lock.withLock { lines.append(line) }
        if echo {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    /// The whole log text, one line per entry, each ending in a newline.
    public var text: String {
        lock.withLock { lines.map { $0 + "\n" }.joined() }
    }

    /// Whether anything was logged.
    public var isEmpty: Bool { lock.withLock { lines.isEmpty } }
}
