import Testing
@testable import FaaSrCore

/// The JSON Schema evaluator and its pattern matcher follow Python `jsonschema` / `re.search`.
@Suite("Schema evaluator")
struct SchemaEvaluatorTests {
    @Test func patternsSearchLikePython() throws {
        let name = try SchemaPattern("^[a-zA-Z][a-zA-Z0-9-]*(?:\\([0-9]+\\))?$")
        #expect(name.matches("A"))
        #expect(name.matches("a-b(12)"))
        #expect(!name.matches("a_b"))
        #expect(!name.matches("a(b)"))
        #expect(!name.matches(""))
        // Python's `$` also matches before a final newline.
        #expect(name.matches("abc\n"))
        #expect(!name.matches("abc\n\n"))
        // Unanchored patterns match anywhere; "" matches everything.
        #expect(try SchemaPattern("b+").matches("aabbc"))
        #expect(try SchemaPattern("").matches("anything"))
        #expect(try SchemaPattern("^(ab|cd){2}$").matches("abcd"))
        #expect(!(try SchemaPattern("^(ab|cd){2}$").matches("abc")))
        #expect(try SchemaPattern("^\\d{2,3}x?$").matches("123"))
        #expect(!(try SchemaPattern("^[^a-c]$").matches("b")))
        // Long inputs do not exhaust the stack.
        #expect(name.matches(String(repeating: "a", count: 200_000)))
    }

    /// The fast path for anchored runs and the general matcher agree (an alternation of two
    /// equal branches forces the general one).
    @Test(arguments: ["[a-zA-Z][a-zA-Z0-9-]*(?:\\([0-9]+\\))?", "%[YymdHMSjUWaAbBfzZ%-]([%YymdHMSjUWaAbBfzZ%-])*",
                      "[a-zA-Z_][a-zA-Z0-9_]*", "[A-Z][A-Z_0-9]*", "a*a?b{1,2}.?"])
    func fastAndGeneralMatchersAgree(_ body: String) throws {
        let fast = try SchemaPattern("^" + body + "$")
        let general = try SchemaPattern("^(?:" + body + "|" + body + ")$")
        let alphabet = Array("aAzZ_-9(3)%Ymb\n é".unicodeScalars)
        var state: UInt64 = 88_172_645_463_325_252
        for _ in 0..<4000 {
            var s = String.UnicodeScalarView()
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            var r = state
            for _ in 0..<Int(r % 9) {
                s.append(alphabet[Int((r >> 8) % UInt64(alphabet.count))])
                r = r &* 6_364_136_223_846_793_005 &+ 1
            }
            let text = String(s)
            #expect(fast.matches(text) == general.matches(text), "\(body) on \(text.debugDescription)")
        }
    }

    @Test func unsupportedSyntaxIsRefused() {
        #expect(throws: SchemaPattern.SyntaxError.self) { try SchemaPattern("(?=a)") }
        #expect(throws: SchemaPattern.SyntaxError.self) { try SchemaPattern("a**") }
        #expect(throws: JSONSchema.CompileError.self) { try JSONSchema(["$ref": "#/x"]) }
    }

    @Test func keywordsBehaveAsInJsonschema() throws {
        let schema = try JSONSchema([
            "type": "object",
            "properties": ["n": ["type": "integer", "minimum": 1], "s": ["type": "string", "minLength": 2]],
            "required": ["n"],
            "additionalProperties": false,
            "if": ["properties": ["n": ["const": 5]]], "then": ["required": ["s"]],
        ])
        #expect(schema.isValid(["n": 1]))
        #expect(schema.isValid(["n": .number(JSONNumber(text: "1e0"))]))
        #expect(!schema.isValid(["n": true]))  // a boolean is not a number
        #expect(!schema.isValid(["n": 0]))
        #expect(!schema.isValid(["n": 5]))  // if/then
        #expect(schema.isValid(["n": 5, "s": "é!"]))  // minLength counts characters, not bytes
        #expect(!schema.isValid(["n": 5, "s": "é"]))
        let v = schema.violations(of: ["x": 1])
        #expect(Set(v.map(\.keyword)) == ["required", "additionalProperties"])
        #expect(v.first { $0.keyword == "additionalProperties" }?.pointer == "/x")
    }

    @Test func enumComparesNumbersByValue() throws {
        let schema = try JSONSchema(["enum": [1, "a", ["k": [1, 2]]]])
        #expect(schema.isValid(.number(JSONNumber(text: "1.0"))))
        #expect(schema.isValid(["k": [1, 2]]))
        #expect(!schema.isValid(true))
        #expect(!schema.isValid(["k": [2, 1]]))
    }
}
