import Testing
@testable import FaaSrCore

@Suite("JSON printer")
struct JSONPrinterTests {
    @Test func canonicalStyleMatchesJSONStringify() throws {
        let text = """
            {
              "a": [
                1,
                {}
              ],
              "b": [],
              "c": "x\\ty\\u0001é/"
            }

            """
        let doc = try JSONDocument(text: text)
        #expect(doc.serializedCanonical() == text)
    }

    @Test func preservesFourSpaceIndentCRLFAndMissingFinalNewline() throws {
        let text = "{\r\n    \"a\": {\r\n        \"b\": 1\r\n    }\r\n}"
        let doc = try JSONDocument(text: text)
        #expect(doc.format.indent == "    ")
        #expect(doc.format.lineEnding == "\r\n")
        #expect(!doc.format.trailingNewline)
        #expect(doc.serializedPreservingLayout() == text)
    }

    @Test func compactFilesStayCompact() throws {
        let text = #"{"a":[1,2],"b":{"c":null}}"#
        #expect(try JSONDocument(text: text).serializedPreservingLayout() == text)
    }

    @Test func editsKeepOrderAndUnknownKeys() throws {
        var doc = try JSONDocument(text: #"{"z": 1, "Unknown": {"k": true}, "a": 2}"#)
        doc.root.setValue("new", at: "/z")
        doc.root.setValue(3, at: "/m/n")
        doc.root.removeValue(at: "/a")
        #expect(JSONPrinter.compact(doc.root) == #"{"z":"new","Unknown":{"k":true},"m":{"n":3}}"#)
    }

    @Test func renameKeyKeepsPosition() {
        var o = JSONObject([.init(key: "a", value: 1), .init(key: "b", value: 2), .init(key: "c", value: 3)])
        o.renameKey("b", to: "B")
        #expect(o.keys == ["a", "B", "c"])
        o.renameKey("a", to: "c")
        #expect(o.keys == ["c", "B"])
    }
}
