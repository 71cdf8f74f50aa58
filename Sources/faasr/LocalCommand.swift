#if canImport(FaaSrRuntime)
import ArgumentParser
import FaaSrCore
import FaaSrRuntime
import Foundation

/// `faasr local`: a whole workflow on this machine.
struct LocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local",
        abstract: "Run a whole workflow on this machine, each action as its own `faasr run`.",
        discussion: """
        Data stores are mapped to local folders (--store-dir, default .faasr/stores) so no cloud \
        is needed; --use-workflow-stores uses the workflow's own S3 stores instead.
        """)

    @Argument(help: "The workflow JSON file.")
    var workflow: String

    @Option(help: "Folder holding one sub-folder per data store (default .faasr/stores).")
    var storeDir: String?

    @Flag(help: "Use the workflow's own data stores (S3) instead of local folders.")
    var useWorkflowStores = false

    @Option(help: "Folder for this run's working directories (default .faasr/runs/<time>).")
    var runDir: String?

    @Option(help: "Progress for programs: 'jsonl' prints one JSON object per event instead of the table (see LocalEventStream).")
    var events: String?

    func run() async throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let wf = URL(fileURLWithPath: workflow, relativeTo: cwd).standardizedFileURL
        guard FileManager.default.fileExists(atPath: wf.path) else {
            FileHandle.standardError.write(Data("faasr local: no such file \(wf.path)\n".utf8))
            throw ExitCode(1)
        }
        let stamp = InvocationIdentity.timestamp(Date()) + "-" + UUID().uuidString.prefix(6).lowercased()
        let runURL = runDir.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
            ?? cwd.appendingPathComponent(".faasr/runs/\(stamp)", isDirectory: true)
        let storeURL: URL? = useWorkflowStores ? nil
            : (storeDir.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL } ?? cwd.appendingPathComponent(".faasr/stores", isDirectory: true))
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var options = LocalRun.Options(workflowFile: wf, storeDirectory: storeURL, runDirectory: runURL, executable: exe)
        if let events, events != "jsonl" {
            FileHandle.standardError.write(Data("faasr local: --events takes 'jsonl', not '\(events)'\n".utf8))
            throw ExitCode(1)
        }
        // With an event stream, each action's log goes to its output file as it is written (tailing).
        if events != nil { options.quietActions = false }
        let run: LocalRun
        do { run = try LocalRun(options: options) } catch {
            FileHandle.standardError.write(Data("faasr local: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if events != nil {
            let stream = LocalEventStream(storeDirectory: storeURL, runDirectory: runURL)
            stream.start()
            let summary = try await run.run { rows in stream.show(rows) }
            stream.show(summary.rows)
            stream.finish(summary)
            if !summary.succeeded { throw ExitCode(1) }
            return
        }
        let view = ProgressPrinter()
        let summary = try await run.run { rows in view.show(rows) }
        print(LocalSummaryText.render(summary, storeDirectory: storeURL, runDirectory: runURL))
        if !summary.succeeded { throw ExitCode(1) }
    }
}

/// Prints a line whenever an action changes state.
final class ProgressPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private var last: [String: String] = [:]
    func show(_ rows: [LocalRun.Row]) {
        lock.withLock {
            for r in rows {
                let copies = r.expected > 1 ? " \(r.finished)/\(r.expected)" : ""
                let key = "\(r.state.rawValue)\(copies)"
                if last[r.action] == key { continue }
                last[r.action] = key
                let t = r.endTime ?? r.startTime ?? 0
                let name = r.action.padding(toLength: max(12, r.action.count), withPad: " ", startingAt: 0)
                print(String(format: "[%7.2fs] ", t) + "\(name) \(key)")
            }
        }
    }
}
#endif
