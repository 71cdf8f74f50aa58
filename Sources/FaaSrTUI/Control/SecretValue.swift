/// A secret value typed in the designer (`:secrets set NAME`): it is handed to `faasr secrets
/// push` in the child's environment only. Printing, interpolating, dumping or mirroring it
/// shows dots, so it reaches no screen, message, toast or log by accident.
public struct SecretValue: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The value itself (read only to put it in a child's environment).
    public let revealed: String
    /// Wraps `value`.
    public init(_ value: String) { revealed = value }
    /// Dots, never the value.
    public var description: String { SecretMask.dots }
    /// Dots, never the value.
    public var debugDescription: String { SecretMask.dots }
    /// No children: `dump` and the test failure printer show nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
