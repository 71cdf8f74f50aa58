import FaaSrCore

/// Where values stood in the file as opened, so problems can name `line:col` like a
/// compiler. Answers from the parse the file was opened with (nothing is parsed again);
/// paths added since opening answer with their nearest existing parent.
public final class SourcePositions: @unchecked Sendable, Equatable {
    private let document: JSONDocument?

    /// Positions of the document a file was parsed into.
    public init(_ document: JSONDocument) { self.document = document }

    /// No positions (a workflow built in memory).
    public init() { document = nil }

    /// The `line:col` of the value at `pointer`, if known.
    public func location(of pointer: JSONPointer) -> SourceLocation? { document?.location(of: pointer) }

    /// Positions never make two states differ.
    public static func == (a: SourcePositions, b: SourcePositions) -> Bool { true }
}
