// CoreBench: `swift run -c release --package-path Benchmarks CoreBench [NAME] [options]`.
// With no NAME every benchmark runs; each area adds its entry here.
let benchmarks: [(name: String, run: ([String]) -> Void)] = [
    ("validate", ValidateBench.run),
    ("model", ModelBench.run),
]

let arguments = Array(CommandLine.arguments.dropFirst())
let selected = arguments.first.flatMap { name in benchmarks.first { $0.name == name } }
if let selected {
    selected.run(Array(arguments.dropFirst()))
} else if let name = arguments.first, !name.hasPrefix("-") {
    print("unknown benchmark \(name); known: \(benchmarks.map(\.name).joined(separator: ", "))")
} else {
    for b in benchmarks { b.run(arguments) }
}
