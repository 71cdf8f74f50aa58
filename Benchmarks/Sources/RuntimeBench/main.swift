// RuntimeBench: per-action overhead of the runtime's life cycle, its peak memory and its
// S3 requests per action kind, plus a whole diamond through `faasr local`'s machinery.
//
//   swift run -c release --package-path Benchmarks RuntimeBench
//
// S3: with the variables `scripts/moto-s3 start` prints (FAASR_TEST_S3_ENDPOINT, _ACCESS_KEY,
// _SECRET_KEY, _BUCKET, _REGION, _STATE_DIR) every action runs against that server through
// the runtime's own S3 client, and the S3 requests are counted server-side, from moto's
// request log ($FAASR_TEST_S3_STATE_DIR/log): give the bench a moto of its own, e.g.
//   eval "$(scripts/moto-s3 start --state-dir /tmp/bench-moto)"
// Without them, local-folder stores are used and store operations are counted in-process.
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

/// Accepts every successor request and starts nothing (the bench's child runs one action).
struct DiscardingTrigger: Trigger {
    func trigger(_ request: TriggerRequest) async throws {}
}

func maxRSSKilobytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(truncatingIfNeeded: RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss)
}

func childrenMaxRSSKilobytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(truncatingIfNeeded: RUSAGE_CHILDREN.rawValue), &usage)
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
    let inner: any StoreResolver = opts["store-dir"].map { storeResolver(root: URL(fileURLWithPath: $0)) } ?? S3StoreResolver()
    let resolver = CountingResolver(inner: inner, counter: counter)
    let trigger: any Trigger = opts["trigger-dir"].map { LocalTrigger(queue: URL(fileURLWithPath: $0)) } ?? DiscardingTrigger()
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
struct S3Server {
    let endpoint: String, bucket: String, region: String, accessKey: String, secretKey: String
    let log: URL?
}
let s3: S3Server? = {
    guard let e = env["FAASR_TEST_S3_ENDPOINT"], !e.isEmpty, let a = env["FAASR_TEST_S3_ACCESS_KEY"], let k = env["FAASR_TEST_S3_SECRET_KEY"] else { return nil }
    return S3Server(endpoint: e, bucket: env["FAASR_TEST_S3_BUCKET"] ?? "faasr-test", region: env["FAASR_TEST_S3_REGION"] ?? "us-east-1",
                    accessKey: a, secretKey: k, log: env["FAASR_TEST_S3_STATE_DIR"].map { URL(fileURLWithPath: $0).appendingPathComponent("log") })
}()
/// The environment of every action: the store's credentials by derived secret name.
let childEnv: [String: String] = {
    var e = env
    if let s3 { e["S3_AccessKey"] = s3.accessKey; e["S3_SecretKey"] = s3.secretKey }
    return e
}()

/// S3 requests in moto's log (one line per request: `"METHOD /bucket[/key][?query] HTTP/1.1" status`).
func serverRequests(in lines: ArraySlice<Substring>, bucket: String) -> [String: Int] {
    var out: [String: Int] = [:]
    for line in lines {
        guard let q1 = line.firstIndex(of: "\""), let q2 = line[line.index(after: q1)...].firstIndex(of: "\"") else { continue }
        let parts = line[line.index(after: q1)..<q2].split(separator: " ")
        guard parts.count >= 2 else { continue }
        let method = String(parts[0]), target = String(parts[1])
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        let query = target.contains("?") ? String(target.split(separator: "?", maxSplits: 1)[1]) : ""
        guard path == "/\(bucket)" || path.hasPrefix("/\(bucket)/") else { continue }
        let onObject = path.count > bucket.count + 2
        let op: String
        switch (method, onObject) {
        case ("HEAD", false): op = "HeadBucket"
        case ("HEAD", true): op = "HeadObject"
        case ("GET", false): op = query.contains("list-type=2") ? "ListObjectsV2" : "GET bucket"
        case ("GET", true): op = "GetObject"
        case ("PUT", true): op = "PutObject"
        case ("DELETE", true): op = "DeleteObject"
        default: op = "\(method) \(onObject ? "object" : "bucket")"
        }
        out[op, default: 0] += 1
    }
    return out
}
func logLines() -> [Substring] {
    guard let url = s3?.log, let d = FileManager.default.contents(atPath: url.path) else { return [] }
    return String(decoding: d, as: UTF8.self).split(separator: "\n")
}

