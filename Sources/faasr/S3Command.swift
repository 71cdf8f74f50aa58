#if canImport(FaaSrStorage)
import ArgumentParser
import FaaSrCore
import FaaSrStorage
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `faasr s3 ls|get|put|rm`: the objects of one data store of a workflow.
struct S3Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s3",
        abstract: "List, download, upload and delete objects in a workflow's data store.",
        discussion: """
        Credentials come from the workflow's AccessKey/SecretKey or, as in FaaSr, from the \
        environment variables {Store}_AccessKey and {Store}_SecretKey.
        """,
        subcommands: [List.self, Get.self, Put.self, Remove.self])

    /// Which workflow and data store.
    struct StoreOptions: ParsableArguments {
        @Option(name: .long, help: "The workflow JSON file.")
        var workflow: String

        @Option(name: .long, help: "The data store name (default: the workflow's DefaultDataStore).")
        var store: String = ""

        /// Opens the chosen store only (another store's missing keys do not matter here).
        /// Errors are reported as `FILE: error: ...` with what to do, exit 2.
        func open() throws -> (store: any ObjectStore, name: String) {
            let bytes: [UInt8]
            do { bytes = try CommandIO.readBytes(workflow) } catch let failure as CommandFailure { throw failure.report() }
            let parsed = try CommandIO.loadWorkflow(workflow, bytes: bytes)
            let names = parsed.dataStoreNames
            guard !names.isEmpty else {
                throw CommandFailure(path: workflow, message: "the workflow has no DataStores", exitCode: 2).report()
            }
            let name = store.isEmpty ? (parsed.defaultDataStore ?? names[0]) : store
            guard let entry = parsed.dataStore(named: name) else {
                let what = store.isEmpty ? "DefaultDataStore '\(name)' is not one of the DataStores"
                                         : "there is no data store named '\(name)'"
                throw CommandFailure(
                    path: workflow, message: "\(what); use --store with one of: \(names.joined(separator: ", "))",
                    exitCode: 2).report()
            }
            do {
                let config = try DataStoreConfig(name: entry.name, json: .object(entry.object), secret: { ProcessInfo.processInfo.environment[$0] })
                return (try config.makeStore(), name)
            } catch {
                throw CommandFailure(path: workflow, message: "\(error)", exitCode: 2).report()
            }
        }

        /// Runs a store operation, turning a failure into `faasr s3: error: ...` (exit 1),
        /// with a hint for credential errors. Secrets never appear in the message.
        func reporting<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
            do {
                return try await body()
            } catch {
                var message = "\(error)"
                if case StorageError.service(let service) = error,
                   ["SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied", "Forbidden"].contains(service.code) {
                    let secrets = DataStoreConfig.secretNames(for: name)
                    message += "\n    hint: check the credentials of data store \(name): the secrets \(secrets.accessKey) and \(secrets.secretKey) (or AccessKey/SecretKey in the workflow)"
                }
                CommandIO.writeStandardError("faasr s3: error: \(message)\n")
                throw ExitCode(1)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the keys under a prefix (all of them).")
        @OptionGroup var options: StoreOptions
        @Argument(help: "Key prefix.") var prefix: String = ""
        @Option(help: "Roll keys up at this delimiter (e.g. /), like a folder listing.") var delimiter: String?
        @Flag(name: .shortAndLong, help: "Show size and modification time.") var long = false

        func run() async throws {
            let (store, name) = try options.open()
            let listing = try await options.reporting(name) { try await store.list(prefix: prefix, delimiter: delimiter) }
            for common in listing.commonPrefixes {
                print(long ? String(repeating: " ", count: 33) + "PRE " + common : common)
            }
            let formatter = ISO8601DateFormatter()
            for object in listing.objects {
                if long {
                    let date = object.lastModified.map { formatter.string(from: $0) } ?? String(repeating: "-", count: 20)
                    print("\(date) \(String(object.size).leftPadded(12))  \(object.key)")
                } else {
                    print(object.key)
                }
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Download an object to a file.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The object key.") var key: String
        @Argument(help: "Local file (default: the key's last component).") var file: String?

        func run() async throws {
            let (store, storeName) = try options.open()
            let name = file ?? (key.split(separator: "/").last.map(String.init) ?? key)
            let target = URL(fileURLWithPath: name)
            let bar = ProgressBar(label: "get \(key)")
            try await options.reporting(storeName) {
                if let s3 = store as? S3Client {
                    try await s3.get(key, to: target, progress: bar?.callback)
                } else {
                    try await store.get(key, to: target)
                }
            }
            bar?.finish()
        }
    }

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "put", abstract: "Upload a file as an object.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The local file.") var file: String
        @Argument(help: "The object key (default: the file name).") var key: String?

        func run() async throws {
            let (store, storeName) = try options.open()
            let source = URL(fileURLWithPath: file)
            let objectKey = key ?? source.lastPathComponent
            let bar = ProgressBar(label: "put \(objectKey)")
            try await options.reporting(storeName) {
                if let s3 = store as? S3Client {
                    try await s3.put(objectKey, from: source, progress: bar?.callback)
                } else {
                    try await store.put(objectKey, from: source)
                }
            }
            bar?.finish()
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete objects.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The object keys.") var keys: [String]

        func run() async throws {
            let (store, name) = try options.open()
            try await options.reporting(name) {
                for key in keys { try await store.delete(key) }
            }
        }
    }
}

/// A one-line progress bar on stderr, shown only when stderr is a terminal and the
/// transfer is large (at least 8 MiB); redrawn at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var shown = false
    private var latest: (Int64, Int64?) = (0, nil)

    init?(label: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
    }

    /// ``update(_:_:)`` as a transfer-progress callback.
    var callback: TransferProgress { { [self] done, total in update(done, total) } }

    func update(_ done: Int64, _ total: Int64?) {
        lock.lock(); defer { lock.unlock() }
        latest = (done, total)
        guard let total, total >= 8 << 20 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        shown = true
        draw(done, total, now)
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        guard shown, let total = latest.1 else { return }
        draw(total, total, Date())
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw(_ done: Int64, _ total: Int64, _ now: Date) {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let seconds = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / seconds / 1_048_576
        let line = String(format: "\r%@ [%@%@] %3d%% %.1f/%.1f MiB %.1f MiB/s", label,
                          String(repeating: "#", count: filled), String(repeating: "-", count: width - filled),
                          Int(fraction * 100), Double(done) / 1_048_576, Double(total) / 1_048_576, rate)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
#endif
