/// A compiled JSON Schema (draft 2020-12 subset) that checks values the way Python's
/// `jsonschema` does, which is what the FaaSr runtime uses.
///
/// Supported assertion keywords: `type`, `enum`, `const`, `minLength`, `maxLength`, `pattern`,
/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `required`, `properties`,
/// `patternProperties`, `additionalProperties`, `propertyNames`, `minProperties`,
/// `maxProperties`, `items`, `minItems`, `maxItems`, `uniqueItems`, `contains`, `minContains`,
/// `maxContains`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, and boolean schemas.
/// That covers every keyword the FaaSr schemas use; a schema using another assertion keyword
/// (`$ref`, `dependentRequired`, ...) is refused at compile time instead of being half-checked.
/// Annotations (`description`, `default`, `title`, ...) and unknown words (the 1.x schema's
/// misspelt `minLenght`) are ignored, as the specification requires.
///
/// As in Python, an object with a repeated key is checked with the last value only.
public final class JSONSchema: Sendable {
    private let root: SchemaNode

    /// Why a schema could not be compiled.
    public struct CompileError: Error, CustomStringConvertible {
        public let pointer: JSONPointer
        public let reason: String
        public var description: String { "schema \(pointer): \(reason)" }
    }

    /// Compiles a schema document.
    public init(_ schema: JSONValue) throws(CompileError) {
        root = try SchemaNode(schema, at: .root)
    }

    /// Whether `value` satisfies the schema (stops at the first failure).
    public func isValid(_ value: JSONValue) -> Bool {
        var path: [String] = []
        var none: [SchemaViolation]? = nil
        return root.check(value, &path, &none)
    }

    /// Every violation (like `jsonschema`'s `iter_errors`), in document order of discovery.
    public func violations(of value: JSONValue) -> [SchemaViolation] {
        var path: [String] = []
        var out: [SchemaViolation]? = []
        _ = root.check(value, &path, &out)
        return out ?? []
    }
}

/// One compiled schema object.
final class SchemaNode: Sendable {
    let alwaysValid: Bool
    let alwaysInvalid: Bool
    let description: String?
    let types: [String]?
    let enumValues: [JSONValue]?
    let constValue: JSONValue?
    let minLength: Int?
    let maxLength: Int?
    let pattern: SchemaPattern?
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Double?
    let exclusiveMaximum: Double?
    let required: [String]
    let properties: [String: SchemaNode]
    let patternProperties: [(SchemaPattern, SchemaNode)]
    let additionalProperties: SchemaNode?
    let propertyNames: SchemaNode?
    let minProperties: Int?
    let maxProperties: Int?
    let items: SchemaNode?
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool
    let contains: SchemaNode?
    let minContains: Int
    let maxContains: Int?
    let allOf: [SchemaNode]
    let anyOf: [SchemaNode]
    let oneOf: [SchemaNode]
    let not: SchemaNode?
    let ifNode: SchemaNode?
    let thenNode: SchemaNode?
    let elseNode: SchemaNode?

    private static let unsupported: Set<String> = [
        "$ref", "$dynamicRef", "$recursiveRef", "dependentRequired", "dependentSchemas", "dependencies",
        "prefixItems", "unevaluatedItems", "unevaluatedProperties", "multipleOf", "format",
        "contentEncoding", "contentMediaType", "contentSchema", "additionalItems",
    ]

