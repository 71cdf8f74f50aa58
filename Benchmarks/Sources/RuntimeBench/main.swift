// RuntimeBench: per-action overhead of the runtime's life cycle, its peak memory and its
// S3 requests per action kind, plus a whole diamond through `faasr local`'s machinery.
//
//   swift run -c release --package-path Benchmarks RuntimeBench
//
// S3: set FAASR_TEST_S3_ENDPOINT (+ _ACCESS_KEY, _SECRET_KEY, _BUCKET, _REGION) to measure
// against a local S3 server (scripts/moto-s3); otherwise local-folder stores are used (the
// request counts are the same: one store operation is one S3 request).
import FaaSrCore
import FaaSrRuntime
import FaaSrStorage
import Foundation

/// Counts store operations (each is one S3 request).
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func add(_ op: String) { lock.withLock { counts[op, default: 0] += 1 } }
    var total: Int { lock.withLock { counts.values.reduce(0, +) } }
    var byOperation: [String: Int] { lock.withLock { counts } }
}

struct CountingStore: ObjectStore {
    let inner: any ObjectStore
    let counter: Counter
    func checkAccess() async throws { counter.add("HeadBucket"); try await inner.checkAccess() }
    func head(_ key: String) async throws -> ObjectInfo? { counter.add("HeadObject"); return try await inner.head(key) }
    func get(_ key: String, to file: URL) async throws -> ObjectInfo { counter.add("GetObject"); return try await inner.get(key, to: file) }
    func getData(_ key: String) async throws -> Data { counter.add("GetObject"); return try await inner.getData(key) }
    func put(_ key: String, from file: URL) async throws { counter.add("PutObject"); try await inner.put(key, from: file) }
    func put(_ key: String, data: Data) async throws { counter.add("PutObject"); try await inner.put(key, data: data) }
    func putIfAbsent(_ key: String, data: Data) async throws -> PutIfAbsentResult { counter.add("PutObject(If-None-Match)"); return try await inner.putIfAbsent(key, data: data) }
    func delete(_ key: String) async throws { counter.add("DeleteObject"); try await inner.delete(key) }
    func list(prefix: String, delimiter: String?) async throws -> ObjectListing { counter.add("ListObjectsV2"); return try await inner.list(prefix: prefix, delimiter: delimiter) }
}

struct CountingResolver: StoreResolver {
    let inner: any StoreResolver
    let counter: Counter
    func store(named name: String, config: JSONObject) throws -> any ObjectStore {
        CountingStore(inner: try inner.store(named: name, config: config), counter: counter)
    }
}

func maxRSSKilobytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)
}

func childrenMaxRSSKilobytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN, &usage)
    return Int(usage.ru_maxrss)
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

let env = ProcessInfo.processInfo.environment
let selfPath = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path

func storeResolver(root: URL) -> any StoreResolver {
    LocalFolderStoreResolver(root: root)
}

// MARK: Child mode: `RuntimeBench run ...` behaves like `faasr run` (the subset faasr local uses).
let args = CommandLine.arguments
if args.count > 1 && args[1] == "run" {
    var opts: [String: String] = [:]
    var i = 2
    while i < args.count {
        let a = args[i]
        if a == "--quiet" { opts["quiet"] = "1"; i += 1; continue }
        if a.hasPrefix("--"), i + 1 < args.count { opts[String(a.dropFirst(2))] = args[i + 1]; i += 2 } else { i += 1 }
    }
    let request: PayloadRequest
    if let wf = opts["workflow"] {
        let over = try JSONDocument(text: opts["overwritten"] ?? "{}").root.objectValue ?? JSONObject()
        request = PayloadRequest(payloadURL: wf, overwritten: over)
    } else {
        let text = String(decoding: FileManager.default.contents(atPath: opts["event"]!)!, as: UTF8.self)
        request = try PayloadRequest.fromEvent(text)
    }
    let counter = Counter()
    let resolver = CountingResolver(inner: storeResolver(root: URL(fileURLWithPath: opts["store-dir"]!)), counter: counter)
    let trigger: any Trigger = opts["trigger-dir"].map { LocalTrigger(queue: URL(fileURLWithPath: $0)) } ?? RecordingTrigger()
    var runner = ActionRunner(request: request, stores: resolver, trigger: trigger,
                              functionRunner: ProcessFunctionRunner(rpcPort: 0),
                              workingDirectory: URL(fileURLWithPath: opts["work-dir"] ?? FileManager.default.currentDirectoryPath))
    runner.echo = false
    let outcome = await runner.run()
    if let s = opts["status-file"] {
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: s).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(outcome.jsonText.utf8).write(to: URL(fileURLWithPath: s))
    }
    let ops = counter.byOperation.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    print("BENCH requests=\(counter.total) maxrss_kb=\(maxRSSKilobytes()) child_kb=\(childrenMaxRSSKilobytes()) kind=\(outcome.kind.rawValue) ops=\(ops)")
    exit(outcome.exitCode)
}

// MARK: Driver.
let root = FileManager.default.temporaryDirectory.appendingPathComponent("runtimebench-\(UUID().uuidString.prefix(6))")
let stores = root.appendingPathComponent("stores")
try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
try Data("""
import time

def empty():
    with open("function-started.txt", "w") as f:
        f.write(repr(time.time()))
""".utf8).write(to: root.appendingPathComponent("empty.py"))

