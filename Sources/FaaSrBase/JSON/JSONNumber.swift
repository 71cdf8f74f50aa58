/// A JSON number that keeps the exact text it was written with, so `1.0` stays `1.0`,
/// `5` stays `5` and `1e3` stays `1e3` through a load and save.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number's JSON spelling.
    public let text: String

    /// Wraps an already valid JSON number spelling (the parser's entry point).
    public init(text: String) { self.text = text }

    /// An integer number.
    public init(_ value: Int) { self.text = String(value) }

    /// A floating-point number, printed in its shortest round-trip form (integral values
    /// keep a `.0`, as a person writing JSON by hand would).
    public init(_ value: Double) {
        precondition(value.isFinite, "JSON has no spelling for \(value)")
        self.text = value.description
    }

    /// The value as a `Double` (always available for a valid number).
    public var doubleValue: Double { Double(text) ?? .nan }

    /// The value as an `Int` when the spelling is an integer (no fraction, no exponent) that fits.
    public var intValue: Int? { Int(text) }

    /// Whether the value is mathematically an integer (`5`, `5.0`, `1e3`), as JSON Schema's
    /// `integer` type counts it.
    public var isInteger: Bool {
        let d = doubleValue
        return d.isFinite && d.rounded(.towardZero) == d
    }

    public var description: String { text }
}
