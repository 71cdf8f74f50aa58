import FaaSrCore
import Foundation

/// Load/save speed over the corpus and the model, graph and edit costs the designer pays on
/// every keystroke, up to synthetic 1,000- and 10,000-action workflows.
enum ModelBench {
    static func run(arguments: [String]) {
        let dir = ValidateBench.corpusDirectory(arguments)
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().filter { $0.hasSuffix(".json") || !$0.contains(".") }
        let files = names.compactMap { fm.contents(atPath: dir.appendingPathComponent($0).path).map { Array($0) } }
        if files.isEmpty { print("model: no corpus at \(dir.path) (set FAASR_SHARED or pass --corpus DIR)") }
        let bytes = files.reduce(0) { $0 + $1.count }
        let docs = files.compactMap { try? JSONDocument(bytes: $0) }

        let load = median { for f in files { _ = try? JSONDocument(bytes: f) } }
        let save = median { for d in docs { _ = d.serializedCanonical() } }
        let saveLayout = median { for d in docs { _ = d.serializedPreservingLayout() } }
        let model = median {
            for d in docs {
                let g = Workflow(document: d).graph
                _ = g.topologicalOrder()
                _ = g.cycle()
                _ = g.unreachable()
            }
        }
        print(String(format: "(CPU time per operation, median) corpus: %d files, %.2f MB", files.count, Double(bytes) / 1e6))
        print(String(format: "  load (parse + locations): %.2f ms per pass, %.1f MB/s", load * 1e3, Double(bytes) / 1e6 / load))
        print(String(format: "  save canonical: %.2f ms per pass; save preserving layout: %.2f ms", save * 1e3, saveLayout * 1e3))
        print(String(format: "  model + graph + order + cycle + reachability, all files: %.2f ms per pass", model * 1e3))

        if let largest = docs.max(by: { Workflow(document: $0).actionNames.count < Workflow(document: $1).actionNames.count }) {
            report(label: "largest corpus workflow", workflow: Workflow(document: largest))
        }
        for n in [1_000, 10_000] {
            let text = synthetic(actions: n)
            let parse = median { _ = try? Workflow(text: text) }
            print(String(format: "synthetic %d actions (%.2f MB): load %.2f ms, %.1f MB/s", n, Double(text.utf8.count) / 1e6,
                         parse * 1e3, Double(text.utf8.count) / 1e6 / parse))
            report(label: "synthetic \(n) actions", workflow: try! Workflow(text: text))
        }
    }

    /// Times the per-keystroke work and a few edits on one workflow.
    static func report(label: String, workflow wf: Workflow) {
        let n = wf.actionNames.count
        let graph = median(rounds: 21) {
            let g = wf.graph
            _ = g.topologicalOrder()
            _ = g.cycle()
            _ = g.unreachable()
        }
        let middle = wf.actionNames[n / 2]
        let rename = median(rounds: 11) {
            var copy = wf
            _ = try? copy.renameAction(middle, to: "renamed-action")
        }
        let addEdge = median(rounds: 11) {
            var copy = wf
            _ = try? copy.addSuccessor(from: wf.actionNames[0], to: wf.actionNames[n - 1], rank: 2)
        }
        let delete = median(rounds: 11) {
            var copy = wf
            _ = try? copy.deleteAction(middle)
        }
        let save = median(rounds: 11) { _ = wf.serializedCanonical() }
        print(String(format: "  %@ (%d actions, %d edges): graph+order+cycle+reach %.3f ms; rename %.3f ms; add edge %.3f ms; delete %.3f ms; save %.3f ms",
                     label, n, wf.graph.edges.count, graph * 1e3, rename * 1e3, addEdge * 1e3, delete * 1e3, save * 1e3))
    }

    /// A layered workflow of `n` actions: each action invokes up to three in the next layer,
    /// one of them ranked and one conditional.
    static func synthetic(actions n: Int) -> String {
        var list: [JSONObject.Member] = []
        for i in 0..<n {
            var next: [JSONValue] = []
            if i + 1 < n { next.append(.string("a\(i + 1)")) }
            if i + 7 < n { next.append(.string("a\(i + 7)(2)")) }
            if i + 13 < n { next.append(["True": [.string("a\(i + 13)")], "False": []]) }
            list.append(.init(key: "a\(i)", value: [
                "FunctionName": .string("f\(i % 50)"), "FaaSServer": "GH", "Type": "Python",
                "Arguments": ["index": .number(JSONNumber(i)), "scale": 1.5], "InvokeNext": .array(next),
            ]))
        }
        let root: JSONValue = [
            "WorkflowName": "synthetic", "FunctionInvoke": "a0", "DefaultDataStore": "S3",
            "ActionList": .object(JSONObject(list)),
            "ComputeServers": ["GH": ["FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main"]],
            "DataStores": ["S3": ["Endpoint": "", "Bucket": "b", "Region": "us-east-1"]],
        ]
        return JSONPrinter.print(root)
    }

    /// The median CPU time of this thread over `rounds` runs of `body`, in seconds. CPU time,
    /// not wall time: the build machine is shared (load average above 10 on 2 cores), and
    /// preemption would otherwise dominate anything longer than a time slice.
    static func median(rounds: Int = 11, _ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<rounds {
            let start = threadCPUSeconds()
            body()
            times.append(threadCPUSeconds() - start)
        }
        times.sort()
        return times[times.count / 2]
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
