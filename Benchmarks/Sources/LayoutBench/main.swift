// LayoutBench: crossing quality against Graphviz `dot`, and layout + render time.
//
//   swift run -c release --package-path Benchmarks LayoutBench [--no-dot] [--runs N]
//
// Needs the corpus at $FAASR_SHARED/corpus (default ../shared/corpus beside the package) and,
// for the crossing comparison, `dot` on PATH (Debian package graphviz; benchmark-only).
import FaaSrCore
import FaaSrLayout
import Foundation
import TUIKit

let arguments = CommandLine.arguments
let useDot = !arguments.contains("--no-dot")
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 50

let benchRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let shared = ProcessInfo.processInfo.environment["FAASR_SHARED"].map { URL(fileURLWithPath: $0) }
    ?? benchRoot.deletingLastPathComponent().appendingPathComponent("shared")
let corpus = shared.appendingPathComponent("corpus")

/// The comparison graph: action-to-action edges only, duplicates removed, all drawn plain.
func comparisonGraph(_ g: LayoutGraph) -> LayoutGraph {
    var out = LayoutGraph(nodes: g.nodes.filter { !$0.isPlaceholder }, edges: [])
    var seen = Set<[Int]>()
    for e in g.edges where !g.nodes[e.target].isPlaceholder && seen.insert([e.source, e.target]).inserted {
        out.edges.append(LayoutEdge(from: e.source, to: e.target))
    }
    return out
}

func dotCrossings(_ g: LayoutGraph) -> Int? {
    var text = "digraph G {\n"
    for n in g.nodes { text += "  \"\(n.id.replacingOccurrences(of: "\"", with: "\\\""))\";\n" }
    for e in g.edges {
        let a = g.nodes[e.source].id.replacingOccurrences(of: "\"", with: "\\\"")
        let b = g.nodes[e.target].id.replacingOccurrences(of: "\"", with: "\\\"")
        text += "  \"\(a)\" -> \"\(b)\";\n"
    }
    text += "}\n"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["dot", "-v", "-Tplain"]
    let input = Pipe(), output = Pipe(), errors = Pipe()
    p.standardInput = input
    p.standardOutput = output
    p.standardError = errors
    do { try p.run() } catch { return nil }
    input.fileHandleForWriting.write(text.data(using: .utf8)!)
    try? input.fileHandleForWriting.close()
    _ = output.fileHandleForReading.readDataToEndOfFile()
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    // The last "mincross G: N crossings" line is the final count.
    var result: Int?
    for line in log.split(separator: "\n") where line.hasPrefix("mincross") && line.contains(" crossings") {
        let words = line.split(separator: " ")
        if let i = words.firstIndex(where: { $0.hasPrefix("crossings") }), i > 0, let n = Int(words[i - 1]) { result = n }
    }
    return result
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

/// CPU time of this thread in milliseconds: unlike wall time, it does not count the time the
/// thread waits for a core, so it stays meaningful on a loaded machine.
func cpuMilliseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
}

func time(_ label: String, _ graph: LayoutGraph, orientation: LayoutOrientation = .topToBottom) {
    var samples: [Double] = []
    var layoutOnly: [Double] = []
    var paintOnly: [Double] = []
    var size = ""
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let drawing = DAGLayout.draw(graph, options: .init(orientation: orientation))
        let t1 = DispatchTime.now().uptimeNanoseconds
        let canvas = DAGPainter().paint(drawing, graph: graph)
        let t2 = DispatchTime.now().uptimeNanoseconds
        let text = canvas.plainText()
        let t3 = DispatchTime.now().uptimeNanoseconds
        samples.append(Double(t3 - t0) / 1e6)
        layoutOnly.append(Double(t1 - t0) / 1e6)
        paintOnly.append(Double(t2 - t1) / 1e6)
        size = "\(drawing.width)x\(drawing.height) cells, \(text.utf8.count) bytes, \(drawing.crossings) crossings"
    }
    var viewport: [Double] = []
    var viewportCPU: [Double] = []
    var layoutCPU: [Double] = []
    var fullCPU: [Double] = []
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c0 = cpuMilliseconds()
        let d = DAGLayout.draw(graph, options: .init(orientation: orientation))
        let c1 = cpuMilliseconds()
        _ = DAGPainter().paint(d, graph: graph, viewport: Rect(x: d.width / 3, y: d.height / 3, width: 200, height: 60))
        let c2 = cpuMilliseconds()
        viewport.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        _ = DAGPainter().paint(d, graph: graph).plainText()
        let c3 = cpuMilliseconds()
        layoutCPU.append(c1 - c0)
        viewportCPU.append(c2 - c0)
        fullCPU.append(c3 - c2 + c1 - c0)
    }
    print(String(format: "  CPU time: layout %.2f ms; layout + 200x60 viewport paint %.2f ms; layout + full paint + text %.2f ms (wall, viewport: %.2f ms)",
                 median(layoutCPU), median(viewportCPU), median(fullCPU), median(viewport)))
    print(String(format: "%@ [%@]: median %.2f ms (layout %.2f, paint %.2f, text rest), min %.2f ms over %d runs (%@)",
                 label, orientation.rawValue, median(samples), median(layoutOnly), median(paintOnly), samples.min()!, runs, size))
}

