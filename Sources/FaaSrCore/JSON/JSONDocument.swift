/// A JSON text loaded for editing: the value tree, the layout it was written in, and where
/// each value and member name stood in the original text.
///
/// Locations are kept beside the tree (by JSON pointer) rather than inside it, so edits never
/// have to maintain them; after edits they still answer for every path that still exists, with
/// its original position (see docs/decisions.md).
public struct JSONDocument: Sendable {
    /// The value tree.
    public var root: JSONValue
    /// The layout of the original text (canonical for documents built in memory).
    public var format: JSONFormat
    private let lineTable: LineTable?
    private let valueOffsets: [JSONPointer: Int]
    private let keyOffsets: [JSONPointer: Int]

    /// A document built in memory (no source locations).
    public init(root: JSONValue, format: JSONFormat = .canonical) {
        self.root = root
        self.format = format
        lineTable = nil
        valueOffsets = [:]
        keyOffsets = [:]
    }

    /// Parses UTF-8 bytes.
    public init(bytes: [UInt8]) throws(JSONParseError) {
        let parsed = try JSONParser.parse(bytes)
        root = parsed.value
        format = JSONFormat.detect(in: bytes)
        lineTable = LineTable(bytes: bytes)
        valueOffsets = parsed.valueOffsets
        keyOffsets = parsed.keyOffsets
    }

    /// Parses a string.
    public init(text: String) throws(JSONParseError) {
        try self.init(bytes: Array(text.utf8))
    }

    /// Where the value at `pointer` started in the source, or its nearest ancestor's position
    /// when the path is not in the source; nil for in-memory documents.
    public func location(of pointer: JSONPointer) -> SourceLocation? {
        guard let lineTable else { return nil }
        var p = pointer
        while true {
            if let offset = valueOffsets[p] { return lineTable.location(ofOffset: offset) }
            if p.tokens.isEmpty { return nil }
            p = p.parent
        }
    }

    /// Where the member name at `pointer` (an object member) started, else the value's location.
    public func keyLocation(of pointer: JSONPointer) -> SourceLocation? {
        if let lineTable, let offset = keyOffsets[pointer] { return lineTable.location(ofOffset: offset) }
        return location(of: pointer)
    }

    /// The text of the document in its own layout (``JSONFormat/detect(in:)``).
    public func serializedPreservingLayout() -> String { JSONPrinter.print(root, format: format) }

    /// The text of the document in the canonical style.
    public func serializedCanonical() -> String { JSONPrinter.print(root, format: .canonical) }
}
