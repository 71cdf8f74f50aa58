import FaaSrCore

/// Where values stood in the file as opened, so problems can name `line:col` like a
/// compiler. Paths added since opening answer with their nearest existing parent.
public final class SourcePositions: @unchecked Sendable, Equatable {
    private let document: JSONDocument?

    /// Positions of `text` (none when it does not parse).
    public init(text: String?) {
        document = text.flatMap { try? JSONDocument(text: $0) }
    }

    /// The `line:col` of the value at `pointer`, if known.
    public func location(of pointer: JSONPointer) -> SourceLocation? { document?.location(of: pointer) }

    /// Positions never make two states differ.
    public static func == (a: SourcePositions, b: SourcePositions) -> Bool { true }
}
