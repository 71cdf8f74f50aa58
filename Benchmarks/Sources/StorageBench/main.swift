// StorageBench: throughput, CPU time and peak memory of the FaaSr S3 client against the
// local S3 server (scripts/moto-s3), side by side with boto3 and the AWS CLI. Run it through
// scripts/bench-storage, which starts the server, builds this in release mode, runs it and
// stops the server.
//
//   StorageBench compare SIZE_MB [REPETITIONS]
//       Put and get of one object by our client, boto3 (upload_file / download_file, one
//       long-lived Python process: scripts/bench-storage-boto3) and `aws s3 cp` (when
//       installed), interleaved back to back in every repetition so machine load hits all
//       alike, in an order that rotates with each repetition. Reports the median and range
//       of wall time, MB/s and the median CPU time.
//       "ours-unsigned" is our client with UNSIGNED-PAYLOAD (no hashing pass), put only.
//   StorageBench puts SIZE_MB [REPETITIONS]
//       The puts alone (for tuning part size and parts in flight; see BENCH_PART_MB).
//   StorageBench memory SIZE_MB
//       Put, then get, of one object; the peak RSS (VmHWM) of this process during each.
import FaaSrStorage
import Foundation
#if canImport(Glibc)
import Glibc
#endif

func env(_ name: String) -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
        FileHandle.standardError.write(Data("StorageBench: \(name) is not set; run scripts/bench-storage\n".utf8))
        exit(2)
    }
    return value
}

// MARK: - Measuring

/// Peak resident set size of this process so far (VmHWM), MiB.
func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? -1
        return kb / 1024
    }
    return -1
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0); false when not allowed.
func resetPeakRSS() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    return (try? handle.write(contentsOf: Data("5".utf8))) != nil
}

/// User + system CPU seconds of this process (who = RUSAGE_SELF) or of its waited-for
/// children (RUSAGE_CHILDREN).
func cpuSeconds(_ who: Int32 = RUSAGE_SELF.rawValue) -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(who), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Wall and CPU seconds of one transfer.
struct Sample { var wall: Double; var cpu: Double }

func makeFile(_ url: URL, megabytes: Int) throws {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    var words = [UInt64](repeating: 0, count: 1 << 17) // 1 MiB
    for _ in 0..<megabytes {
        for i in words.indices {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            words[i] = state
        }
        try words.withUnsafeBytes { try handle.write(contentsOf: Data($0)) }
    }
}

// MARK: - The other clients

/// boto3 in one long-lived Python process (scripts/bench-storage-boto3): one line per
/// command on stdin, `WALL CPU` back on stdout.
final class Boto3 {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    var buffer = Data()

    init(helper: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", helper.path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        guard try readLine() == "ready" else { throw BenchError("the boto3 helper did not start") }
    }

