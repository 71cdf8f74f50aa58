import Testing
import TUIKit
@testable import FaaSrLayout

@Suite("Lane view")
struct LaneViewTests {
    @Test("a 300-way fan-out stays two lanes wide")
    func wideFanOutIsNarrow() {
        let g = ShapeCatalog.wideFanOut(300)
        let rows = LaneView().rows(g)
        #expect(rows.first!.masks.count <= 4)
        #expect(rows.compactMap(\.node).count == 301)
    }

    @Test("every action gets one row, and edges between rows point down (acyclic graphs)", arguments: ShapeCatalog.shapes.map(\.name))
    func rowsAreTopological(_ name: String) {
        let g = ShapeCatalog.graph(ShapeCatalog.shapes.first { $0.name == name }!.spec)
        let order = LaneView().rows(g).compactMap(\.node)
        #expect(order.sorted() == Array(g.nodes.indices))
        if !["cycle", "self-loop"].contains(name) {
            var row = [Int: Int]()
            for (i, v) in order.enumerated() { row[v] = i }
            for e in g.edges { #expect(row[e.source]! < row[e.target]!) }
        }
    }
}
