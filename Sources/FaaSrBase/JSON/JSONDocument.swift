/// A JSON text loaded for editing: the value tree, the layout it was written in, and where
/// each value and member name stood in the original text.
///
/// Locations are found on demand in the original text by JSON pointer (``PointerLocator``
/// scans only along the path), rather than kept inside the tree, so loading records nothing
/// and edits never have to maintain them; after edits they still answer for every path that
/// exists in the original text, with its original position (see docs/decisions.md).
public struct JSONDocument: Sendable {
    /// The value tree.
    public var root: JSONValue
    /// The layout of the original text (canonical for documents built in memory).
    public var format: JSONFormat
    /// The original text, for locating paths; nil for documents built in memory.
    private let source: [UInt8]?

    /// A document built in memory (no source locations).
    public init(root: JSONValue, format: JSONFormat = .canonical) {
        self.root = root
        self.format = format
        source = nil
    }

    /// Parses UTF-8 bytes.
    public init(bytes: [UInt8]) throws(JSONParseError) {
        root = try JSONParser.parse(bytes)
        format = JSONFormat.detect(in: bytes)
        source = bytes
    }

    /// Parses a string.
    public init(text: String) throws(JSONParseError) {
        try self.init(bytes: Array(text.utf8))
    }

    /// Where the value at `pointer` started in the source, or its nearest ancestor's position
    /// when the path is not in the source; nil for in-memory documents.
    public func location(of pointer: JSONPointer) -> SourceLocation? {
        guard let source else { return nil }
        var locator = PointerLocator(bytes: source)
        return locator.location(of: pointer)
    }

    /// Where the member name at `pointer` (an object member) started, else the value's location.
    public func keyLocation(of pointer: JSONPointer) -> SourceLocation? {
        guard let source else { return nil }
        var locator = PointerLocator(bytes: source)
        return locator.keyLocation(of: pointer)
    }

    /// The text of the document in its own layout (``JSONFormat/detect(in:)``).
    public func serializedPreservingLayout() -> String { JSONPrinter.print(root, format: format) }

    /// The text of the document in the canonical style.
    public func serializedCanonical() -> String { JSONPrinter.print(root, format: .canonical) }
}
