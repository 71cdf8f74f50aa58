import Foundation

/// An RFC 6901 JSON pointer such as `/ActionList/start/InvokeNext/0`.
public struct JSONPointer: Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The unescaped reference tokens.
    public var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// A pointer from unescaped tokens.
    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses the string form (`""` is the root; `~1` is `/`, `~0` is `~`).
    public init(_ string: String) {
        guard !string.isEmpty else { tokens = []; return }
        let body = string.hasPrefix("/") ? String(string.dropFirst()) : string
        tokens = body.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// This pointer extended by one token.
    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }
    /// This pointer extended by an array index.
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }
    /// The parent pointer (the root is its own parent).
    public var parent: JSONPointer { JSONPointer(tokens: Array(tokens.dropLast())) }
    /// The last token, if any.
    public var last: String? { tokens.last }
    /// Whether `other` is this pointer or lies below it.
    public func isPrefix(of other: JSONPointer) -> Bool {
        other.tokens.count >= tokens.count && Array(other.tokens.prefix(tokens.count)) == tokens
    }

    /// The escaped string form.
    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }

    public static func < (a: JSONPointer, b: JSONPointer) -> Bool {
        for (x, y) in zip(a.tokens, b.tokens) where x != y {
            if let i = Int(x), let j = Int(y) { return i < j }
            return x < y
        }
        return a.tokens.count < b.tokens.count
    }
}