let root = FileManager.default.temporaryDirectory.appendingPathComponent("runtimebench-\(UUID().uuidString.prefix(6))")
let stores = root.appendingPathComponent("stores")
try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
try Data("""
import time

def empty():
    with open("function-started.txt", "w") as f:
        f.write(repr(time.time()))
""".utf8).write(to: root.appendingPathComponent("empty.py"))

let dataStore = s3.map { #"{"Endpoint": "\#($0.endpoint)", "Bucket": "\#($0.bucket)", "Region": "\#($0.region)"}"# }
    ?? #"{"Bucket": "faasr", "Region": "us-east-1"}"#

func workflow(_ actions: [(String, [String])]) -> String {
    let list = actions.map { name, next in
        "\"\(name)\": {\"FunctionName\": \"empty\", \"FaaSServer\": \"GH\", \"Type\": \"Python\", \"InvokeNext\": [\(next.map { "\"\($0)\"" }.joined(separator: ","))]}"
    }.joined(separator: ",\n")
    return """
    {"WorkflowName": "bench", "FunctionInvoke": "\(actions[0].0)", "ActionList": {\(list)},
     "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main", "UseSecretStore": true}},
     "DataStores": {"S3": \(dataStore)}, "DefaultDataStore": "S3", "LoggingDataStore": "S3",
     "FaaSrLog": "FaaSrLog", "FunctionLocalFile": {"empty": "empty.py"}}
    """
}
let diamondFile = root.appendingPathComponent("diamond.json")
try Data(workflow([("s", ["a", "b"]), ("a", ["j"]), ("b", ["j"]), ("j", [])]).utf8).write(to: diamondFile)

struct Sample { var total: Double; var functionStart: Double; var maxRSS: Int; var childRSS: Int; var requests: Int; var ops: String
    var serverRequests: Int; var serverOps: String }

/// Which runtime runs the action: ours (this executable's `run` mode, i.e. `faasr run`'s
/// code) or faasr-py 2.1.0 through Benchmarks/faasr-py/faasr_py_action.py.
enum Runtime { case swift, faasrPy }
let faasrPyDir = env["FAASR_PY_DIR"] ?? "/opt/faasr-py"
let faasrPyDriver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("faasr-py/faasr_py_action.py")

