/// One entry of a map keyed by function name whose values are a string or a list of strings
/// (`FunctionGitRepo`, `FunctionCRANPackage`, `PyPIPackageDownloads`, ...), or of
/// `ActionContainers` (keyed by action name, one string).
public struct NamedStrings: Hashable, Sendable {
    /// The key (function or action name).
    public var name: String
    /// The strings: one for a string value, the elements for an array (non-strings skipped).
    public var values: [String]
    /// Whether the value was written as a single string.
    public var isSingleString: Bool
    /// The raw value.
    public var value: JSONValue
    /// Where the value stands.
    public var pointer: JSONPointer

    /// Reads one member of such a map.
    public init(name: String, value: JSONValue, pointer: JSONPointer) {
        self.name = name
        self.value = value
        self.pointer = pointer
        switch value {
        case .string(let s):
            values = [s]
            isSingleString = true
        case .array(let a):
            values = a.compactMap(\.stringValue)
            isSingleString = false
        default:
            values = []
            isSingleString = false
        }
    }

    /// Reads every member of the object at `key` of `object` (empty when absent or not an object).
    static func entries(of object: JSONObject, key: String) -> [NamedStrings] {
        guard let map = object[key]?.objectValue else { return [] }
        let base = JSONPointer(tokens: [key])
        return map.members.map { NamedStrings(name: $0.key, value: $0.value, pointer: base.appending($0.key)) }
    }
}
