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
        At most --jobs actions run at once (default: 2 per core, fewer when memory is short, \
        256 MiB each); further ranked copies and successors queue in the order they were triggered.
        """)

    @Argument(help: "The workflow JSON file.")
    var workflow: String

    @Option(help: "Folder holding one sub-folder per data store (default .faasr/stores).")
    var storeDir: String?

    @Flag(help: "Use the workflow's own data stores (S3) instead of local folders.")
    var useWorkflowStores = false

    @Option(help: "Folder for this run's working directories (default .faasr/runs/<time>).")
    var runDir: String?

    @Option(help: "Run at most N actions (`faasr run` processes) at once (default: 2 per core, capped by available memory / 256 MiB).")
    var jobs: Int?

    @Flag(help: "Start every triggered action at once, without a limit.")
    var noJobLimit = false

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
        if let jobs, jobs < 1 {
            FileHandle.standardError.write(Data("faasr local: --jobs takes a number of at least 1, not \(jobs) (--no-job-limit removes the limit)\n".utf8))
            throw ExitCode(1)
        }
        if jobs != nil && noJobLimit {
            FileHandle.standardError.write(Data("faasr local: --jobs and --no-job-limit contradict each other; give one of them\n".utf8))
            throw ExitCode(1)
        }
        options.jobLimit = noJobLimit ? nil : (jobs ?? LocalJobLimit.machineDefault)
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
        let summary: LocalRun.Summary
        if isatty(STDOUT_FILENO) == 1, run.snapshot.count + 3 < Self.terminalRows() {
            let view = ProgressTable(run: run)
            summary = try await run.run { rows in view.show(rows) }
            view.show(summary.rows)
        } else {
            let view = LocalProgressLines()
            summary = try await run.run { rows in
                let lines = view.lines(for: rows)
                if !lines.isEmpty { print(lines.joined(separator: "\n")) }
            }
        }
        print(LocalSummaryText.render(summary, storeDirectory: storeURL, runDirectory: runURL))
        if !summary.succeeded { throw ExitCode(1) }
    }

    /// The terminal's height (0 when unknown): a table taller than it cannot be redrawn in place.
    static func terminalRows() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return 0 }
        return Int(size.ws_row)
    }
}

/// Redraws ``LocalProgressTable`` in place on a terminal.
final class ProgressTable: @unchecked Sendable {
    private let lock = NSLock()
    private let run: LocalRun
    private var height = 0

    init(run: LocalRun) { self.run = run }

    func show(_ rows: [LocalRun.Row]) {
        lock.withLock {
            let lines = LocalProgressTable.lines(rows, elapsed: run.elapsed)
            // Back to the table's first line, clear to the end of the screen, draw again.
            var text = height > 0 ? "\u{1B}[\(height)F\u{1B}[J" : ""
            text += lines.joined(separator: "\n") + "\n"
            height = lines.count
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
#endif
