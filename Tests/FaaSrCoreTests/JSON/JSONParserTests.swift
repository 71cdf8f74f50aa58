import Testing
@testable import FaaSrCore

@Suite("JSON parser")
struct JSONParserTests {
    @Test func keepsKeyOrderDuplicatesAndNumberSpelling() throws {
        let doc = try JSONDocument(text: #"{"b": 1.0, "a": 5, "b": 1e3, "c": -0.50}"#)
        let o = try #require(doc.root.objectValue)
        #expect(o.keys == ["b", "a", "b", "c"])
        #expect(o.duplicateKeys == ["b"])
        #expect(o["b"] == .number(JSONNumber(text: "1e3")))
        #expect(JSONPrinter.compact(doc.root) == #"{"b":1.0,"a":5,"b":1e3,"c":-0.50}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let doc = try JSONDocument(text: #"["a\"b\\c\/d\n", "\u00e9\ud83d\ude00", "\ud800"]"#)
        #expect(doc.root[0] == "a\"b\\c/d\n")
        #expect(doc.root[1] == "é😀")
        #expect(doc.root[2] == "\u{FFFD}")
    }

    @Test func recordsLocationsOfValuesAndKeys() throws {
        let text = "{\n  \"A\": {\n    \"x\": [1, 2]\n  },\n  \"é\": true\n}"
        let doc = try JSONDocument(text: text)
        #expect(doc.location(of: "/A/x/1")?.description == "3:14")
        #expect(doc.keyLocation(of: "/A/x")?.description == "3:5")
        #expect(doc.location(of: "/é")?.description == "5:8")
        // A path that does not exist answers with its nearest ancestor.
        #expect(doc.location(of: "/A/x/9")?.description == "3:10")
    }

    /// Positions agree with Python's json module (which the schema oracle uses).
    @Test(arguments: [
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"),
        ("{\"a\": 1,}", 1, 9, "member name"),
        ("[1, 2,]", 1, 7, "expected a value"),
        ("{\"a\": tru}", 1, 7, "expected a value"),
        ("", 1, 1, "end of the file"),
        ("{\"a\": 01}", 1, 7, "leading zero"),
        ("{\"a\": \"x\ny\"}", 1, 9, "control character"),
        ("{} x", 1, 4, "after the end"),
        ("{\"a\": [1, 2}", 1, 12, "expected ',' or ']'"),
        ("\u{FEFF}{}", 1, 1, "byte-order mark"),
        ("{\"a\": \"\\q\"}", 1, 8, "invalid escape"),
        ("{\n  \"a\": 1\n", 3, 1, "end of the file"),
    ])
    func reportsErrorsWithPosition(text: String, line: Int, column: Int, fragment: String) {
        do {
            _ = try JSONDocument(text: text)
            Issue.record("expected a parse error for \(text.debugDescription)")
        } catch {
            #expect(error.location.line == line, "\(error)")
            #expect(error.location.column == column, "\(error)")
            #expect(error.message.contains(fragment), "\(error)")
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONDocument(bytes: [0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONDocument(text: deep) }
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONDocument(text: ok) }
    }
}
