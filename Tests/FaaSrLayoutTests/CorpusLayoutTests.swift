import Foundation
import FaaSrCore
import FaaSrTestSupport
import Testing
import TUIKit
@testable import FaaSrLayout

@Suite("Layout of every corpus workflow")
struct CorpusLayoutTests {
    static func corpusGraphs() throws -> [(String, LayoutGraph)] {
        guard try SharedFixtures.require() else { return [] }
        return SharedFixtures.corpusFiles().compactMap { url in
            guard let bytes = try? Data(contentsOf: url), let doc = try? JSONDocument(bytes: Array(bytes)) else { return nil }
            return (url.lastPathComponent, WorkflowLayoutGraph.make(from: Workflow(document: doc)))
        }
    }

    @Test("every parseable corpus file draws without breaking an invariant, both ways, both glyph sets")
    func invariantsHoldOnCorpus() throws {
        let graphs = try Self.corpusGraphs()
        if SharedFixtures.isAvailable { #expect(graphs.count >= 390) }
        for (name, graph) in graphs {
            for orientation in LayoutOrientation.allCases {
                let drawing = DAGLayout.draw(graph, options: .init(orientation: orientation))
                for glyphs in [LineGlyphs.unicode, .ascii] {
                    let canvas = DAGPainter(glyphs: glyphs).paint(drawing, graph: graph)
                    let problems = DrawingInvariants.violations(drawing, graph: graph, canvas: canvas)
                    #expect(problems.isEmpty, "\(name) \(orientation): \(problems.prefix(5))")
                }
                // Deterministic: the same input gives the same drawing.
                #expect(DAGLayout.draw(graph, options: .init(orientation: orientation)) == drawing, "\(name)")
            }
        }
    }
}
