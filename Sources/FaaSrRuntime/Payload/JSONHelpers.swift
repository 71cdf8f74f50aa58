import FaaSrCore
import Foundation

extension JSONValue {
    /// Parses UTF-8 JSON text into a value (member order kept).
    static func parse(_ text: String) throws -> JSONValue {
        try JSONDocument(text: text).root
    }

    /// Parses UTF-8 JSON bytes into a value (member order kept).
    static func parse(_ data: Data) throws -> JSONValue {
        try JSONDocument(bytes: [UInt8](data)).root
    }

    /// Compact JSON text.
    var compactText: String { JSONPrinter.compact(self) }

    /// FaaSr's truthiness for flags such as `UseSecretStore`: true, non-zero numbers and
    /// non-empty strings are true.
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .number(let n): n.doubleValue != 0
        case .string(let s): !s.isEmpty
        case .array(let a): !a.isEmpty
        case .object(let o): !o.isEmpty
        }
    }
}

extension JSONObject {
    /// A string member, or nil when absent or not a string.
    func string(_ key: String) -> String? { self[key]?.stringValue }

    /// An object member, or nil.
    func object(_ key: String) -> JSONObject? { self[key]?.objectValue }
}
