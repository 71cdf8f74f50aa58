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

/// Thread CPU time in ms (`CLOCK_THREAD_CPUTIME_ID`: the machine is shared, so wall time
/// includes waiting for a core).
func threadCPUms() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
}

/// User + system CPU of the process from `getrusage`, in ms.
func rusageCPUms() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3
}

/// Times `body` per frame: median and p95 of wall and thread CPU time, and getrusage's CPU
/// time over all frames divided by their number.
func measure(_ label: String, rounds: Int, _ body: () -> Void) {
    var wall: [Double] = [], cpu: [Double] = []
    let r0 = rusageCPUms()
    for _ in 0..<rounds {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c0 = threadCPUms()
        body()
        cpu.append(threadCPUms() - c0)
        wall.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    let rusage = (rusageCPUms() - r0) / Double(rounds)
    print(String(format: "%@: CPU median %.2f ms, p95 %.2f ms (getrusage mean %.2f ms); wall median %.2f ms, p95 %.2f ms (%d frames)",
                 label, percentile(cpu, 0.5), percentile(cpu, 0.95), rusage, percentile(wall, 0.5), percentile(wall, 0.95), rounds))
}

/// Frames of one state: cursor moves, edits that re-lay out a graph seen before (set the
/// entry, undo) and edits that make a new graph every time (rank +1 on an edge).
func frames(_ label: String, _ state: inout AppState, rounds: Int) {
    var down = true
    measure("\(label): move selection (reduce + render)", rounds: rounds) {
        _ = reduce(&state, .key(down ? .char("j") : .char("k")))
        down.toggle()
        _ = render(state)
    }
    var toggle = true
    measure("\(label): edit, entry/undo (reduce + validate + layout + render)", rounds: rounds) {
        _ = reduce(&state, .key(toggle ? .char("e") : .char("u")))
        toggle.toggle()
        _ = render(state)
    }
    _ = reduce(&state, .key(.char("g")))
    while state.doc.edges(of: state.selectedAction ?? "").isEmpty && state.selectedAction != state.graphIndex.order.last {
        _ = reduce(&state, .key(.char("j")))
    }
    _ = reduce(&state, .key(.char("]")))
    measure("\(label): edit, rank +1 = new graph (reduce + validate + layout + render)", rounds: rounds) {
        _ = reduce(&state, .key(.char("+")))
        _ = render(state)
    }
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

// The graph pane focused, layered drawing.
_ = reduce(&state, .key(.char("5")))
frames("\(state.doc.actionNames.count) actions, layered", &state, rounds: 60)
// A local run in flight (`:run`): every action's box coloured by its state, the status bar
// counting; each frame folds one progress event (as the loop does between keys) and a key.
var running = state
_ = reduce(&running, .run(.started(runDirectory: "/tmp/bench-run")))
running.run = RunState(workflowPath: url.path, actions: running.graphIndex.names)
running.run?.phase = .running
let order = running.graphIndex.order
let states: [ActionRunState] = [.done, .running, .waiting, .failed, .skipped]
for (i, name) in order.enumerated() {
    var p = ActionProgress(action: name)
    p.state = states[i % states.count]
    p.startTime = Double(i) * 0.1
    p.endTime = p.state == .done || p.state == .failed ? Double(i) * 0.1 + 0.05 : nil
    running.run?.actions[name] = p
}
var tick = 0
var moveDown = true
measure("\(running.doc.actionNames.count) actions, run in flight: progress event + move (reduce + render)", rounds: 60) {
    var p = ActionProgress(action: order[tick % order.count])
    p.state = tick % 2 == 0 ? .running : .done
    p.startTime = Double(tick)
    p.endTime = tick % 2 == 0 ? nil : Double(tick) + 0.5
    tick += 1
    _ = reduce(&running, .run(.action(p)))
    _ = reduce(&running, .key(moveDown ? .char("j") : .char("k")))
    moveDown.toggle()
    _ = render(running)
}
_ = reduce(&running, .key(.char("o")))
measure("\(running.doc.actionNames.count) actions, run in flight, lane list: progress event + move", rounds: 60) {
    var p = ActionProgress(action: order[tick % order.count])
    p.state = tick % 2 == 0 ? .running : .done
    tick += 1
    _ = reduce(&running, .run(.action(p)))
    _ = reduce(&running, .key(moveDown ? .char("j") : .char("k")))
    moveDown.toggle()
    _ = render(running)
}
// The same keys through the real main loop with a job in flight (InFlight.swift).
try await inFlight(state, text: text)
measure("validate only", rounds: 30) { _ = WorkflowCheck.problems(in: state.doc) }
measure("render only (graph pane)", rounds: 30) { _ = render(state) }
_ = reduce(&state, .key(.char("o")))
measure("render only (lane list)", rounds: 30) { _ = render(state) }

/// `InvokeNext` for (text, branch) targets: the conditional object first, then plain targets.
func invokeNext(_ edges: [(String, Branch)]) -> JSONValue {
    var items: [JSONValue] = []
    var o = JSONObject()
    for key in ["True", "False"] {
        let list = edges.filter { $0.1.rawValue == key }.map { JSONValue.string($0.0) }
        if !list.isEmpty { o[key] = .array(list) }
    }
    if !o.isEmpty { items.append(.object(o)) }
    items += edges.filter { $0.1 == .always }.map { .string($0.0) }
    return .array(items)
}

// A synthetic workflow three times the largest (315 actions): three copies side by side.
var big = JSONObject()
var bigActions = JSONObject()
let base = try DesignDocument(text: text)
for copy in 0..<3 {
    for name in base.actionNames {
        guard var a = base.action(name) else { continue }
        let edges = base.edges(of: name).map { (SuccessorText.format(name: "\($0.to)-c\(copy)", rank: $0.rank), $0.branch) }
        a["InvokeNext"] = invokeNext(edges)
        bigActions["\(name)-c\(copy)"] = .object(a)
    }
}
for m in base.root.objectValue?.members ?? [] where m.key != "ActionList" && m.key != "FunctionList" { big[m.key] = m.value }
// Per-action maps follow the copies, and the first copy's entry starts the other two, so the
// synthetic workflow is as valid as the original.
if let containers = base.root["ActionContainers"]?.objectValue {
    var copies = JSONObject()
    for copy in 0..<3 { for m in containers.members { copies["\(m.key)-c\(copy)"] = m.value } }
    big["ActionContainers"] = .object(copies)
}
let entry = base.entry ?? base.actionNames[0]
if var first = bigActions["\(entry)-c0"]?.objectValue {
    var edges = base.edges(of: entry).map { (SuccessorText.format(name: "\($0.to)-c0", rank: $0.rank), $0.branch) }
    edges += [("\(entry)-c1", Branch.always), ("\(entry)-c2", Branch.always)]
    first["InvokeNext"] = invokeNext(edges)
    bigActions["\(entry)-c0"] = .object(first)
}
big["ActionList"] = .object(bigActions)
big["FunctionInvoke"] = .string("\(base.entry ?? base.actionNames[0])-c0")
var bigState = AppState(doc: DesignDocument(root: .object(big)), filePath: "/tmp/big.json", size: size)
print("TUIBench: synthetic workflow: \(bigState.doc.actionNames.count) actions (lane list by default above \(AppState.laneThreshold))")
_ = reduce(&bigState, .key(.char("5")))
print("TUIBench: problems: \(state.problems.count) in the corpus workflow, \(bigState.problems.count) in the synthetic one")
for p in bigState.problems.prefix(4) { print("  e.g. \(p.pointer): \(p.message)") }
measure("\(bigState.doc.actionNames.count) actions: validate only", rounds: 30) { _ = WorkflowCheck.problems(in: bigState.doc) }
var bigLayered = bigState
bigLayered.showLanes = false
frames("\(bigState.doc.actionNames.count) actions, lanes", &bigState, rounds: 30)
frames("\(bigLayered.doc.actionNames.count) actions, layered", &bigLayered, rounds: 30)

var down = true
var toggle = true
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
