/// Something the terminal reported.
public enum InputEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// A mouse event.
    case mouse(MouseEvent)
    /// The terminal changed size.
    case resize(Size)
}

/// A mouse event at a cell.
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown }
    /// What happened.
    public var kind: Kind
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int
    /// Creates a mouse event.
    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// A terminal the app can draw to and read from. `NCursesBackend` implements it for real
/// terminals; `FakeTerminal` (FaaSrTestSupport) plays a script of keys and keeps what was drawn, for tests.
public protocol Terminal {
    /// The current size.
    var size: Size { get }
    /// Waits up to `timeoutMilliseconds` for input; nil on timeout.
    func readEvent(timeoutMilliseconds: Int) -> InputEvent?
    /// Shows `canvas`, with the text cursor at `cursor` (hidden when nil).
    func present(_ canvas: Canvas, cursor: (x: Int, y: Int)?)
    /// Restores the terminal to how it was before the app started. Idempotent.
    func close()
    /// Whether no more input will come (a fake terminal's script ended): the app stops.
    var hasEnded: Bool { get }
}

extension Terminal {
    /// A real terminal never ends.
    public var hasEnded: Bool { false }
}
