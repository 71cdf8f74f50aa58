#if canImport(Glibc)
import Glibc
#endif
import TUIKit

/// A terminal for tests (like ratatui's `TestBackend` or bubbletea's `teatest`): it plays a
/// script of steps — keys, resizes, and waits until the screen shows some text — and keeps
/// every frame drawn. Reads never wait (run the app with a non-blocking timing); a wait step
/// that times out ends the script and is recorded in ``failures``.
public final class FakeTerminal: Terminal {
    /// One step of the script.
    public enum Step: Sendable {
        /// Press a key.
        case key(Key)
        /// Type each character of a string.
        case type(String)
        /// Resize the terminal.
        case resize(Size)
        /// Wait until the last frame contains `text` (at most `seconds`).
        case waitFor(String, seconds: Double)
        /// Wait until `condition` holds for the last frame's text (at most `seconds`).
        case waitUntil(String, seconds: Double, condition: @Sendable (String) -> Bool)
    }

    /// The current size.
    public private(set) var size: Size
    /// The last frame drawn.
    public private(set) var canvas: Canvas
    /// How many frames were drawn.
    public private(set) var frames = 0
    /// Waits that timed out, with the screen at that moment.
    public private(set) var failures: [String] = []
    private var steps: [Step]
    private var deadline: Double?
    private var expandedType: [Key] = []

    /// A terminal of `size` that plays `script`.
    public init(size: Size = Size(width: 100, height: 30), script: [Step]) {
        self.size = size
        self.canvas = Canvas(size: size)
        self.steps = script
    }

    /// The last frame as text, one line per row, trailing spaces trimmed.
    public var screen: String { canvas.plainText() }

    /// Whether the script is over.
    public var hasEnded: Bool { steps.isEmpty && expandedType.isEmpty }

    /// The next scripted input, if the script is at one (never waits).
    public func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        if !expandedType.isEmpty { return .key(expandedType.removeFirst()) }
        while let step = steps.first {
            switch step {
            case .key(let k):
                steps.removeFirst()
                return .key(k)
            case .type(let text):
                steps.removeFirst()
                expandedType = text.map { Key.char($0) }
                return expandedType.isEmpty ? nil : .key(expandedType.removeFirst())
            case .resize(let s):
                steps.removeFirst()
                size = s
                return .resize(s)
            case .waitFor(let text, let seconds):
                if !wait(text, seconds: seconds, { $0.contains(text) }) { return nil }
            case .waitUntil(let what, let seconds, let condition):
                if !wait(what, seconds: seconds, condition) { return nil }
            }
        }
        return nil
    }

    /// True (and the step done) when `condition` holds; false while waiting; ends the
    /// script when the wait times out.
    private func wait(_ what: String, seconds: Double, _ condition: (String) -> Bool) -> Bool {
        let now = Self.now()
        if condition(screen) {
            steps.removeFirst()
            deadline = nil
            return true
        }
        if deadline == nil { deadline = now + seconds }
        if let d = deadline, now > d {
            failures.append("timed out after \(seconds) s waiting for \(what); the screen:\n\(screen)")
            steps = []
            deadline = nil
        }
        return false
    }

    /// Keeps `canvas` as the last frame.
    public func present(_ canvas: Canvas, cursor: (x: Int, y: Int)?) {
        self.canvas = canvas
        frames += 1
    }

    /// Nothing to restore.
    public func close() {}

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
