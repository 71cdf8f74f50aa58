import Foundation
import Testing
import TUIKit
@testable import FaaSrLayout

/// Golden renders of the shape catalogue. Regenerate with `FAASR_UPDATE_GOLDENS=1`.
@Suite("Golden renders")
struct GoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    static var updating: Bool { ProcessInfo.processInfo.environment["FAASR_UPDATE_GOLDENS"] == "1" }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var graph: LayoutGraph
        var orientation: LayoutOrientation
        var glyphs: LineGlyphs
        var testDescription: String { file }
        var file: String {
            "\(name)-\(orientation == .topToBottom ? "tb" : "lr")-\(glyphs.isASCII ? "ascii" : "unicode").txt"
        }
    }

    static let cases: [Case] = {
        var all: [Case] = []
        let shapes = ShapeCatalog.shapes.map { ($0.name, ShapeCatalog.graph($0.spec)) } + [("fan-out-300", ShapeCatalog.wideFanOut(300))]
        for (name, graph) in shapes {
            for o in LayoutOrientation.allCases {
                for g in [LineGlyphs.unicode, .ascii] { all.append(Case(name: name, graph: graph, orientation: o, glyphs: g)) }
            }
        }
        return all
    }()

    static func check(_ text: String, file: String) throws {
        let url = folder.appendingPathComponent(file)
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text + "\n" == expected, "golden \(file) differs; FAASR_UPDATE_GOLDENS=1 regenerates it. Got:\n\(text)")
    }

    @Test("layered drawings match their goldens", arguments: cases)
    func layered(_ c: Case) throws {
        let drawing = DAGLayout.draw(c.graph, options: .init(orientation: c.orientation))
        let canvas = DAGPainter(glyphs: c.glyphs).paint(drawing, graph: c.graph)
        #expect(DrawingInvariants.violations(drawing, graph: c.graph, canvas: canvas).isEmpty)
        try Self.check(canvas.plainText(), file: c.file)
    }

    @Test("lane views match their goldens", arguments: ["chain", "fan-out", "diamond", "conditional", "cycle", "unknown-target"])
    func lanes(_ name: String) throws {
        let spec = ShapeCatalog.shapes.first { $0.name == name }!.spec
        let canvas = LaneView().paint(ShapeCatalog.graph(spec, details: false))
        try Self.check(canvas.plainText(), file: "lanes-\(name).txt")
    }

    @Test("style roles of the conditional drawing match their golden")
    func styles() throws {
        let g = ShapeCatalog.graph(ShapeCatalog.shapes.first { $0.name == "conditional" }!.spec)
        let canvas = DAGPainter().paint(DAGLayout.draw(g), graph: g)
        try Self.check(canvas.styleRuns(), file: "conditional-tb-styles.txt")
    }

    @Test("an edge with a problem is drawn in error style; a selected edge in selection style")
    func edgeStyles() throws {
        var g = ShapeCatalog.graph(ShapeCatalog.shapes.first { $0.name == "diamond" }!.spec)
        let drawing = DAGLayout.draw(g)
        let plain = DAGPainter().paint(drawing, graph: g)
        #expect(!plain.cells.contains { $0.role == .error })
        g.edges[0].hasError = true
        let flagged = DAGPainter().paint(drawing, graph: g)
        let cells = drawing.edges[0].cells.dropFirst().dropLast()
        #expect(!cells.isEmpty)
        #expect(cells.allSatisfy { p in [.error].contains(flagged[x: p.x, y: p.y].role) || drawing.boxes.contains { $0.frame.contains(p) } })
        #expect(flagged.plainText() == plain.plainText(), "only the style changes")
        let picked = DAGPainter(selectedEdge: 1).paint(drawing, graph: g)
        let arrow = drawing.edges[1].cells.last!
        #expect(picked[x: arrow.x, y: arrow.y].role == .selected)
    }

    @Test("highlighting an action dims what is not its neighbour")
    func highlight() throws {
        let g = ShapeCatalog.graph(ShapeCatalog.shapes.first { $0.name == "diamond" }!.spec)
        let canvas = DAGPainter(highlight: g.index(of: "left")).paint(DAGLayout.draw(g), graph: g)
        try Self.check(canvas.styleRuns(), file: "diamond-highlight-left-styles.txt")
        let roles = Set(canvas.cells.map(\.role))
        #expect(roles.contains(.selected) && roles.contains(.dim))
    }
}
