import Foundation
import FaaSrCore
import FaaSrTestSupport
import Testing
import TUIKit
@testable import FaaSrLayout

@Suite("Layout of every corpus workflow")
struct CorpusLayoutTests {
    @Test("the corpus is present (a failure under CI=true when it is not)")
    func corpusPresent() throws {
        guard try SharedFixtures.require() else { return }
        #expect(SharedFixtures.corpusFiles().count >= 400)
    }

    @Test("every parseable corpus file draws without breaking an invariant, both ways, both glyph sets",
          arguments: SharedFixtures.corpusFiles().map(\.lastPathComponent))
    func invariantsHoldOnCorpus(_ file: String) throws {
        let url = SharedFixtures.corpusDirectory.appendingPathComponent(file)
        guard let bytes = try? Data(contentsOf: url), let doc = try? JSONDocument(bytes: Array(bytes)) else { return }
        let graph = WorkflowLayoutGraph.make(from: Workflow(document: doc))
        let name = file
        do {
            for orientation in LayoutOrientation.allCases {
                let drawing = DAGLayout.draw(graph, options: .init(orientation: orientation))
                let canvas = DAGPainter(glyphs: .unicode).paint(drawing, graph: graph)
                let problems = DrawingInvariants.violations(drawing, graph: graph, canvas: canvas)
                #expect(problems.isEmpty, "\(name) \(orientation): \(problems.prefix(5))")
                // The ASCII set draws the same cells with ASCII only (names aside).
                let ascii = DAGPainter(glyphs: .ascii).paint(drawing, graph: graph)
                let names = graph.nodes.allSatisfy { n in (n.details + [n.title]).allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII } } }
                let pureASCII = ascii.plainText().unicodeScalars.allSatisfy { $0.isASCII }
                if names { #expect(pureASCII, "\(name) \(orientation)") }
                let sameCells = zip(canvas.cells, ascii.cells).allSatisfy { ($0.grapheme == " ") == ($1.grapheme == " ") }
                #expect(sameCells, "\(name) \(orientation)")
                // Deterministic: the same input gives the same drawing.
                #expect(DAGLayout.draw(graph, options: .init(orientation: orientation)) == drawing, "\(name)")
            }
        }
    }
}
