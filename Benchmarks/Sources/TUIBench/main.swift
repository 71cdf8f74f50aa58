// TUIBench: keystroke-to-frame time of the designer on the largest corpus workflow.
// `swift run -c release --package-path Benchmarks TUIBench [FILE]`
import FaaSrCore
import FaaSrTUI
import Foundation

func sharedCorpus() -> URL? {
    if let env = ProcessInfo.processInfo.environment["FAASR_SHARED"] { return URL(fileURLWithPath: env).appendingPathComponent("corpus") }
    var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    for _ in 0..<4 {
        let c = dir.appendingPathComponent("../shared/corpus").standardized
        if FileManager.default.fileExists(atPath: c.path) { return c }
        dir.deleteLastPathComponent()
    }
    return nil
}

/// The corpus file with the most actions.
func largestWorkflow() -> (URL, String, Int)? {
    guard let dir = sharedCorpus(), let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return nil }
    var best: (URL, String, Int)?
    for n in names where n.hasSuffix(".json") {
        let url = dir.appendingPathComponent(n)
        guard let text = try? String(contentsOf: url, encoding: .utf8), let d = try? DesignDocument(text: text) else { continue }
        let count = max(d.actionNames.count, d.root["FunctionList"]?.objectValue?.count ?? 0)
        if count > (best?.2 ?? -1) { best = (url, text, count) }
    }
    return best
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, Int(Double(s.count - 1) * p))]
}

func measure(_ label: String, rounds: Int, _ body: () -> Void) {
    var times: [Double] = []
    for _ in 0..<rounds {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    print(String(format: "%@: median %.2f ms, p95 %.2f ms, max %.2f ms (%d frames)",
                 label, percentile(times, 0.5), percentile(times, 0.95), times.max() ?? 0, rounds))
}

let args = CommandLine.arguments.dropFirst()
let input: (URL, String, Int)?
if let path = args.first {
    let url = URL(fileURLWithPath: path)
    input = (try? String(contentsOf: url, encoding: .utf8)).map { (url, $0, 0) }
} else {
    input = largestWorkflow()
}
guard let (url, text, _) = input else {
    print("TUIBench: no corpus found (set FAASR_SHARED)")
    exit(1)
}
let size = Size(width: 160, height: 48)
var state = try DesignerFiles.state(text: text, path: url.path, size: size, glyphs: .unicode)
print("TUIBench: \(url.lastPathComponent): \(state.doc.actionNames.count) actions, \(size.width)×\(size.height) screen")

// Navigation in the graph: reduce + layout + render.
_ = reduce(&state, .key(.char("5")))
var down = true
measure("move selection in the graph (reduce + layout + render)", rounds: 60) {
    _ = reduce(&state, .key(down ? .char("j") : .char("k")))
    down.toggle()
    _ = render(state)
}
// Edit keystrokes: set the entry to the selection and undo, each a full
// reduce + validate + layout + render.
var toggle = true
measure("edit keystroke (reduce + validate + layout + render)", rounds: 60) {
    _ = reduce(&state, .key(toggle ? .char("e") : .char("u")))
    toggle.toggle()
    _ = render(state)
}
measure("validate only", rounds: 30) { _ = WorkflowCheck.problems(in: state.doc) }
measure("render only (graph pane)", rounds: 30) { _ = render(state) }
_ = reduce(&state, .key(.char("o")))
measure("render only (lane list)", rounds: 30) { _ = render(state) }

// A synthetic 303-action workflow: three copies of the largest one chained together.
var big = JSONObject()
var bigActions = JSONObject()
let base = try DesignDocument(text: text)
for copy in 0..<3 {
    for name in base.actionNames {
        guard var a = base.action(name) else { continue }
        let edges = base.edges(of: name).map { Edge(target: "\($0.target)-c\(copy)", rank: $0.rank, condition: $0.condition) }
        a["InvokeNext"] = Edge.invokeNext(edges)
        bigActions["\(name)-c\(copy)"] = .object(a)
    }
}
for m in base.root.objectValue?.members ?? [] where m.key != "ActionList" && m.key != "FunctionList" { big[m.key] = m.value }
big["ActionList"] = .object(bigActions)
big["FunctionInvoke"] = .string("\(base.entry ?? base.actionNames[0])-c0")
var bigState = AppState(doc: DesignDocument(root: .object(big)), filePath: "/tmp/big.json", size: size)
print("TUIBench: synthetic workflow: \(bigState.doc.actionNames.count) actions")
_ = reduce(&bigState, .key(.char("5")))
print("TUIBench: lane list is the default above \(AppState.laneThreshold) actions")
measure("303 actions: move selection in the graph", rounds: 30) {
    _ = reduce(&bigState, .key(down ? .char("j") : .char("k")))
    down.toggle()
    _ = render(bigState)
}
measure("303 actions: edit keystroke (reduce + validate + layout + render)", rounds: 30) {
    _ = reduce(&bigState, .key(toggle ? .char("e") : .char("u")))
    toggle.toggle()
    _ = render(bigState)
}

// The forms of the largest workflow's first action and the settings pages: moving in a long
// form (packages, container, resources rows), adding and removing a PyPI package (each a full
// edit), the Secrets page (derived names recomputed per frame), and opening the save preview
// (masked line diff of the whole file).
var formState = try DesignerFiles.state(text: text, path: url.path, size: size, glyphs: .unicode)
_ = reduce(&formState, .key(.enter))
measure("action form: move (reduce + render)", rounds: 60) {
    _ = reduce(&formState, .key(down ? .char("j") : .char("k")))
    down.toggle()
    _ = render(formState)
}
measure("package add or remove (reduce + validate + layout + render)", rounds: 60) {
    if toggle {
        formState.fieldIndex = formState.formRows.firstIndex { $0.label == "PyPI packages" } ?? 0
        _ = reduce(&formState, .key(.enter))
        for c in "numpy" { _ = reduce(&formState, .key(.char(c))) }
        _ = reduce(&formState, .key(.enter))
    } else {
        formState.fieldIndex = formState.formRows.firstIndex { $0.value == "numpy" } ?? 0
        _ = reduce(&formState, .key(.char("x")))
    }
    toggle.toggle()
    _ = render(formState)
}
_ = reduce(&formState, .key(.char("4")))
_ = reduce(&formState, .key(.char("j")))
_ = reduce(&formState, .key(.enter))
measure("Secrets page: move (reduce + render)", rounds: 60) {
    _ = reduce(&formState, .key(down ? .char("j") : .char("k")))
    down.toggle()
    _ = render(formState)
}
measure("open the save preview (masked diff + render)", rounds: 20) {
    formState.mode = .normal
    _ = reduce(&formState, .key(.char(":")))
    for c in "preview" { _ = reduce(&formState, .key(.char(c))) }
    _ = reduce(&formState, .key(.enter))
    _ = render(formState)
}
