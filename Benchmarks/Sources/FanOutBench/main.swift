// FanOutBench: a 200-way rank fan-out (samples/rankfanout with work(200)) through
// `faasr local`, with --jobs at its default against --no-job-limit, side by side in one run:
// wall time, and the peak memory and process count of the whole process tree (faasr local,
// every faasr run, every interpreter). Each run must succeed: exit status 0 and the join's
// output "200 parts, total 5050" in the store folder; a failed run stops the bench.
//
//   swift run -c release --package-path Benchmarks FanOutBench
//
// Environment: FAASR_BIN (the faasr to measure; default ../.build/release/faasr, else
// ../.build/debug/faasr relative to Benchmarks/), FANOUT_BENCH_COPIES (200),
// FANOUT_BENCH_REPS (1 per mode; modes alternate).
import Foundation

let env = ProcessInfo.processInfo.environment
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let faasr = env["FAASR_BIN"] ?? ["release", "debug"].map { packageRoot.appendingPathComponent(".build/\($0)/faasr").path }
    .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "faasr"
let copies = Int(env["FANOUT_BENCH_COPIES"] ?? "200") ?? 200
let reps = Int(env["FANOUT_BENCH_REPS"] ?? "1") ?? 1

/// The process tree under `root`: each sample sums VmRSS over it (shared pages count once
/// per process, so this is an upper bound of the tree's memory, as `ps` would add it up).
final class TreeSampler: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var peakRSS: Int64 = 0
    private(set) var peakProcesses = 0
    private(set) var peakActions = 0
    private var stopped = false

    func sample(root: Int32) {
        var parent: [Int32: Int32] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for name in entries {
            guard let pid = Int32(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let ppid = Int32(fields[1]) { parent[pid] = ppid }
        }
        var inTree: Set<Int32> = [root]
        var grew = true
        while grew {
            grew = false
            for (pid, ppid) in parent where !inTree.contains(pid) && inTree.contains(ppid) { inTree.insert(pid); grew = true }
        }
        var rss: Int64 = 0, actions = 0
        for pid in inTree {
            if let statm = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) {
                let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int64($0) } ?? 0
                rss += pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
            }
            // `faasr run` children of `faasr local` (not their forks before an exec).
            if parent[pid] == root, let cmd = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
               cmd.split(separator: "\0").dropFirst().first == "run" { actions += 1 }
        }
        lock.withLock {
            peakRSS = max(peakRSS, rss)
            peakProcesses = max(peakProcesses, inTree.count)
            peakActions = max(peakActions, actions)
        }
    }

    func stop() { lock.withLock { stopped = true } }
    var isStopped: Bool { lock.withLock { stopped } }
}

struct Result { var mode: String; var seconds: Double; var cpu: Double; var rss: Int64; var processes: Int; var actions: Int; var load: String }

/// User + system CPU seconds of the waited-for descendants so far.
func childCPU() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

func workflow(in dir: URL) throws -> URL {
    let sample = packageRoot.appendingPathComponent("samples/rankfanout")
    var text = try String(contentsOf: sample.appendingPathComponent("rankfanout.json"), encoding: .utf8)
    text = text.replacingOccurrences(of: "\"work(4)\"", with: "\"work(\(copies))\"")
    try text.write(to: dir.appendingPathComponent("fan.json"), atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(at: sample.appendingPathComponent("rankfanout.py"), to: dir.appendingPathComponent("rankfanout.py"))
    return dir.appendingPathComponent("fan.json")
}

func measure(_ mode: String, _ extra: [String]) throws -> Result {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fanout-bench-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = try workflow(in: dir)
    let stores = dir.appendingPathComponent("stores")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: faasr)
    p.arguments = ["local", file.path, "--store-dir", stores.path, "--run-dir", dir.appendingPathComponent("run").path] + extra
    p.currentDirectoryURL = dir
    let out = dir.appendingPathComponent("out.txt")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let handle = try FileHandle(forWritingTo: out)
    p.standardOutput = handle
    p.standardError = handle
    let sampler = TreeSampler()
    let start = Date(), cpuBefore = childCPU()
    try p.run()
    let thread = Thread {
        while !sampler.isStopped { sampler.sample(root: p.processIdentifier); usleep(50_000) }
    }
    thread.start()
    p.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    sampler.stop()
    let gathered = try? String(contentsOf: stores.appendingPathComponent("S3/rankfanout/gathered.txt"), encoding: .utf8)
    guard p.terminationStatus == 0, gathered == "\(copies) parts, total 5050\n" else {
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        print("FAILED run (\(mode)): exit \(p.terminationStatus), gathered \(gathered ?? "nothing")\n\(text.suffix(3000))")
        exit(1)
    }
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    return Result(mode: mode, seconds: seconds, cpu: childCPU() - cpuBefore, rss: sampler.peakRSS, processes: sampler.peakProcesses,
                  actions: sampler.peakActions, load: load)
}

print("FanOutBench: start → work(\(copies)) → join through `\(faasr) local`, \(reps) run(s) per mode, modes alternating")
print("peak RSS = largest sum of VmRSS over the process tree (sampled every 50 ms); actions = `faasr run` processes at once")
var results: [Result] = []
for _ in 0..<reps {
    results.append(try measure("--jobs default", []))
    results.append(try measure("--no-job-limit", ["--no-job-limit"]))
}
print("CPU = user + system time of the whole tree; load = the machine's load average after the run (shared machine)")
print("mode              wall       CPU        peak RSS   processes  actions  load after (1/5/15 min)")
for r in results {
    print(r.mode.padding(toLength: 16, withPad: " ", startingAt: 0)
          + String(format: "  %7.2f s  %7.2f s  %7.1f MB  %9d  %7d  ", r.seconds, r.cpu, Double(r.rss) / 1_048_576, r.processes, r.actions) + r.load)
}
