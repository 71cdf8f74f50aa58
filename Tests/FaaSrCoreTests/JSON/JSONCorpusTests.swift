import Foundation
import FaaSrTestSupport
import Testing
@testable import FaaSrCore

@Suite("JSON over the corpus")
struct JSONCorpusTests {
    /// Every corpus file either parses, or fails with a located error; parsed files
    /// round-trip to the same tree, and canonical files come back byte-identical.
    @Test func roundTripsEveryCorpusFile() throws {
        guard try SharedFixtures.require() else { return }
        var parsed = 0, failed = 0, byteIdentical = 0
        for url in SharedFixtures.corpusFiles() {
            let bytes = Array(try Data(contentsOf: url))
            do {
                let doc = try JSONDocument(bytes: bytes)
                parsed += 1
                let again = try JSONDocument(text: doc.serializedPreservingLayout())
                #expect(again.root == doc.root, "\(url.lastPathComponent)")
                let canonical = doc.serializedCanonical()
                #expect(try JSONDocument(text: canonical).root == doc.root)
                if Array(canonical.utf8) == bytes { byteIdentical += 1 }
            } catch {
                failed += 1
                #expect(error.location.line >= 1)
            }
        }
        #expect(parsed == 399)
        #expect(failed == 6)
        #expect(byteIdentical > 0)
    }
}