    func readLine() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[(newline + 1)...])
                return line
            }
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { throw BenchError("the boto3 helper stopped") }
            buffer += more
        }
    }

    func run(_ fields: String...) throws -> Sample {
        try input.fileHandleForWriting.write(contentsOf: Data((fields.joined(separator: "\t") + "\n").utf8))
        let answer = try readLine().split(separator: " ").compactMap { Double($0) }
        guard answer.count == 2 else { throw BenchError("boto3 helper: \(fields[0]) failed") }
        return Sample(wall: answer[0], cpu: answer[1])
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// `aws s3 cp`, one process per transfer (its start-up, about a second, is included).
func awsCLI(_ arguments: [String]) throws -> Sample {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["aws", "--endpoint-url", env("FAASR_TEST_S3_ENDPOINT"), "s3", "cp", "--only-show-errors"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["AWS_ACCESS_KEY_ID"] = env("FAASR_TEST_S3_ACCESS_KEY")
    environment["AWS_SECRET_ACCESS_KEY"] = env("FAASR_TEST_S3_SECRET_KEY")
    environment["AWS_DEFAULT_REGION"] = env("FAASR_TEST_S3_REGION")
    process.environment = environment
    let cpu0 = cpuSeconds(RUSAGE_CHILDREN.rawValue)
    let t0 = now()
    try process.run()
    process.waitUntilExit()
    let sample = Sample(wall: now() - t0, cpu: cpuSeconds(RUSAGE_CHILDREN.rawValue) - cpu0)
    guard process.terminationStatus == 0 else { throw BenchError("aws s3 cp \(arguments) failed") }
    return sample
}

func hasAWSCLI() -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["aws", "--version"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Main

let arguments = CommandLine.arguments
guard arguments.count >= 3, let megabytes = Int(arguments[2]), ["compare", "puts", "memory"].contains(arguments[1]) else {
    print("usage: StorageBench compare|puts SIZE_MB [REPETITIONS] | StorageBench memory SIZE_MB")
    exit(2)
}
/// Our client with the library defaults, or the part size (MiB) and parts in flight given
/// in BENCH_PART_MB and BENCH_PARTS_IN_FLIGHT, and without part checksums when
/// BENCH_PART_CHECKSUMS=0 (for tuning those defaults).
let client: S3Client = {
    var configuration = S3Configuration(
        endpoint: URL(string: env("FAASR_TEST_S3_ENDPOINT"))!, bucket: env("FAASR_TEST_S3_BUCKET"),
        region: env("FAASR_TEST_S3_REGION"),
        credentials: AWSCredentials(accessKeyID: env("FAASR_TEST_S3_ACCESS_KEY"), secretAccessKey: env("FAASR_TEST_S3_SECRET_KEY")))
    let environment = ProcessInfo.processInfo.environment
    if let mib = environment["BENCH_PART_MB"].flatMap({ Int64($0) }) { configuration.partSize = max(5, mib) << 20 }
    if let n = environment["BENCH_PARTS_IN_FLIGHT"].flatMap({ Int($0) }) { configuration.partConcurrency = max(1, n) }
    if environment["BENCH_PART_CHECKSUMS"] == "0" { configuration.partChecksums = false }
    FileHandle.standardError.write(Data("our client: \(configuration.partSize >> 20) MiB parts, \(configuration.partConcurrency) in flight, part checksums \(configuration.partChecksums ? "on" : "off")\n".utf8))
    return S3Client(configuration: configuration)
}()
/// The same client sending `UNSIGNED-PAYLOAD` (no hashing pass over each part).
let unsignedClient = S3Client(configuration: {
    var configuration = client.configuration
    configuration.payloadSigning = .unsigned
    return configuration
}())
let bucket = env("FAASR_TEST_S3_BUCKET")
let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["BENCH_DIR"] ?? NSTemporaryDirectory())
let source = folder.appendingPathComponent("storagebench-\(megabytes)MB.bin")
let target = folder.appendingPathComponent("storagebench-\(megabytes)MB.back")
if !FileManager.default.fileExists(atPath: source.path) { try makeFile(source, megabytes: megabytes) }
let mb = Double(megabytes) * 1_048_576 / 1_000_000

/// `list` started at index `shift` (modulo its length) and wrapped around.
func rotated<T>(_ list: [T], by shift: Int) -> [T] {
    let k = shift % list.count
    return Array(list[k...] + list[..<k])
}

func ours(_ body: () async throws -> Void) async rethrows -> Sample {
    let cpu0 = cpuSeconds()
    let t0 = now()
    try await body()
    return Sample(wall: now() - t0, cpu: cpuSeconds() - cpu0)
}

switch arguments[1] {
case "compare", "puts":
    let putsOnly = arguments[1] == "puts"
    let repetitions = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 5) : 5
    let helper = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../scripts/bench-storage-boto3").standardized
    let boto3 = try Boto3(helper: helper)
    let withCLI = !putsOnly && hasAWSCLI()
    var samples: [String: [Sample]] = [:]
    func add(_ name: String, _ sample: Sample) {
        samples[name, default: []].append(sample)
        FileHandle.standardError.write(Data(String(format: "  %@ %.2f s (cpu %.2f s)\n", name, sample.wall, sample.cpu).utf8))
    }
    for repetition in 1...repetitions {
        FileHandle.standardError.write(Data("repetition \(repetition) of \(repetitions)\n".utf8))
        // The order rotates with each repetition, so no client always runs first (after
        // the previous repetition's downloads have filled the page cache with dirty data).
        let putters = ["ours", "ours-unsigned", "boto3"] + (withCLI ? ["aws-cli"] : [])
        for name in rotated(putters, by: repetition - 1) {
            switch name {
            case "ours": add("ours put", try await ours { try await client.put("bench/swift.bin", from: source) })
            case "ours-unsigned":
                add("ours-unsigned put", try await ours { try await unsignedClient.put("bench/swift-unsigned.bin", from: source) })
            case "boto3": add("boto3 put", try boto3.run("put", source.path, "bench/boto3.bin"))
            default: add("aws-cli put", try awsCLI([source.path, "s3://\(bucket)/bench/cli.bin"]))
            }
        }
        if putsOnly { continue }
        let getters = ["ours", "boto3"] + (withCLI ? ["aws-cli"] : [])
        for name in rotated(getters, by: repetition - 1) {
            switch name {
            case "ours": add("ours get", try await ours { try await client.get("bench/swift.bin", to: target) })
            case "boto3": add("boto3 get", try boto3.run("get", "bench/boto3.bin", target.path + ".boto3"))
            default: add("aws-cli get", try awsCLI(["s3://\(bucket)/bench/cli.bin", target.path + ".cli"]))
            }
        }
    }
    _ = try boto3.run("delete", "bench/boto3.bin")
    boto3.stop()
    try await client.delete("bench/swift.bin")
    try await client.delete("bench/swift-unsigned.bin")
    if withCLI { try await client.delete("bench/cli.bin") }
    for file in [target.path, target.path + ".boto3", target.path + ".cli"] { try? FileManager.default.removeItem(atPath: file) }

    print("\(megabytes) MiB object, \(repetitions) repetitions, interleaved; wall median [min–max], CPU median")
    print("| client | op | median | MB/s | range | CPU |")
    print("|---|---|---|---|---|---|")
    for op in ["put", "get"] {
        for name in ["ours", "ours-unsigned", "boto3", "aws-cli"] {
            guard let list = samples["\(name) \(op)"] else { continue }
            let walls = list.map(\.wall).sorted()
            let cpus = list.map(\.cpu).sorted()
            let median = walls[walls.count / 2]
            print(String(format: "| %@ | %@ | %.2f s | %.1f | %.2f–%.2f s | %.2f s |", name, op, median, mb / median,
                         walls.first!, walls.last!, cpus[cpus.count / 2]))
        }
    }
    print("retries of our client: \(client.retryCount)")
default:
    let start = peakRSSMiB()
    let put = try await ours { try await client.put("bench/memory.bin", from: source) }
    let afterPut = peakRSSMiB()
    let reset = resetPeakRSS()
    let beforeGet = peakRSSMiB()
    let get = try await ours { try await client.get("bench/memory.bin", to: target) }
    let afterGet = peakRSSMiB()
    try await client.delete("bench/memory.bin")
    try? FileManager.default.removeItem(at: target)
    print(String(format: "memory, %d MiB object: peak RSS at start %.1f MiB; put peak %.1f MiB (%.1f MB/s, cpu %.2f s); get peak %.1f MiB%@ (%.1f MB/s, cpu %.2f s)",
                 megabytes, start, afterPut, mb / put.wall, put.cpu, afterGet,
                 reset ? String(format: ", measured from %.1f MiB", beforeGet) : " (peak not resettable: max of put and get)",
                 mb / get.wall, get.cpu))
}