    init(_ schema: JSONValue, at pointer: JSONPointer) throws(JSONSchema.CompileError) {
        func fail(_ reason: String) -> JSONSchema.CompileError { .init(pointer: pointer, reason: reason) }
        if case .bool(let b) = schema {
            alwaysValid = b
            alwaysInvalid = !b
            description = nil; types = nil; enumValues = nil; constValue = nil; minLength = nil; maxLength = nil
            pattern = nil; minimum = nil; maximum = nil; exclusiveMinimum = nil; exclusiveMaximum = nil
            required = []; properties = [:]; patternProperties = []; additionalProperties = nil
            propertyNames = nil; minProperties = nil; maxProperties = nil; items = nil; minItems = nil
            maxItems = nil; uniqueItems = false; contains = nil; minContains = 1; maxContains = nil
            allOf = []; anyOf = []; oneOf = []; not = nil; ifNode = nil; thenNode = nil; elseNode = nil
            return
        }
        guard let o = schema.objectValue else { throw fail("a schema must be an object or a boolean") }
        if let bad = o.keys.first(where: { Self.unsupported.contains($0) }) {
            throw fail("the keyword \(bad) is not supported by this validator")
        }
        alwaysValid = false
        alwaysInvalid = false
        description = o["description"]?.stringValue

        func sub(_ key: String) throws(JSONSchema.CompileError) -> SchemaNode? {
            guard let v = o[key] else { return nil }
            return try SchemaNode(v, at: pointer.appending(key))
        }
        func subs(_ key: String) throws(JSONSchema.CompileError) -> [SchemaNode] {
            guard let v = o[key] else { return [] }
            guard let a = v.arrayValue, !a.isEmpty else { throw fail("\(key) must be a non-empty array") }
            var out: [SchemaNode] = []
            for (i, s) in a.enumerated() { out.append(try SchemaNode(s, at: pointer.appending(key).appending(i))) }
            return out
        }
        func int(_ key: String) throws(JSONSchema.CompileError) -> Int? {
            guard let v = o[key] else { return nil }
            guard let n = v.numberValue, n.isInteger, n.doubleValue >= 0 else { throw fail("\(key) must be a non-negative integer") }
            return Int(n.doubleValue)
        }
        func number(_ key: String) throws(JSONSchema.CompileError) -> Double? {
            guard let v = o[key] else { return nil }
            guard let n = v.numberValue else { throw fail("\(key) must be a number") }
            return n.doubleValue
        }
        func compile(_ p: String) throws(JSONSchema.CompileError) -> SchemaPattern {
            do { return try SchemaPattern(p) } catch { throw fail(error.description) }
        }

        switch o["type"] {
        case nil: types = nil
        case .string(let t)?: types = [t]
        case .array(let a)?: types = a.compactMap(\.stringValue)
        default: throw fail("type must be a string or an array of strings")
        }
        enumValues = o["enum"]?.arrayValue
        constValue = o["const"]
        minLength = try int("minLength")
        maxLength = try int("maxLength")
        if let p = o["pattern"] {
            guard let s = p.stringValue else { throw fail("pattern must be a string") }
            pattern = try compile(s)
        } else {
            pattern = nil
        }
        minimum = try number("minimum")
        maximum = try number("maximum")
        exclusiveMinimum = try number("exclusiveMinimum")
        exclusiveMaximum = try number("exclusiveMaximum")
        required = o["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var props: [String: SchemaNode] = [:]
        if let p = o["properties"]?.objectValue {
            for m in p.members { props[m.key] = try SchemaNode(m.value, at: pointer.appending("properties").appending(m.key)) }
        }
        properties = props
        var pprops: [(SchemaPattern, SchemaNode)] = []
        if let p = o["patternProperties"]?.objectValue {
            for m in p.members {
                pprops.append((try compile(m.key), try SchemaNode(m.value, at: pointer.appending("patternProperties").appending(m.key))))
            }
        }
        patternProperties = pprops
        additionalProperties = try sub("additionalProperties")
        propertyNames = try sub("propertyNames")
        minProperties = try int("minProperties")
        maxProperties = try int("maxProperties")
        items = try sub("items")
        minItems = try int("minItems")
        maxItems = try int("maxItems")
        uniqueItems = o["uniqueItems"]?.boolValue ?? false
        contains = try sub("contains")
        minContains = try int("minContains") ?? 1
        maxContains = try int("maxContains")
        allOf = try subs("allOf")
        anyOf = try subs("anyOf")
        oneOf = try subs("oneOf")
        not = try sub("not")
        ifNode = try sub("if")
        thenNode = try sub("then")
        elseNode = try sub("else")
    }

    /// Checks `value` (at `path`). With `out == nil` it stops at the first failure; otherwise it
    /// appends every violation. Returns whether the value is valid.
    func check(_ value: JSONValue, _ path: inout [String], _ out: inout [SchemaViolation]?) -> Bool {
        if alwaysValid { return true }
        var ok = true
        func report(_ kind: SchemaViolation.Kind, _ extra: String?, _ path: [String], _ out: inout [SchemaViolation]?) {
            ok = false
            add(kind, extra, path, &out, value)
        }
        if alwaysInvalid { report(.nothingAllowed, nil, path, &out); return false }

        if let types, !types.contains(where: { Self.hasType(value, $0) }) {
            report(.type(expected: types), nil, path, &out)
            if out == nil { return false }
        }
        if let enumValues, !enumValues.contains(where: { Self.equal($0, value) }) {
            report(.enumeration(allowed: enumValues), nil, path, &out)
            if out == nil { return false }
        }
        if let constValue, !Self.equal(constValue, value) {
            report(.constant(constValue), nil, path, &out)
            if out == nil { return false }
        }

        switch value {
        case .string(let s):
            if minLength != nil || maxLength != nil {
                let n = s.unicodeScalars.count
                if let minLength, n < minLength { report(.minLength(minLength), nil, path, &out); if out == nil { return false } }
                if let maxLength, n > maxLength { report(.maxLength(maxLength), nil, path, &out); if out == nil { return false } }
            }
            if let pattern, !pattern.matches(s) { report(.pattern(pattern.source), nil, path, &out); if out == nil { return false } }
        case .number(let n):
            let d = n.doubleValue
            if let minimum, d < minimum { report(.minimum(minimum, exclusive: false), nil, path, &out) }
            if let exclusiveMinimum, d <= exclusiveMinimum { report(.minimum(exclusiveMinimum, exclusive: true), nil, path, &out) }
            if let maximum, d > maximum { report(.maximum(maximum, exclusive: false), nil, path, &out) }
            if let exclusiveMaximum, d >= exclusiveMaximum { report(.maximum(exclusiveMaximum, exclusive: true), nil, path, &out) }
            if !ok, out == nil { return false }
        case .object(let o):
            if !checkObject(o, &path, &out) { ok = false; if out == nil { return false } }
        case .array(let a):
            if !checkArray(a, &path, &out) { ok = false; if out == nil { return false } }
        default:
            break
        }

        for s in allOf where !s.check(value, &path, &out) {
            ok = false
            if out == nil { return false }
        }
        if !anyOf.isEmpty {
            var none: [SchemaViolation]? = nil
            if !anyOf.contains(where: { $0.check(value, &path, &none) }) {
                if out != nil {
                    var branches: [[SchemaViolation]] = []
                    for s in anyOf {
                        var b: [SchemaViolation]? = []
                        _ = s.check(value, &path, &b)
                        branches.append(b ?? [])
                    }
                    report(.anyOf(branches), nil, path, &out)
                } else {
                    return false
                }
            }
        }
        if !oneOf.isEmpty {
            var none: [SchemaViolation]? = nil
            let matching = oneOf.filter { $0.check(value, &path, &none) }.count
            if matching != 1 {
                if out == nil { return false }
                var branches: [[SchemaViolation]] = []
                for s in oneOf {
                    var b: [SchemaViolation]? = []
                    _ = s.check(value, &path, &b)
                    branches.append(b ?? [])
                }
                report(.oneOf(matching: matching, branches), nil, path, &out)
            }
        }
        if let not {
            var none: [SchemaViolation]? = nil
            if not.check(value, &path, &none) { report(.not, nil, path, &out); if out == nil { return false } }
        }
        if let ifNode {
            var none: [SchemaViolation]? = nil
            let branch = ifNode.check(value, &path, &none) ? thenNode : elseNode
            if let branch, !branch.check(value, &path, &out) {
                ok = false
                if out == nil { return false }
            }
        }
        return ok
    }

    private func checkObject(
        _ o: JSONObject, _ path: inout [String], _ out: inout [SchemaViolation]?) -> Bool {
        var ok = true
        let members = Self.lastValues(o)
        if let minProperties, members.count < minProperties { add(.minProperties(minProperties), nil, path, &out, .object(o)); ok = false }
        if let maxProperties, members.count > maxProperties { add(.maxProperties(maxProperties), nil, path, &out, .object(o)); ok = false }
        if !ok, out == nil { return false }
        for key in required where !members.contains(where: { $0.key == key }) {
            add(.required(key), nil, path, &out, .object(o))
            ok = false
            if out == nil { return false }
        }
        for m in members {
            if let propertyNames {
                var sub: [SchemaViolation]? = out == nil ? nil : []
                var namePath = path + [m.key]
                if !propertyNames.check(.string(m.key), &namePath, &sub) {
                    // jsonschema checks the name as a value of its own; report it at the member.
                    add(.propertyName(m.key, (sub ?? []).map {
                        SchemaViolation(pointer: JSONPointer(tokens: path + [m.key]), kind: $0.kind,
                                        schemaDescription: $0.schemaDescription)
                    }), m.key, path, &out, .string(m.key))
                    ok = false
                    if out == nil { return false }
                }
            }
            var matched = false
            path.append(m.key)
            defer { path.removeLast() }
            if let s = properties[m.key] {
                matched = true
                if !s.check(m.value, &path, &out) { ok = false; if out == nil { return false } }
            }
            for (p, s) in patternProperties where p.matches(m.key) {
                matched = true
                if !s.check(m.value, &path, &out) { ok = false; if out == nil { return false } }
            }
            if !matched, let additionalProperties {
                if additionalProperties.alwaysInvalid {
                    add(.additionalProperty(m.key, allowed: properties.keys.sorted()), nil, path, &out, m.value)
                    ok = false
                    if out == nil { return false }
                } else if !additionalProperties.check(m.value, &path, &out) {
                    ok = false
                    if out == nil { return false }
                }
            }
        }
        return ok
    }

    private func checkArray(
        _ a: [JSONValue], _ path: inout [String], _ out: inout [SchemaViolation]?) -> Bool {
        var ok = true
        if let minItems, a.count < minItems { add(.minItems(minItems), nil, path, &out, .array(a)); ok = false }
        if let maxItems, a.count > maxItems { add(.maxItems(maxItems), nil, path, &out, .array(a)); ok = false }
        if uniqueItems {
            outer: for i in a.indices {
                for j in a.indices where j > i && Self.equal(a[i], a[j]) {
                    add(.uniqueItems, nil, path, &out, .array(a)); ok = false; break outer
                }
            }
        }
        if !ok, out == nil { return false }
        if let items {
            for (i, v) in a.enumerated() {
                path.append(String(i))
                defer { path.removeLast() }
                if !items.check(v, &path, &out) { ok = false; if out == nil { return false } }
            }
        }
        if let contains {
            var none: [SchemaViolation]? = nil
            var found = 0
            for (i, v) in a.enumerated() {
                path.append(String(i))
                if contains.check(v, &path, &none) { found += 1 }
                path.removeLast()
            }
            if found < minContains { add(.containsTooFew(min: minContains, found: found), nil, path, &out, .array(a)); ok = false }
            if let maxContains, found > maxContains {
                add(.containsTooMany(max: maxContains, found: found), nil, path, &out, .array(a)); ok = false
            }
        }
        return ok
    }

    private func add(
        _ kind: SchemaViolation.Kind, _ extra: String?, _ path: [String], _ out: inout [SchemaViolation]?, _ value: JSONValue
    ) {
        guard out != nil else { return }
        var v = SchemaViolation(pointer: JSONPointer(tokens: extra.map { path + [$0] } ?? path),
                                kind: kind, schemaDescription: description)
        v.value = value
        out?.append(v)
    }

    /// The members Python would see: one per key, holding the last value, in first-seen order.
    static func lastValues(_ o: JSONObject) -> [JSONObject.Member] {
        let members = o.members
        guard hasDuplicateKeys(members) else { return members }
        var out: [JSONObject.Member] = []
        var index: [String: Int] = [:]
        for m in members {
            if let i = index[m.key] { out[i].value = m.value } else { index[m.key] = out.count; out.append(m) }
        }
        return out
    }

    /// Whether two members share a key (no allocation for the small objects workflows have).
    static func hasDuplicateKeys(_ members: [JSONObject.Member]) -> Bool {
        let n = members.count
        if n < 2 { return false }
        if n <= 24 {
            for i in 1..<n {
                let k = members[i].key
                for j in 0..<i where members[j].key == k { return true }
            }
            return false
        }
        var seen = Set<String>(minimumCapacity: n)
        for m in members where !seen.insert(m.key).inserted { return true }
        return false
    }

    /// JSON Schema's type test (an integral number counts as `integer`, a boolean is no number).
    static func hasType(_ v: JSONValue, _ type: String) -> Bool {
        switch (type, v) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("number", .number): return true
        case ("integer", .number(let n)): return n.isInteger
        default: return false
        }
    }

    /// JSON equality as `jsonschema` defines it: numbers by value, objects regardless of order.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)): return x.text == y.text || x.doubleValue == y.doubleValue
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            let xs = lastValues(x), ys = lastValues(y)
            guard xs.count == ys.count else { return false }
            return xs.allSatisfy { m in ys.contains { $0.key == m.key && equal($0.value, m.value) } }
        default: return false
        }
    }
}

extension JSONObject {
    /// The members as Python's `json` sees them: each repeated key once, at its first place,
    /// with its last value (what the schema checks).
    public var lastValueMembers: [JSONObject.Member] { SchemaNode.lastValues(self) }

    /// Whether some key is repeated (fast for the small objects workflows have).
    public var hasDuplicateKeys: Bool { SchemaNode.hasDuplicateKeys(members) }
}
