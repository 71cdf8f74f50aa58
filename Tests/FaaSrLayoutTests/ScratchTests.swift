import Testing
import TUIKit
@testable import FaaSrLayout

@Test func scratchPrint() {
    for (name, spec) in ShapeCatalog.shapes {
        let g = ShapeCatalog.graph(spec)
        for o in LayoutOrientation.allCases {
            let d = DAGLayout.draw(g, options: .init(orientation: o))
            print("== \(name) \(o)")
            print(DAGPainter().paint(d, graph: g).plainText())
        }
    }
}
