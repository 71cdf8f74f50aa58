import Foundation
import FaaSrTestSupport
import Testing
@testable import FaaSrCore

@Suite("Model over the corpus")
struct GraphCorpusTests {
    /// Every parseable corpus file reads into a model and a graph whose edges match the
    /// `InvokeNext` strings, and whose order (when acyclic) respects every edge.
    @Test func readsEveryCorpusFile() throws {
        guard try SharedFixtures.require() else { return }
        var workflows = 0, maxActions = 0
        for url in SharedFixtures.corpusFiles() {
            guard let wf = try? Workflow(bytes: Array(Data(contentsOf: url))) else { continue }
            workflows += 1
            let g = wf.graph
            maxActions = max(maxActions, g.nodes.count)
            #expect(g.nodes.count == wf.actions.count)
            if let order = g.topologicalOrder() {
                let pos = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
                for e in g.edges where g.contains(e.to) {
                    #expect(pos[e.from]! < pos[e.to]!, "\(url.lastPathComponent): \(e.from)->\(e.to)")
                }
                #expect(g.cycle() == nil)
            } else {
                let c = try #require(g.cycle(), "\(url.lastPathComponent)")
                #expect(c.first == c.last)
            }
        }
        #expect(workflows == 399)
        #expect(maxActions >= 100)
    }
}
