import FaaSrCore
import Testing
import TUIKit
@testable import FaaSrLayout

@Suite("JSON exports")
struct ExportTests {
    static let graph = ShapeCatalog.graph("start>preprocess preprocess>train:T preprocess>report:F train>report:R3 report>ghost?")

    @Test("--format json lists every box and every edge polyline, with its label")
    func geometryJSON() throws {
        let drawing = DAGLayout.draw(Self.graph)
        let text = DAGJSON.text(drawing, graph: Self.graph)
        let value = try JSONDocument(text: text).root
        let nodes = try #require(value["nodes"]?.arrayValue)
        let edges = try #require(value["edges"]?.arrayValue)
        #expect(nodes.count == Self.graph.nodes.count)
        #expect(edges.count == Self.graph.edges.count)
        #expect(nodes[0]["id"]?.stringValue == "start" && nodes[0]["entry"]?.boolValue == true)
        #expect(nodes.last?["placeholder"]?.boolValue == true)
        for (i, e) in edges.enumerated() {
            let points = try #require(e["points"]?.arrayValue)
            #expect(points.count == drawing.edges[i].points.count && points.count >= 2)
            let first = try #require(points.first?.arrayValue?.compactMap { $0.numberValue?.intValue })
            #expect(first == [drawing.edges[i].points[0].x, drawing.edges[i].points[0].y])
        }
        #expect(edges[1]["kind"]?.stringValue == "true" && edges[1]["label"]?["text"]?.stringValue == "True")
        #expect(DAGJSON.text(drawing, graph: Self.graph) == text)
    }

    @Test("the web-builder layout file has React Flow nodes and edges, without placeholders")
    func webBuilderLayout() throws {
        let drawing = DAGLayout.draw(Self.graph)
        let value = try JSONDocument(text: WebBuilderLayout.text(drawing, graph: Self.graph)).root
        let nodes = try #require(value["nodes"]?.arrayValue)
        let edges = try #require(value["edges"]?.arrayValue)
        #expect(nodes.map { $0["id"]?.stringValue } == ["start", "preprocess", "train", "report"])
        #expect(nodes.allSatisfy { $0["type"]?.stringValue == "functionNode" })
        #expect(nodes[3]["data"]?["rank"]?.numberValue?.intValue == 3)
        #expect(edges.map { $0["id"]?.stringValue } == ["start-preprocess", "preprocess-train", "preprocess-report", "train-report"])
        #expect(edges[1]["style"]?["stroke"]?.stringValue == "var(--edge-true-color)")
        #expect(edges[2]["markerEnd"]?["color"]?.stringValue == "var(--edge-false-color)")
        #expect(edges[3]["label"]?.stringValue == "3")
        // Positions follow the drawing: a lower layer has a larger y.
        let ys = nodes.compactMap { $0["position"]?["y"]?.numberValue?.intValue }
        #expect(ys[0] < ys[1] && ys[1] < ys[2] && ys[2] < ys[3])
    }

    @Test("ANSI output carries the same text as plain output, coloured by role")
    func ansi() {
        let canvas = DAGPainter().paint(DAGLayout.draw(Self.graph), graph: Self.graph)
        let ansi = canvas.ansiText()
        #expect(ansi.contains("\u{1B}[32mTrue") && ansi.contains("\u{1B}[31mFalse"))
        var stripped = ""
        var skipping = false
        for c in ansi {
            if c == "\u{1B}" { skipping = true; continue }
            if skipping { if c == "m" { skipping = false }; continue }
            stripped.append(c)
        }
        #expect(stripped == canvas.plainText())
    }

    @Test("the ASCII glyph set is chosen when the locale is not UTF-8")
    func localeGlyphs() {
        #expect(LineGlyphs.forLocale(["LANG": "en_US.UTF-8"]) == .unicode)
        #expect(LineGlyphs.forLocale(["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(LineGlyphs.forLocale([:]) == .ascii)
    }
}