func runAction(_ overwritten: String, label: String, runtime: Runtime = .swift) throws -> Sample {
    let work = root.appendingPathComponent("work-\(label)-\(UUID().uuidString.prefix(6))")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let p = Process()
    var processEnv = childEnv
    switch runtime {
    case .swift:
        p.executableURL = URL(fileURLWithPath: selfPath)
        p.arguments = ["run", "--workflow", diamondFile.path, "--overwritten", overwritten, "--work-dir", work.path]
            + (s3 == nil ? ["--store-dir", stores.path] : [])
    case .faasrPy:
        // faasr-py copies FunctionLocalFile paths relative to its working directory.
        try FileManager.default.copyItem(at: root.appendingPathComponent("empty.py"), to: work.appendingPathComponent("empty.py"))
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", faasrPyDriver.path, diamondFile.path, overwritten]
        p.currentDirectoryURL = work
        processEnv["PYTHONPATH"] = faasrPyDir
    }
    p.environment = processEnv
    let before = logLines().count
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    // The end is taken in the termination handler: Foundation's waitUntilExit() on Linux polls
    // its run loop every 50 ms, which added up to 50 ms to each measured action.
    let ended = DispatchSemaphore(value: 0)
    let endTime = EndTime()
    p.terminationHandler = { _ in endTime.set(ContinuousClock.now); ended.signal() }
    let t0 = Date().timeIntervalSince1970
    let c0 = ContinuousClock.now
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    ended.wait()
    let total = seconds(endTime.value! - c0)
    let server = s3 == nil ? [:] : serverRequests(in: logLines().dropFirst(before), bucket: s3!.bucket)
    let started = (try? String(contentsOf: work.appendingPathComponent("function-started.txt"), encoding: .utf8)).flatMap(Double.init) ?? .nan
    let tag = runtime == .swift ? "BENCH " : "FAASRPY "
    guard p.terminationStatus == 0, let line = out.split(separator: "\n").last(where: { $0.hasPrefix(tag) }) else {
        throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(label) failed (status \(p.terminationStatus)): \(out.suffix(3000))"])
    }
    var fields: [String: String] = [:]
    for part in line.dropFirst(tag.count).split(separator: " ") {
        let kv = part.split(separator: "=", maxSplits: 1)
        if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
    }
    return Sample(total: total, functionStart: started - t0, maxRSS: Int(fields["maxrss_kb"] ?? "0") ?? 0, childRSS: Int(fields["child_kb"] ?? "0") ?? 0,
                  requests: Int(fields["requests"] ?? "0") ?? 0, ops: fields["ops"] ?? "",
                  serverRequests: server.values.reduce(0, +),
                  serverOps: server.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
}

/// When a child process ended (set from its termination handler).
final class EndTime: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: ContinuousClock.Instant?
    func set(_ i: ContinuousClock.Instant) { lock.withLock { instant = i } }
    var value: ContinuousClock.Instant? { lock.withLock { instant } }
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? .nan : s[s.count / 2] }

