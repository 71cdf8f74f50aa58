/// Prints diagnostics the way compilers do, so editors and terminals can jump to them:
///
///     workflow.json:12:5: error: action "start" is missing "FunctionName" [schema.required]
///         hint: add "FunctionName": the name of the function in your code that this action runs
///
/// and as JSON for tools. Shared by every `faasr` subcommand that reports problems.
public struct DiagnosticPrinter: Sendable {
    /// Whether to colour the severity (ANSI escapes; only for terminals).
    public var colour: Bool
    /// Whether to append the rule code in brackets.
    public var showCodes: Bool

    public init(colour: Bool = false, showCodes: Bool = true) {
        self.colour = colour
        self.showCodes = showCodes
    }

    /// The lines for one diagnostic in file `path` (the hint, if any, on an indented second line).
    public func format(_ d: Diagnostic, path: String) -> String {
        let place = d.location.map { "\(path):\($0.line):\($0.column)" } ?? path
        let severity = d.severity == .error ? paint("error:", "1;31") : paint("warning:", "1;35")
        var line = "\(place): \(severity) \(paint(d.message, "1"))"
        if d.location == nil, !d.pointer.tokens.isEmpty { line += " (at \(d.pointer))" }
        if showCodes { line += " [\(d.code)]" }
        if let hint = d.hint { line += "\n    \(paint("hint:", "36")) \(hint)" }
        return line
    }

    /// Every diagnostic of one file, one block per diagnostic.
    public func format(_ diagnostics: [Diagnostic], path: String) -> String {
        diagnostics.map { format($0, path: path) }.joined(separator: "\n")
    }

    /// `"2 errors, 1 warning"`-style counts.
    public static func counts(errors: Int, warnings: Int) -> String {
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    private func paint(_ text: String, _ sgr: String) -> String {
        colour ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }

    /// One diagnostic as a JSON object: severity, code, pointer, line, column, message, hint.
    public static func json(_ d: Diagnostic) -> JSONValue {
        var o = JSONObject()
        o["severity"] = .string(d.severity.rawValue)
        o["code"] = .string(d.code)
        o["pointer"] = .string(d.pointer.description)
        o["line"] = d.location.map { .number(JSONNumber($0.line)) } ?? .null
        o["column"] = d.location.map { .number(JSONNumber($0.column)) } ?? .null
        o["message"] = .string(d.message)
        o["hint"] = d.hint.map { .string($0) } ?? .null
        return .object(o)
    }
}
