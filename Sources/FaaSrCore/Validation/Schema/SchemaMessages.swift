/// Turns ``SchemaViolation``s into diagnostics a scientist can act on: which part of the
/// workflow, what is wrong with it in plain words, and how to fix it. No JSON Schema jargon.
enum SchemaMessages {
    /// The diagnostics for the violations of `workflow` (locations are added by the caller).
    static func diagnostics(for violations: [SchemaViolation], in workflow: JSONValue) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen = Set<Diagnostic>()
        for v in violations {
            for d in diagnostics(for: v, in: workflow) where seen.insert(d).inserted { out.append(d) }
        }
        return out
    }

    private static func diagnostics(for v: SchemaViolation, in workflow: JSONValue) -> [Diagnostic] {
        let value = v.value ?? workflow.value(at: v.pointer)
        let what = describe(v.pointer)
        let code = RuleCode.schema(v.keyword)
        func error(_ message: String, _ hint: String?) -> [Diagnostic] {
            [.error(code, at: v.pointer, message, hint: hint)]
        }
        switch v.kind {
        case .type(let expected):
            let want = expected.map(article).joined(separator: " or ")
            let got = value.map { article($0.typeName) } ?? "missing"
            return error("\(what) must be \(want), not \(got)", typeHint(v.pointer, expected: expected, value: value))

        case .enumeration(let allowed):
            let names = allowed.map(show)
            let shown = value.map(show) ?? "this value"
            var hint = "use one of: \(names.joined(separator: ", "))"
            if let s = value?.stringValue, let near = closest(s, among: allowed.compactMap(\.stringValue)) {
                hint = "did you mean \"\(near)\"? (allowed: \(names.joined(separator: ", ")))"
            }
            if v.pointer.last == "Type", let s = value?.stringValue, s == "Agent" || s == "Bridge" {
                hint += "; \(s) actions run only on the experimental FaaSr fork, not on official FaaSr"
            }
            return error("\(what) is \(shown), which FaaSr does not know", hint)

        case .constant(let c):
            return error("\(what) must be \(show(c))", "set it to \(show(c))")

        case .minLength(let n):
            if n == 1 { return error("\(what) is empty", "give it a value, or remove the field if it is optional") }
            return error("\(what) is too short (at least \(n) characters)", nil)

        case .maxLength(let n):
            return error("\(what) is too long (at most \(n) characters)", nil)

        case .pattern(let p):
            let s = value?.stringValue ?? ""
            return error("\(what) is \"\(s)\", which is not allowed: \(explain(pattern: p))", patternHint(s, pattern: p, at: v.pointer))

        case .minimum(let m, let exclusive):
            let shown = value.map(show) ?? "the value"
            return error("\(what) is \(shown) but must be \(exclusive ? "greater than" : "at least") \(number(m))",
                         "use a number \(exclusive ? "above" : "of at least") \(number(m))")

        case .maximum(let m, let exclusive):
            let shown = value.map(show) ?? "the value"
            return error("\(what) is \(shown) but must be \(exclusive ? "less than" : "at most") \(number(m))", nil)

        case .minProperties(let n):
            if n == 1 {
                let hint = v.pointer.tokens.count == 1
                    ? "add at least one entry, or remove \"\(v.pointer.last ?? "")\" altogether"
                    : "add at least one entry"
                return error("\(what) is empty", hint)
            }
            return error("\(what) needs at least \(n) entries", nil)

        case .maxProperties(let n):
            if isConditional(v.pointer) {
                return error("\(what) has more than the two branches \"True\" and \"False\"",
                             "a conditional holds at most a \"True\" list and a \"False\" list")
            }
            return error("\(what) has more than \(n) entries", nil)

        case .required(let key):
            return error("\(what) is missing \"\(key)\"", requiredHint(key, at: v.pointer, object: value, in: workflow))

        case .additionalProperty(let key, let allowed):
            var hint = "remove \"\(key)\"; FaaSr rejects fields it does not know here"
            if let newer = renamed[key], allowed.contains(newer) {
                hint = "\"\(key)\" is an old spelling; rename it to \"\(newer)\""
            } else if let near = closest(key, among: allowed) {
                hint = "did you mean \"\(near)\"? FaaSr rejects fields it does not know here"
            } else if isConditional(v.pointer.parent) {
                hint = "a conditional may only have the keys \"True\" and \"False\""
            }
            return [.error(code, at: v.pointer, "\(describe(v.pointer.parent)) has a field \"\(key)\" that FaaSr does not allow", hint: hint)]

        case .propertyName(let name, let inner):
            let parent = describe(v.pointer.parent)
            var out: [Diagnostic] = []
            for i in inner {
                switch i.kind {
                case .pattern(let p):
                    out.append(.error(RuleCode.schema("propertyNames"), at: v.pointer,
                                      "name \"\(name)\" in \(parent) is not allowed: \(explain(pattern: p))",
                                      hint: patternHint(name, pattern: p, at: v.pointer)))
                case .minLength:
                    out.append(.error(RuleCode.schema("propertyNames"), at: v.pointer,
                                      "\(parent) has an entry with an empty name", hint: "give the entry a name"))
                default:
                    out.append(.error(RuleCode.schema("propertyNames"), at: v.pointer,
                                      "name \"\(name)\" in \(parent) is not allowed", hint: nil))
                }
            }
            if out.isEmpty {
                out.append(.error(RuleCode.schema("propertyNames"), at: v.pointer, "name \"\(name)\" in \(parent) is not allowed"))
            }
            return out

        case .minItems(let n):
            return error("\(what) needs at least \(n) items", nil)

        case .maxItems(let n):
            return error("\(what) may have at most \(n) items", nil)

        case .uniqueItems:
            return error("\(what) lists the same item twice", "remove the repeated item")

        case .containsTooFew(let min, let found):
            return error("\(what) needs at least \(min) matching items, found \(found)", nil)

        case .containsTooMany(let max, let found):
            if v.pointer.last == "InvokeNext" {
                return error("\(what) has \(found) conditional objects; at most \(max) is allowed",
                             "merge them into one {\"True\": [...], \"False\": [...]}")
            }
            return error("\(what) has \(found) matching items, at most \(max) allowed", nil)

        case .anyOf(let branches), .oneOf(_, let branches):
            // Report the alternative meant for this kind of value (a string or an object), if one is.
            let fitting = branches.filter { b in
                !b.contains { if case .type = $0.kind { $0.pointer == v.pointer } else { false } }
            }
            if fitting.count == 1, !fitting[0].isEmpty {
                return fitting[0].flatMap { diagnostics(for: $0, in: workflow) }
            }
            if v.pointer.tokens.count >= 2, v.pointer.tokens[v.pointer.tokens.count - 2] == "InvokeNext" {
                let got = value.map { article($0.typeName) } ?? "nothing"
                return error("\(what) must be an action name or a conditional {\"True\": [...], \"False\": [...]}, not \(got)",
                             "write the next action's name as a string, for example \"B\" or \"B(3)\"")
            }
            return error("\(what) does not have any of the allowed forms", nil)

        case .not:
            return error("\(what) has a form that is not allowed here", nil)

        case .nothingAllowed:
            return error("\(what) is not allowed here", "remove it")
        }
    }

    // MARK: - Describing places

    /// "action \"start\"", "\"Region\" of compute server \"AWS\"", ...
    static func describe(_ pointer: JSONPointer) -> String {
        let t = pointer.tokens
        guard let first = t.first else { return "the workflow" }
        let table = actionTables.contains(first)
        let kind: String? = table ? "action" : first == "ComputeServers" ? "compute server"
            : first == "DataStores" ? "data store" : nil
        if let kind, t.count >= 2 {
            let owner = "\(kind) \"\(t[1])\""
            if t.count == 2 { return owner }
            if t.count >= 4, t[2] == "InvokeNext" {
                var s = "InvokeNext item \(Int(t[3]).map { String($0 + 1) } ?? t[3]) of \(owner)"
                if t.count >= 5 { s = "the \"\(t[4])\" branch of " + s }
                if t.count >= 6 { s = "item \(Int(t[5]).map { String($0 + 1) } ?? t[5]) in " + s }
                return s
            }
            return "\"\(t[2...].joined(separator: "."))\" of \(owner)"
        }
        if t.count == 1 { return "\"\(first)\"" }
        if t.count == 2 { return "entry \"\(t[1])\" of \"\(first)\"" }
        return "\"\(t.joined(separator: "."))\""
    }

    /// Field names of old FaaSr versions and their current spelling.
    private static let renamed = ["Next": "InvokeNext", "Actionname": "FunctionName", "LoggingServer": "LoggingDataStore"]

    private static let actionTables: Set<String> = ["ActionList", "FunctionList"]

    private static func isConditional(_ p: JSONPointer) -> Bool {
        let t = p.tokens
        return t.count == 4 && actionTables.contains(t[0]) && t[2] == "InvokeNext"
    }

    // MARK: - Hints

    private static func typeHint(_ p: JSONPointer, expected: [String], value: JSONValue?) -> String? {
        // Never repeat what may be a credential.
        if Validator.credentialFields.contains(p.last ?? "") { return "write it as a string, or better, keep it in the secret store" }
        switch (p.last, value) {
        case (_, .object?) where p.tokens.first == "FunctionList" && p.tokens.dropLast().last == "InvokeNext":
            return "FaaSr 1.x writes a conditional as \"Name[TRUE]\" or \"Name[FALSE]\"; or convert the file to 2.x with `faasr convert`"
        case ("InvokeNext", .string(let s)?):
            return "write a list: \"InvokeNext\": [\"\(s)\"]"
        case ("Writable", .bool(let b)?), ("Anonymous", .bool(let b)?):
            return "write it as a string: \"\(b ? "TRUE" : "FALSE")\""
        case ("True", .string(let s)?), ("False", .string(let s)?):
            return "write a list: [\"\(s)\"]"
        case (_, .string(let s)?) where expected.contains("integer") || expected.contains("number"):
            return "write the number without quotes: \(s)"
        case (_, .string(let s)?) where expected == ["boolean"]:
            return "write true or false without quotes (not \"\(s)\")"
        case (_, .number(let n)?) where expected == ["string"]:
            return "put the value in quotes: \"\(n.text)\""
        default:
            return nil
        }
    }

    private static func requiredHint(_ key: String, at p: JSONPointer, object: JSONValue?, in workflow: JSONValue) -> String? {
        let t = p.tokens
        if t.count == 2, actionTables.contains(t[0]), key == "FunctionName" {
            if object?["Type"]?.stringValue == "Agent" {
                return "official FaaSr needs a FunctionName on every action; Agent actions (an LLM prompt) run only on the experimental FaaSr fork"
            }
            return "add \"FunctionName\": the name of the function in your code that this action runs"
        }
        if t.count == 2, actionTables.contains(t[0]), key == "FaaSServer" {
            let servers = workflow["ComputeServers"]?.objectValue?.keys ?? []
            return servers.isEmpty ? "add \"FaaSServer\" naming a compute server"
                : "add \"FaaSServer\" naming one of the compute servers: \(servers.map { "\"\($0)\"" }.joined(separator: ", "))"
        }
        if t.count == 2, t[0] == "ComputeServers" {
            let type = object?["FaaSType"]?.stringValue ?? "this"
            return "a \(type) server needs \"\(key)\"; add it to the server"
        }
        if t.count == 2, t[0] == "DataStores", key == "Bucket" {
            return "add \"Bucket\": the name of the S3 bucket this store uses"
        }
        if t.isEmpty {
            switch key {
            case "WorkflowName": return "add \"WorkflowName\": a name such as \"my-workflow\" (letters, digits and '-')"
            case "FunctionInvoke": return "add \"FunctionInvoke\": the name of the first action to run"
            case "DefaultDataStore": return "add \"DefaultDataStore\": the name of one of the DataStores"
            case "ActionList": return "add \"ActionList\" with the workflow's actions"
            case "ComputeServers": return "add \"ComputeServers\" with at least one compute server"
            case "DataStores": return "add \"DataStores\" with at least one S3 data store"
            case "FunctionList": return "add \"FunctionList\" with the workflow's functions"
            default: return "add \"\(key)\""
            }
        }
        return "add \"\(key)\""
    }

    private static func patternHint(_ s: String, pattern: String, at p: JSONPointer) -> String? {
        let isName = pattern.hasPrefix("^[a-zA-Z][a-zA-Z0-9-]*")
        if isName {
            var fixed = String(s.unicodeScalars.map { c -> Character in
                c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-")
                    ? Character(c) : (c == "(" || c == ")" ? Character(c) : "-")
            })
            if let f = fixed.first, !f.isLetter { fixed = "a" + fixed }
            if pattern.contains("\\(") {
                if let open = s.firstIndex(of: "("), s.hasSuffix(")") {
                    let rank = s[s.index(after: open)..<s.index(before: s.endIndex)]
                    if rank.isEmpty || !rank.allSatisfy(\.isNumber) {
                        return "a rank is written as digits in parentheses, for example \"\(s[..<open])(3)\"; arguments cannot be given here"
                    }
                }
                return fixed != s ? "did you mean \"\(fixed)\"? (also rename the action itself)" : nil
            }
            if p.tokens.first.map(actionTables.contains) == true || p.tokens == ["WorkflowName"] {
                let what = p.tokens == ["WorkflowName"] ? "workflow" : "action"
                let extra = what == "action" ? " and every InvokeNext entry that names it" : ""
                return fixed != s ? "rename the \(what) to \"\(fixed)\"\(extra)" : nil
            }
        }
        if pattern.hasPrefix("^%") { return "use a strftime format such as \"%Y%m%d\" (daily) or \"%Y%m%d%H\" (hourly)" }
        if pattern == "^[A-Z][A-Z_0-9]*$" { return "use a name such as \"\(s.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined())\"" }
        return nil
    }

    /// Plain words for the patterns of the FaaSr schemas; other patterns are quoted.
    static func explain(pattern p: String) -> String {
        switch p {
        case "^[a-zA-Z][a-zA-Z0-9-]*$":
            return "names must start with a letter and contain only letters, digits and '-' (no '_', '.' or spaces)"
        case "^[a-zA-Z_][a-zA-Z0-9_]*$":
            return "function names must start with a letter or '_' and contain only letters, digits and '_'"
        case "^[a-zA-Z][a-zA-Z0-9-]*(?:\\([0-9]+\\))?$":
            return "a next action is an action name (a letter, then letters, digits or '-'), optionally with a rank such as \"(3)\""
        case "^%[YymdHMSjUWaAbBfzZ%-]([%YymdHMSjUWaAbBfzZ%-])*$":
            return "it must be a date format made only of %-codes (such as %Y%m%d), with no other characters"
        case "^[A-Z][A-Z_0-9]*$":
            return "secret names must start with a capital letter and contain only capitals, digits and '_'"
        default:
            if p.hasPrefix("^[a-zA-Z_][a-zA-Z0-9_]*(?:\\[") {
                return "a next function is a function name, optionally with [TRUE]/[FALSE] and a rank such as \"(3)\""
            }
            return "it must match the pattern \(p)"
        }
    }

    // MARK: - Words

    private static func article(_ type: String) -> String {
        switch type {
        case "object": "an object {...}"
        case "array": "a list [...]"
        case "integer": "a whole number"
        case "number": "a number"
        case "string": "a string"
        case "boolean": "true or false"
        case "null": "null"
        default: type
        }
    }

    private static func show(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): "\"\(s)\""
        case .number(let n): n.text
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .array: "a list"
        case .object: "an object"
        }
    }

    private static func number(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    /// The candidate nearest to `s` when it is a likely misspelling (case, or edit distance ≤ 2).
    ///
    /// Runs on every keystroke in the designer, often once per unknown name against every action
    /// name, so the target is lowered once, candidates are filtered by length before anything is
    /// allocated, and the distance uses three reused rows with an early exit past the limit.
    static func closest(_ s: String, among candidates: [String]) -> String? {
        let target = Array(s.lowercased())
        let limit = min(2, max(1, target.count / 3))
        var best: (String, Int)? = nil
        var rows = DistanceRows()
        for c in candidates where abs(c.count - target.count) <= limit {
            let lowered = Array(c.lowercased())
            if lowered == target { return c }
            let d = rows.distance(target, lowered, limit: limit)
            if d <= limit, d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best?.0
    }
}

/// Reusable rows for the edit distance of ``SchemaMessages/closest(_:among:)``: an insertion,
/// deletion, substitution or swap of neighbours each count as one.
struct DistanceRows {
    private var before: [Int] = []
    private var previous: [Int] = []
    private var current: [Int] = []

    /// The distance between `a` and `b`, or any value above `limit` once it cannot be within it.
    mutating func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        before = Array(repeating: 0, count: width)
        previous = Array(0..<width)
        current = Array(repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin > limit { return limit + 1 }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
