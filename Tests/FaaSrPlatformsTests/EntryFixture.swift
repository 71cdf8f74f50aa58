import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A one-folder workflow for the container entry points: action `hello` (a Python function
/// that writes an object) and action `broken` (one that raises), logging to moto. The entry
/// point runs as a child process (the `faasr` executable, or `podman run` of an image) whose
/// output goes to files, never pipes, and which is killed when it outlives its tries.
struct EntryFixture {
    let s3: TestS3Server
    let dir: URL
    let workflow: URL
    let log: String

    /// nil when S3 is not configured (an error under CI).
    static func make(_ label: String) throws -> EntryFixture? {
        guard let s3 = try TestS3Server.require() else { return nil }
        let dir = try FasrTemporary.directory()
        let code = dir.appendingPathComponent("entry_functions.py")
        try """
        def hello(folder):
            with open("hello.txt", "w") as f:
                f.write("hello from the entry point\\n")
            faasr_put_file(local_file="hello.txt", remote_folder=folder, remote_file="hello.txt")
            faasr_log("hello wrote its file")


        def broken(folder):
            raise RuntimeError("broken fails on purpose")
        """.write(to: code, atomically: true, encoding: .utf8)
        let rCode = dir.appendingPathComponent("entry_functions.R")
        try """
        hello_r <- function(folder) {
          writeLines("hello from R", "hello.txt")
          faasr_put_file(local_file = "hello.txt", remote_folder = folder, remote_file = "hello-r.txt")
        }
        """.write(to: rCode, atomically: true, encoding: .utf8)
        let log = "FaaSrLog-" + TestS3Server.uniquePrefix(label).dropLast()
        // One workflow per action: FaaSr refuses actions that the entry action cannot reach.
        for name in ["hello", "broken", "hello-r"] {
            let type = name == "hello-r" ? "R" : "Python"
            let function = name.replacingOccurrences(of: "-", with: "_")
            let wf: [String: Any] = [
                "WorkflowName": "entry", "FunctionInvoke": name,
                "ActionList": [name: ["FunctionName": function, "FaaSServer": "Box", "Type": type, "InvokeNext": [String](), "Arguments": ["folder": log + "/out"]]],
                "ComputeServers": ["Box": ["FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main", "UseSecretStore": true]],
                "DataStores": ["S3": ["Endpoint": s3.endpoint, "Bucket": s3.bucket, "Region": s3.region, "Writable": "true"]],
                "DefaultDataStore": "S3", "LoggingDataStore": "S3", "FaaSrLog": log, "InvocationID": "",
                "FunctionLocalFile": [function: (type == "R" ? rCode : code).path],
            ]
            try JSONSerialization.data(withJSONObject: wf, options: [.prettyPrinted, .withoutEscapingSlashes])
                .write(to: dir.appendingPathComponent("\(name).json"))
        }
        let file = dir.appendingPathComponent("hello.json")
        return EntryFixture(s3: s3, dir: dir, workflow: file, log: log)
    }

    /// The payload as a Lambda event (OVERWRITTEN a JSON string), starting at `action`.
    func lambdaEvent(_ action: String) -> String {
        "{\"PAYLOAD_URL\":\"\(workflow(action))\",\"OVERWRITTEN\":\"{\\\"FunctionInvoke\\\":\\\"\(action)\\\"}\"}"
    }

    /// The payload as OpenWhisk parameters (OVERWRITTEN an object).
    func openWhiskParameters(_ action: String) -> String {
        "{\"PAYLOAD_URL\":\"\(workflow(action))\",\"OVERWRITTEN\":{\"FunctionInvoke\":\"\(action)\"}}"
    }

    /// The workflow file whose entry action is `action`.
    func workflow(_ action: String) -> String { dir.appendingPathComponent("\(action).json").path }

    /// The secrets and switches every entry point gets (a free RPC port: tests run side by side).
    var environment: [String: String] {
        ["S3_AccessKey": s3.accessKey, "S3_SecretKey": s3.secretKey, "FAASR_RPC_PORT": "0",
         "FAASR_WORK_ROOT": dir.appendingPathComponent("work").path, "LANG": "C.UTF-8",
         "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
    }

    /// The logging store.
    func store() throws -> any ObjectStore {
        try DataStoreConfig(name: "S3", endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region,
                            accessKey: s3.accessKey, secretKey: s3.secretKey).makeStore()
    }

    /// Keys under the workflow's log folder.
    func keys() async throws -> [String] { try await store().list(prefix: "\(log)/").keys }
}

enum FasrTemporary {
    /// A fresh folder that a container's user can read.
    static func directory() throws -> URL {
        let dir = try FaasrExecutable.temporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        return dir
    }
}

/// A child process whose output goes to files (a process holding an inherited pipe can never
/// make a reader see its end), waited for by counting tries and killed when it outlives them.
final class EntryChild: @unchecked Sendable {
    let process = Process()
    let out: URL, err: URL

    init(_ executable: URL, _ arguments: [String], environment: [String: String], in dir: URL) throws {
        out = dir.appendingPathComponent("child-\(UUID().uuidString.prefix(6)).out")
        err = out.deletingPathExtension().appendingPathExtension("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = dir
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
    }

    /// The exit status, or nil when it still ran after `tries` half-seconds (then it is killed).
    func wait(tries: Int = 240) async -> Int32? {
        for _ in 0..<tries where process.isRunning { try? await Task.sleep(nanoseconds: 500_000_000) }
        if process.isRunning { process.terminate(); return nil }
        return process.terminationStatus
    }

    /// Stops it (SIGTERM) and waits.
    func stop() async {
        if process.isRunning { process.terminate() }
        for _ in 0..<40 where process.isRunning { try? await Task.sleep(nanoseconds: 250_000_000) }
    }

    /// Both outputs so far.
    var output: String {
        ((try? String(contentsOf: out, encoding: .utf8)) ?? "") + ((try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

/// A free TCP port on 127.0.0.1 (bound, read and closed).
func freeLoopbackPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// POSTs `body` to `url` (the test plays OpenWhisk's invoker); nil when nothing answers.
func postJSON(_ url: String, _ body: String) async -> (status: Int, body: JSONValue?)? {
    var request = URLRequest(url: URL(string: url)!)
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(body.utf8)
    request.timeoutInterval = 300
    guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else { return nil }
    return (http.statusCode, try? JSONParser.parse(Array(data)))
}