func workflow(_ actions: [(String, [String])]) -> String {
    let list = actions.map { name, next in
        "\"\(name)\": {\"FunctionName\": \"empty\", \"FaaSServer\": \"GH\", \"Type\": \"Python\", \"InvokeNext\": [\(next.map { "\"\($0)\"" }.joined(separator: ","))]}"
    }.joined(separator: ",\n")
    return """
    {"WorkflowName": "bench", "FunctionInvoke": "\(actions[0].0)", "ActionList": {\(list)},
     "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main", "UseSecretStore": true}},
     "DataStores": {"S3": {"Bucket": "faasr", "Region": "us-east-1"}}, "DefaultDataStore": "S3", "LoggingDataStore": "S3",
     "FaaSrLog": "FaaSrLog", "FunctionLocalFile": {"empty": "empty.py"}}
    """
}
let diamondFile = root.appendingPathComponent("diamond.json")
try Data(workflow([("s", ["a", "b"]), ("a", ["j"]), ("b", ["j"]), ("j", [])]).utf8).write(to: diamondFile)

struct Sample { var total: Double; var functionStart: Double; var maxRSS: Int; var childRSS: Int; var requests: Int; var ops: String }

func runAction(_ overwritten: String, label: String) throws -> Sample {
    let work = root.appendingPathComponent("work-\(label)-\(UUID().uuidString.prefix(6))")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: selfPath)
    p.arguments = ["run", "--workflow", diamondFile.path, "--overwritten", overwritten, "--store-dir", stores.path, "--work-dir", work.path]
    let pipe = Pipe()
    p.standardOutput = pipe
    let t0 = Date().timeIntervalSince1970
    let c0 = ContinuousClock.now
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let total = seconds(ContinuousClock.now - c0)
    let started = (try? String(contentsOf: work.appendingPathComponent("function-started.txt"), encoding: .utf8)).flatMap(Double.init) ?? .nan
    guard let line = out.split(separator: "\n").last(where: { $0.hasPrefix("BENCH ") }) else {
        throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "no BENCH line: \(out)"])
    }
    var fields: [String: String] = [:]
    for part in line.dropFirst(6).split(separator: " ") {
        let kv = part.split(separator: "=", maxSplits: 1)
        if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
    }
    return Sample(total: total, functionStart: started - t0, maxRSS: Int(fields["maxrss_kb"] ?? "0") ?? 0, childRSS: Int(fields["child_kb"] ?? "0") ?? 0,
                  requests: Int(fields["requests"] ?? "0") ?? 0, ops: fields["ops"] ?? "")
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? .nan : s[s.count / 2] }

let reps = Int(env["RUNTIME_BENCH_REPS"] ?? "15") ?? 15
var entry: [Sample] = [], plain: [Sample] = [], join: [Sample] = []
_ = try runAction(#"{"FunctionInvoke":"s"}"#, label: "warmup")
for i in 0..<reps {
    let id = "bench-\(i)-\(UUID().uuidString.prefix(6))"
    let ts = "2026-01-01T00-00-00"
    entry.append(try runAction(#"{"FunctionInvoke":"s","InvocationID":"\#(id)","InvocationTimestamp":"\#(ts)"}"#, label: "s"))
    plain.append(try runAction(#"{"FunctionInvoke":"a","InvocationID":"\#(id)","InvocationTimestamp":"\#(ts)"}"#, label: "a"))
    _ = try runAction(#"{"FunctionInvoke":"b","InvocationID":"\#(id)","InvocationTimestamp":"\#(ts)"}"#, label: "b")
    join.append(try runAction(#"{"FunctionInvoke":"j","InvocationID":"\#(id)","InvocationTimestamp":"\#(ts)"}"#, label: "j"))
}

var diamondTimes: [Double] = []
for _ in 0..<max(3, reps / 3) {
    let run = try LocalRun(options: .init(workflowFile: diamondFile, storeDirectory: stores,
                                          runDirectory: root.appendingPathComponent("local-\(UUID().uuidString.prefix(6))"), executable: selfPath))
    let s = try await run.run()
    guard s.succeeded else { print("diamond failed: \(s.rows)"); exit(1) }
    diamondTimes.append(s.seconds)
}

func row(_ name: String, _ xs: [Sample], faasr: String) -> String {
    let t = median(xs.map(\.total)), f = median(xs.map(\.functionStart))
    let rss = xs.map(\.maxRSS).max() ?? 0, child = xs.map(\.childRSS).max() ?? 0
    return name.padding(toLength: 12, withPad: " ", startingAt: 0)
        + String(format: " %8.3f s %10.3f s %7.1f MB %7.1f MB %6d   ", t, f, Double(rss) / 1024, Double(child) / 1024, xs.first?.requests ?? 0) + faasr
}
print("RuntimeBench (release, local-folder stores, \(reps) repetitions, medians; python3 function)")
print("action       total      fn start   runtime RSS  python RSS  S3 req   FaaSr 2.1.0 (faasr-py, moto)")
print(row("entry", entry, faasr: "1.35 s, fn start 0.75 s, 75 MB, 17 req"))
print(row("plain", plain, faasr: "—"))
print(row("join winner", join, faasr: "27 req"))
print(String(format: "diamond (faasr local, 4 processes): %.3f s median    FaaSr: 6.4 s", median(diamondTimes)))
print("requests by operation: entry \(entry.first?.ops ?? ""); plain \(plain.first?.ops ?? ""); join \(join.first?.ops ?? "")")
try? FileManager.default.removeItem(at: root)
