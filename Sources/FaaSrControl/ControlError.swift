/// A control-plane command that cannot go on: what is wrong, and what to do about it.
public struct ControlError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public var message: String
    /// What to do, when there is something to say.
    public var hint: String?

    /// Creates an error.
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message + (hint.map { "\n    hint: \($0)" } ?? "") }
}