/// One invocation of the diamond, action by action (s, a, b, j), for each action kind.
func actionRounds(_ n: Int, runtime: Runtime) throws -> (entry: [Sample], plain: [Sample], join: [Sample], diamond: [Double]) {
    var entry: [Sample] = [], plain: [Sample] = [], join: [Sample] = [], diamond: [Double] = []
    for i in 0..<n {
        let id = "bench-\(runtime)-\(i)-\(UUID().uuidString.prefix(6))"
        let ts = "2026-01-01T00-00-00"
        func over(_ a: String) -> String { #"{"FunctionInvoke":"\#(a)","InvocationID":"\#(id)","InvocationTimestamp":"\#(ts)"}"# }
        let s = try runAction(over("s"), label: "s", runtime: runtime)
        let a = try runAction(over("a"), label: "a", runtime: runtime)
        let b = try runAction(over("b"), label: "b", runtime: runtime)
        let j = try runAction(over("j"), label: "j", runtime: runtime)
        entry.append(s); plain.append(a); join.append(j)
        diamond.append(s.total + a.total + b.total + j.total)
    }
    return (entry, plain, join, diamond)
}

let reps = Int(env["RUNTIME_BENCH_REPS"] ?? "15") ?? 15
_ = try runAction(#"{"FunctionInvoke":"s"}"#, label: "warmup")
let (entry, plain, join, diamondSequential) = try actionRounds(reps, runtime: .swift)

var diamondTimes: [Double] = []
var diamondRows: [[LocalRun.Row]] = []
var diamondProcesses: [Double] = []
for _ in 0..<reps {
    let run = try LocalRun(options: .init(workflowFile: diamondFile, storeDirectory: s3 == nil ? stores : nil,
                                          runDirectory: root.appendingPathComponent("local-\(UUID().uuidString.prefix(6))"), executable: selfPath,
                                          environment: childEnv))
    let s = try await run.run()
    guard s.succeeded else { print("diamond failed: \(s.rows)"); exit(1) }
    diamondTimes.append(s.seconds)
    diamondRows.append(s.rows)
    diamondProcesses.append(Double(s.processes))
}

// faasr-py side by side: same workflow, same S3 server, same function, same machine.
let peerReps = Int(env["RUNTIME_BENCH_FAASR_PY_REPS"] ?? "3") ?? 3
var peer: (entry: [Sample], plain: [Sample], join: [Sample], diamond: [Double])?
if s3 != nil, peerReps > 0, FileManager.default.fileExists(atPath: faasrPyDir + "/FaaSr_py/__init__.py") {
    do {
        peer = try actionRounds(peerReps, runtime: .faasrPy)
    } catch {
        print("faasr-py could not be measured: \(error)")
    }
}

func row(_ name: String, _ xs: [Sample], faasr: String) -> String {
    let t = median(xs.map(\.total)), f = median(xs.map(\.functionStart))
    let tBest = xs.map(\.total).min() ?? .nan, fBest = xs.map(\.functionStart).min() ?? .nan
    let rss = xs.map(\.maxRSS).max() ?? 0, child = xs.map(\.childRSS).max() ?? 0
    return name.padding(toLength: 12, withPad: " ", startingAt: 0)
        + String(format: " %6.3f s (%5.3f) %6.3f s (%5.3f) %6.1f MB %6.1f MB %5d   ", t, tBest, f, fBest, Double(rss) / 1024, Double(child) / 1024,
                 s3 == nil ? (xs.first?.requests ?? 0) : (xs.first?.serverRequests ?? 0)) + faasr
}
print("RuntimeBench (release, \(s3 == nil ? "local-folder stores, requests counted in-process" : "S3 at \(s3!.endpoint), requests counted server-side from moto's log"), \(reps) repetitions, medians (best); Python: \(env["FAASR_PYTHON"] ?? "python3 on PATH"))")
print("runtime RSS = peak RSS of the runtime process; function RSS = largest child (function process, faasr-py's RPC server)")
print("action       total (best)       fn start (best)    runtime  fn RSS  S3 req  FaaSr 2.1.0 figures from the issue")
print(row("entry", entry, faasr: "1.35 s, fn start 0.75 s, 75 MB, 17 req"))
print(row("plain", plain, faasr: "—"))
print(row("join winner", join, faasr: "27 req"))
print(String(format: "diamond: faasr local (a and b concurrently) %.3f s median (best %.3f); its 4 actions back to back %.3f s median    FaaSr: 6.4 s",
             median(diamondTimes), diamondTimes.min() ?? .nan, median(diamondSequential)))
// Where a diamond's time goes: each action's first start and last end (median, seconds).
let phases = ["s", "a", "b", "j"].map { name -> String in
    let rows = diamondRows.compactMap { $0.first { $0.action == name } }
    return String(format: "%@ %.3f–%.3f", name, median(rows.compactMap(\.startTime)), median(rows.compactMap(\.endTime)))
}
print("diamond timeline (faasr local, medians, s): " + phases.joined(separator: ", ")
      + String(format: "; `faasr run` processes per run: %.0f", median(diamondProcesses)))
if let peer {
    print("")
    print("faasr-py 2.1.0 measured here (Benchmarks/faasr-py/faasr_py_action.py, same S3 server, \(peerReps) repetitions):")
    print(row("entry", peer.entry, faasr: ""))
    print(row("plain", peer.plain, faasr: ""))
    print(row("join winner", peer.join, faasr: ""))
    print(String(format: "diamond: its 4 actions back to back %.3f s median", median(peer.diamond)))
    print("faasr-py requests by operation: entry \(peer.entry.first?.serverOps ?? ""); plain \(peer.plain.first?.serverOps ?? ""); join \(peer.join.first?.serverOps ?? "")")
}
print("requests by operation (in-process count): entry \(entry.first?.ops ?? ""); plain \(plain.first?.ops ?? ""); join \(join.first?.ops ?? "")")
if s3 != nil {
    print("requests by operation (server-side, moto log): entry \(entry.first?.serverOps ?? ""); plain \(plain.first?.serverOps ?? ""); join \(join.first?.serverOps ?? "")")
    let all = entry + plain + join
    if all.contains(where: { $0.requests != $0.serverRequests }) {
        print("note: in-process and server-side counts differ (retries, or another client on this moto)")
    }
}
if env["RUNTIME_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(at: root) } else { print("kept \(root.path)") }
