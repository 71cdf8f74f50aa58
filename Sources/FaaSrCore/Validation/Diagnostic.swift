/// One finding about a workflow: what is wrong, where, and how to fix it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Hashable, Sendable, Comparable, Codable {
        /// The workflow is invalid: FaaSr would reject it or it cannot run as written.
        case error
        /// Legal but probably a mistake, or a risk (unused entries, inline credentials, ...).
        case warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    /// Error or warning.
    public var severity: Severity
    /// A stable rule code such as `schema.required` or `graph.cycle`; see ``RuleCode``.
    public var code: String
    /// Where in the document the problem is.
    public var pointer: JSONPointer
    /// Line and column in the source text, when the workflow was loaded from text.
    public var location: SourceLocation?
    /// What is wrong, in one sentence.
    public var message: String
    /// How to fix it, when there is a likely fix.
    public var hint: String?

    public init(
        severity: Severity, code: String, pointer: JSONPointer, location: SourceLocation? = nil,
        message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.pointer = pointer
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// An error.
    public static func error(_ code: String, at pointer: JSONPointer, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity: .error, code: code, pointer: pointer, message: message, hint: hint)
    }

    /// A warning.
    public static func warning(_ code: String, at pointer: JSONPointer, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity: .warning, code: code, pointer: pointer, message: message, hint: hint)
    }

    /// A parse error as a diagnostic (rule `json.syntax`).
    public init(parseError: JSONParseError) {
        self.init(severity: .error, code: RuleCode.jsonSyntax, pointer: .root, location: parseError.location,
                  message: parseError.message, hint: parseError.hint)
    }

    /// `line:col: severity: message [code] (pointer)` on one line.
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message) [\(code)] (\(pointer.description.isEmpty ? "/" : pointer.description))"
    }

    /// Orders diagnostics by position in the file (those without a position by pointer), then
    /// errors before warnings.
    public static func documentOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            if a.pointer != b.pointer { return a.pointer < b.pointer }
            if a.severity != b.severity { return a.severity < b.severity }
            return a.message < b.message
        }
    }
}
