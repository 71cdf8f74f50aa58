/// A 1.x `InvokeNext` target: `Name`, `Name(N)`, `Name[TRUE]`, `Name[FALSE](N)` (the R
/// package's grammar, `^[a-zA-Z_][a-zA-Z0-9_]*(\[(TRUE|FALSE|true|false|True|False)\])?(\([0-9]+\))?$`).
public struct LegacyTarget: Hashable, Sendable {
    /// The action name.
    public var name: String
    /// `true` for `[TRUE]`, `false` for `[FALSE]`, nil for an unconditional target.
    public var condition: Bool?
    /// `N` of `(N)`.
    public var rank: Int?

    /// Parses a target; nil when the text has no `[...]` condition and no well-formed `(N)`
    /// that a 1.x reader would recognise (then it is used as written).
    public init?(_ text: String) {
        var rest = Substring(text)
        var rank: Int?
        if rest.hasSuffix(")"), let open = rest.lastIndex(of: "(") {
            let digits = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            if !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
                rank = Int(digits)
                rest = rest[..<open]
            }
        }
        var condition: Bool?
        if rest.hasSuffix("]"), let open = rest.lastIndex(of: "[") {
            switch rest[rest.index(after: open)..<rest.index(before: rest.endIndex)].lowercased() {
            case "true": condition = true
            case "false": condition = false
            default: return nil
            }
            rest = rest[..<open]
        }
        guard condition != nil || rank != nil, !rest.isEmpty else { return nil }
        self.name = String(rest)
        self.condition = condition
        self.rank = rank
    }
}
