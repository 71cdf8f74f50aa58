/// Why a text is not JSON, and where.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in the words a person fixing the file needs.
    public var message: String
    /// Where the problem was found.
    public var location: SourceLocation
    /// How to fix it, when there is a likely fix.
    public var hint: String?

    public init(message: String, location: SourceLocation, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }

    public var description: String { "\(location): \(message)" }
}
