/// What a ``Validator`` checks.
public struct ValidationOptions: Hashable, Sendable {
    /// Which rules run.
    public enum Rules: Hashable, Sendable {
        /// Exactly what the FaaSr JSON Schema checks, nothing more (the runtime's own verdict).
        case schemaOnly
        /// The schema, plus the graph and reference rules and warnings.
        case all
    }

    /// Which rules run (default: all).
    public var rules: Rules
    /// The schema to check against; nil picks it by format generation (``FaaSrSchema/matching(_:)``).
    public var schema: FaaSrSchema?

    public init(rules: Rules = .all, schema: FaaSrSchema? = nil) {
        self.rules = rules
        self.schema = schema
    }

    /// All rules, schema by generation.
    public static let all = ValidationOptions()
    /// Only the schema, chosen by generation.
    public static let schemaOnly = ValidationOptions(rules: .schemaOnly)
}

/// The outcome of validating one text.
public struct ValidationReport: Sendable {
    /// The parsed workflow, or nil when the text is not JSON.
    public var root: JSONValue?
    /// Every finding, in document order.
    public var diagnostics: [Diagnostic]

    public init(root: JSONValue?, diagnostics: [Diagnostic]) {
        self.root = root
        self.diagnostics = diagnostics
    }

    /// The errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The warnings.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    /// Whether there is no error (warnings allowed).
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
    /// Whether the text could not be parsed as JSON.
    public var isUnparseable: Bool { root == nil }
}

/// Checks FaaSr workflows and reports every problem with its place, words and a fix.
///
/// Cheap enough to run after every keystroke: the schemas are compiled once per process, and
/// the checks walk the document a few times in linear time.
public struct Validator: Sendable {
    /// What is checked.
    public var options: ValidationOptions

    public init(options: ValidationOptions = .all) {
        self.options = options
    }

    /// Parses and validates UTF-8 bytes; a text that is not JSON gives one `json.syntax` error.
    ///
    /// The text is parsed without recording positions; only the findings are located
    /// afterwards (``PointerLocator``), which makes loading about three times faster.
    public func validate(bytes: [UInt8]) -> ValidationReport {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            return ValidationReport(root: nil, diagnostics: [Diagnostic(parseError: error)])
        }
        var locator = PointerLocator(bytes: bytes)
        var diagnostics = findings(in: root)
        var located: [Int] = [], offsets: [Int] = []
        for (i, d) in diagnostics.enumerated() {
            guard let offset = locator.offset(of: d.pointer, key: Self.pointsAtKey(d)) else { continue }
            located.append(i)
            offsets.append(offset)
        }
        for (i, location) in zip(located, locator.locations(ofOffsets: offsets)) { diagnostics[i].location = location }
        return ValidationReport(root: root, diagnostics: diagnostics.sorted(by: Diagnostic.documentOrder))
    }

    /// Parses and validates a string.
    public func validate(text: String) -> ValidationReport { validate(bytes: Array(text.utf8)) }

    /// Validates a loaded document; diagnostics carry source locations when it came from text.
    public func validate(_ document: JSONDocument) -> [Diagnostic] {
        var diagnostics = findings(in: document.root)
        for i in diagnostics.indices {
            let p = diagnostics[i].pointer
            diagnostics[i].location = Self.pointsAtKey(diagnostics[i]) ? document.keyLocation(of: p) : document.location(of: p)
        }
        return diagnostics.sorted(by: Diagnostic.documentOrder)
    }

    /// Findings about a name (unknown field, bad action name, unused entry) point at the key.
    static func pointsAtKey(_ d: Diagnostic) -> Bool {
        d.code == RuleCode.schema("additionalProperties") || d.code == RuleCode.schema("propertyNames")
            || d.code == RuleCode.jsonDuplicateKey || d.code.hasPrefix("ref.unused") || d.code == RuleCode.graphUnreachable
            || d.code == RuleCode.graphRoots
    }

    /// Validates a value built in memory (no source locations).
    public func validate(_ workflow: JSONValue) -> [Diagnostic] {
        findings(in: workflow).sorted(by: Diagnostic.documentOrder)
    }

    private func findings(in workflow: JSONValue) -> [Diagnostic] {
        let schema = options.schema ?? FaaSrSchema.matching(workflow)
        var violations = schema.compiled.violations(of: workflow)
        if options.rules == .schemaOnly {
            return SchemaMessages.diagnostics(for: violations, in: workflow)
        }
        var out: [Diagnostic] = []
        if schema == .v1 {
            // FaaSr 2 keeps credentials in the secret store; the 1.x demand for inline keys is
            // not an error here (docs/compatibility.md).
            violations.removeAll { if case .required(let k) = $0.kind { Self.credentialFields.contains(k) } else { false } }
            out.append(.warning(RuleCode.formatLegacy, at: JSONPointer(tokens: ["FunctionList"]),
                                "this is a FaaSr 1.x workflow (\"FunctionList\"); FaaSr 2 runs only the 2.x format",
                                hint: "convert it with `faasr convert FILE`"))
        }
        out += SchemaMessages.diagnostics(for: violations, in: workflow)
        out += DuplicateKeyRule.check(workflow)
        out += WorkflowRules.check(workflow)
        return out
    }

    /// Server fields that hold credentials.
    static let credentialFields: Set<String> = ["Token", "API.key", "AccessKey", "SecretKey"]
}
