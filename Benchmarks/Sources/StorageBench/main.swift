// StorageBench: throughput and peak memory of the FaaSr S3 client against the local
// S3 server (scripts/moto-s3). Run it through scripts/bench-storage, which starts the
// server, runs this and the boto3 / AWS CLI comparisons, and stops the server.
//
//   StorageBench throughput SIZE_MB   put + get of one object, MB/s (3 runs, best and median)
//   StorageBench memory SIZE_MB       put + get of one object, peak RSS (VmHWM) of this process
import FaaSrStorage
import Foundation

func env(_ name: String) -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
        FileHandle.standardError.write(Data("StorageBench: \(name) is not set; run scripts/bench-storage\n".utf8))
        exit(2)
    }
    return value
}

func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? -1
        return kb / 1024
    }
    return -1
}

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
        words.withUnsafeBytes { handle.write(Data($0)) }
    }
}

func time(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let megabytes = Int(arguments[2]), ["throughput", "memory"].contains(arguments[1]) else {
    print("usage: StorageBench throughput|memory SIZE_MB")
    exit(2)
}
let client = S3Client(configuration: S3Configuration(
    endpoint: URL(string: env("FAASR_TEST_S3_ENDPOINT"))!, bucket: env("FAASR_TEST_S3_BUCKET"),
    region: env("FAASR_TEST_S3_REGION"),
    credentials: AWSCredentials(accessKeyID: env("FAASR_TEST_S3_ACCESS_KEY"), secretAccessKey: env("FAASR_TEST_S3_SECRET_KEY"))))
let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["BENCH_DIR"] ?? NSTemporaryDirectory())
let source = folder.appendingPathComponent("storagebench-\(megabytes)MB.bin")
let target = folder.appendingPathComponent("storagebench-\(megabytes)MB.back")
if !FileManager.default.fileExists(atPath: source.path) { try makeFile(source, megabytes: megabytes) }
let key = "bench/swift-\(megabytes)MB.bin"
let mb = Double(megabytes) * 1_048_576 / 1_000_000

switch arguments[1] {
case "throughput":
    var puts: [Double] = []
    var gets: [Double] = []
    for _ in 0..<3 {
        puts.append(try await time { try await client.put(key, from: source) })
        gets.append(try await time { try await client.get(key, to: target) })
    }
    try await client.delete(key)
    try? FileManager.default.removeItem(at: target)
    func report(_ name: String, _ times: [Double]) {
        let sorted = times.sorted()
        print(String(format: "swift %@ %d MiB: best %.2f s (%.1f MB/s), median %.2f s (%.1f MB/s)", name, megabytes,
                     sorted[0], mb / sorted[0], sorted[1], mb / sorted[1]))
    }
    report("put", puts)
    report("get", gets)
    print("retries: \(client.retryCount)")
default:
    let before = peakRSSMiB()
    let put = try await time { try await client.put(key, from: source) }
    let afterPut = peakRSSMiB()
    let get = try await time { try await client.get(key, to: target) }
    let afterGet = peakRSSMiB()
    try await client.delete(key)
    try? FileManager.default.removeItem(at: target)
    print(String(format: "swift memory %d MiB: peak RSS before %.1f MiB, after put %.1f MiB, after get %.1f MiB (put %.1f MB/s, get %.1f MB/s)",
                 megabytes, before, afterPut, afterGet, mb / put, mb / get))
}