/// A deterministic synthetic workflow of `n` actions in layers with fan-out and fan-in.
func synthetic(_ n: Int) -> LayoutGraph {
    var g = LayoutGraph()
    var state: UInt64 = 0x9E3779B97F4A7C15
    func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
    for i in 0..<n { g.nodes.append(LayoutNode(id: "task_\(i)", details: ["task_\(i).py · Py · GH"], isEntry: i == 0)) }
    var layers: [[Int]] = [[0]]
    var k = 1
    while k < n {
        let width = min(n - k, 1 + next(24))
        layers.append(Array(k..<(k + width)))
        k += width
    }
    for l in 1..<layers.count {
        for v in layers[l] {
            let parents = 1 + next(3)
            var chosen = Set<Int>()
            for _ in 0..<parents {
                let from = layers[max(0, l - 1 - next(2))]
                chosen.insert(from[next(from.count)])
            }
            for u in chosen.sorted() { g.edges.append(LayoutEdge(from: u, to: v)) }
        }
    }
    return g
}

var graphs: [(String, LayoutGraph)] = []
if let names = try? FileManager.default.contentsOfDirectory(atPath: corpus.path) {
    for name in names.sorted() where !name.hasSuffix(".md") && !name.hasSuffix(".tsv") {
        guard let data = try? Data(contentsOf: corpus.appendingPathComponent(name)),
              let doc = try? JSONDocument(bytes: Array(data)) else { continue }
        graphs.append((name, WorkflowLayoutGraph.make(from: Workflow(document: doc))))
    }
} else {
    print("corpus not found at \(corpus.path)")
}

if useDot && !graphs.isEmpty {
    print("crossings per corpus graph (ours vs dot), graphs with any crossing:")
    var ours = 0, theirs = 0, both = 0, withDot = 0, dotZeroOursNot = 0, better = 0, worse = 0
    for (name, g) in graphs {
        let c = comparisonGraph(g)
        guard !c.nodes.isEmpty else { continue }
        let mine = DAGLayout.draw(c).crossings
        guard let dot = dotCrossings(c) else { continue }
        both += 1
        ours += mine
        theirs += dot
        if dot > 0 { withDot += 1 }
        if dot == 0 && mine > 0 { dotZeroOursNot += 1 }
        if mine < dot { better += 1 }
        if mine > dot { worse += 1 }
        if mine > 0 || dot > 0 {
            print("  \(name): ours \(mine), dot \(dot)  (\(c.nodes.count) nodes, \(c.edges.count) edges)")
        }
    }
    print("graphs: \(both); dot total \(theirs) (\(withDot) graphs with crossings); ours total \(ours)")
    print("ours > 0 where dot = 0: \(dotZeroOursNot) graphs; ours better: \(better); ours worse: \(worse)")
}

print("layout + render (plain text) times:")
if let largest = graphs.max(by: { ($0.1.nodes.count, $0.1.edges.count) < ($1.1.nodes.count, $1.1.edges.count) }) {
    let label = "largest corpus workflow \(largest.0) (\(largest.1.nodes.count) nodes, \(largest.1.edges.count) edges)"
    time(label, largest.1)
    time(label, largest.1, orientation: .leftToRight)
}
let s = synthetic(303)
time("synthetic layered 303 actions (\(s.edges.count) edges)", s)
time("synthetic layered 303 actions (\(s.edges.count) edges)", s, orientation: .leftToRight)
var fan = LayoutGraph(nodes: [LayoutNode(id: "start", isEntry: true)])
for i in 1...302 {
    fan.nodes.append(LayoutNode(id: "f\(i)"))
    fan.edges.append(LayoutEdge(from: 0, to: i))
}
time("fan-out 303 actions", fan)
time("fan-out 303 actions", fan, orientation: .leftToRight)
if arguments.contains("--phases") {
    for passes in [0, 2, 4, 8, 12] {
        var t: [Double] = []
        var c = 0
        for _ in 0..<10 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            c = DAGLayout.draw(s, options: .init(orderingPasses: passes)).crossings
            t.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        print(String(format: "synthetic 303, %d ordering passes: layout %.2f ms, %d crossings", passes, median(t), c))
    }
}
