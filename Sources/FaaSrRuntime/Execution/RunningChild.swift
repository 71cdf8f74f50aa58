import Foundation

/// A started child process: its output is streamed line by line, its standard input can
/// take a line (when started with `input: true`), and it can be waited for with a time limit
/// or killed.
///
/// Standard input is one end of a socket pair rather than a pipe, so writing to a child that
/// already died fails with EPIPE instead of raising SIGPIPE in the runtime.
final class RunningChild: @unchecked Sendable {
    private let process: Process
    private let output: Pipe
    private let input: Int32?
    private let splitter: LineSplitter
    private let exited: AsyncStream<Int32>

    private init(process: Process, output: Pipe, input: Int32?, splitter: LineSplitter, exited: AsyncStream<Int32>) {
        self.process = process
        self.output = output
        self.input = input
        self.splitter = splitter
        self.exited = exited
    }

    /// Starts `executable`; stdout and stderr go, line by line, to `onLine`. Standard input
    /// is a pipe when `input` is true, else /dev/null.
    static func start(executable: String, arguments: [String], directory: URL,
                      environment: [String: String], input: Bool,
                      onLine: @escaping @Sendable (String) -> Void) throws -> RunningChild {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        var pair: [Int32] = [-1, -1]
        if input {
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
                throw RuntimeFailure("cannot create the standard input of \(executable): errno \(errno)")
            }
            _ = fcntl(pair[0], F_SETFD, FD_CLOEXEC)
            process.standardInput = FileHandle(fileDescriptor: pair[1], closeOnDealloc: false)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let splitter = LineSplitter(onLine: onLine)
        pipe.fileHandleForReading.readabilityHandler = { h in
            let d = h.availableData
            if d.isEmpty { h.readabilityHandler = nil; return }
            splitter.feed(d)
        }
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { p in
            exited.continuation.yield(p.terminationStatus)
            exited.continuation.finish()
        }
        do { try process.run() } catch {
            if input { close(pair[0]); close(pair[1]) }
            throw error
        }
        try? pipe.fileHandleForWriting.close()
        if input { close(pair[1]) }
        return RunningChild(process: process, output: pipe, input: input ? pair[0] : nil, splitter: splitter, exited: exited.stream)
    }

    /// Writes one line to the child's standard input and closes it. False when the child
    /// is gone (its input is closed).
    @discardableResult
    func send(line: String) -> Bool {
        guard let fd = takeInput() else { return false }
        defer { close(fd) }
        var bytes = Array((line + "\n").utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(n)
        }
        return true
    }

    private let inputLock = NSLock()
    private var inputTaken = false
    deinit {
        if let fd = takeInput() { close(fd) }
    }

    /// The input descriptor, once (so it is closed exactly once).
    private func takeInput() -> Int32? {
        inputLock.withLock {
            if inputTaken { return nil }
            inputTaken = true
            return input
        }
    }

    /// Waits for the child to end, stopping it (SIGTERM, then SIGKILL 2 s later) when it
    /// runs longer than `timeout`; returns once all of its output was delivered.
    func wait(timeout: Duration?) async -> ChildProcess.Outcome {
        let timedOut = TimedOutFlag()
        var killer: Task<Void, Never>?
        if let timeout {
            let process = self.process
            killer = Task {
                try? await Task.sleep(for: timeout)
                if Task.isCancelled { return }
                if process.isRunning {
                    timedOut.set()
                    process.terminate()
                    try? await Task.sleep(for: .seconds(2))
                    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                }
            }
        }
        var status: Int32 = -1
        for await s in exited { status = s }
        killer?.cancel()
        // Drain what is left in the pipe.
        output.fileHandleForReading.readabilityHandler = nil
        if let rest = try? output.fileHandleForReading.readToEnd() { splitter.feed(rest) }
        splitter.finish()
        return ChildProcess.Outcome(status: status, timedOut: timedOut.value)
    }

    /// Kills the child (SIGKILL) and waits for it.
    func killNow() async {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        if let fd = takeInput() { close(fd) }
        _ = await wait(timeout: nil)
    }
}
