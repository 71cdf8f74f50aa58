import Foundation
import FaaSrTestSupport
import PropertyBased
import Testing
@testable import FaaSrCore

@Suite("JSON properties")
struct JSONPropertyTests {
    /// print → parse is the identity on random values (key order, duplicates, number
    /// spellings, awkward strings), in the canonical style and in any layout.
    @Test func printThenParseIsIdentity() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int.max)) { seed in
            var g = SeededJSON(seed: seed)
            let value = g.value()
            let format = g.format()
            let canonical = JSONPrinter.print(value)
            let doc = try? JSONDocument(text: canonical)
            #expect(doc?.root == value)
            #expect(doc?.serializedCanonical() == canonical)
            let laidOut = JSONPrinter.print(value, format: format)
            #expect((try? JSONDocument(text: laidOut))?.root == value)
            #expect((try? JSONDocument(text: JSONPrinter.compact(value)))?.root == value)
        }
    }

    /// A layout-preserving save of a document re-reads to the same tree and the same layout.
    @Test func layoutSurvivesARoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var g = SeededJSON(seed: seed)
            let value: JSONValue = .object(JSONObject([.init(key: "k", value: g.value()), .init(key: "z", value: [1, [:]])]))
            var format = g.format()
            if format.indent == nil { format.trailingNewline = false }
            let text = JSONPrinter.print(value, format: format)
            guard let doc = try? JSONDocument(text: text) else { Issue.record("did not parse: \(text)"); return }
            #expect(doc.serializedPreservingLayout() == text)
        }
    }

    static let corpus: [[UInt8]] = {
        guard SharedFixtures.isAvailable else { return [] }
        return SharedFixtures.corpusFiles().compactMap { try? Array(Data(contentsOf: $0)) }
    }()

    /// Random byte mutations of corpus files never crash the loader (nor the model, graph,
    /// migration and secrets on top of it); a rejected text gets an error whose line:column
    /// agrees with its byte offset; an accepted one round-trips.
    @Test func mutatedCorpusFilesNeverCrash() async throws {
        guard try SharedFixtures.require() else { return }
        let corpus = Self.corpus
        #expect(corpus.count >= 400)
        await propertyCheck(count: 1500, input: Gen.int(in: 0...Int.max)) { seed in
            var g = SeededJSON(seed: seed)
            var bytes = corpus[g.int(corpus.count)]
            for _ in 0..<(1 + g.int(4)) {
                guard !bytes.isEmpty else { break }
                let at = g.int(bytes.count)
                let interesting: [UInt8] = [0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x0A, 0x0D, 0x00, 0xFF, 0xC3, 0xE2, 0x30, 0x2D, 0x65]
                let byte = g.int(3) == 0 ? UInt8(truncatingIfNeeded: g.next()) : interesting[g.int(interesting.count)]
                switch g.int(4) {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                case 2: bytes.remove(at: at)
                default: bytes.removeSubrange(at..<bytes.count)  // truncation
                }
            }
            do throws(JSONParseError) {
                let wf = try Workflow(bytes: bytes)
                let again = try? JSONDocument(text: wf.serializedPreservingLayout())
                #expect(again?.root == wf.document.root)
                _ = wf.graph.topologicalOrder()
                _ = wf.graph.cycle()
                _ = wf.requiredSecrets
                _ = Migrator.migrate(wf).workflow.serializedCanonical()
            } catch {
                let loc = error.location
                #expect(loc.offset >= 0 && loc.offset <= bytes.count)
                #expect(loc == LineTable(bytes: bytes).location(ofOffset: loc.offset))
                #expect(loc.line == Self.lineOf(offset: loc.offset, in: bytes))
                #expect(loc.column >= 1)
                #expect(!error.message.isEmpty)
            }
        }
    }

    /// The 1-based line of a byte offset, counted independently of `LineTable`.
    static func lineOf(offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1, i = 0
        while i < offset {
            if bytes[i] == 0x0A { line += 1 } else if bytes[i] == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A, i + 1 < offset { i += 1 }
                line += 1
            }
            i += 1
        }
        return line
    }
}
