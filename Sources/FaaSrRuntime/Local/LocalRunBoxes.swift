import FaaSrCore
import Foundation

/// Collects output lines.
final class LinesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ l: String) { lock.withLock { lines.append(l) } }
    var value: [String] { lock.withLock { lines } }
}

/// The number of running `faasr run` processes, and the most that ran at once.
final class ActiveCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0, highest = 0
    func change(_ d: Int) {
        lock.withLock {
            count += d
            highest = max(highest, count)
        }
    }
    var value: Int { lock.withLock { count } }
    var peak: Int { lock.withLock { highest } }
}

/// A trigger request taken from the queue folder, waiting for a job slot: its file, and the
/// action and rank it starts (nil action: the file is not a request).
struct QueuedRequest: Sendable {
    let file: URL
    let action: String?
    let rank: Int?

    init(file: URL) {
        self.file = file
        let over = FileManager.default.contents(atPath: file.path)
            .flatMap { try? JSONValue.parse($0).objectValue }?.object("OVERWRITTEN")
        action = over?.string("FunctionInvoke")
        rank = over?["FunctionRank"]?.numberValue?.intValue
    }
}

/// Appends a process's output to a file.
final class OutputFile: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()
    init(url: URL) {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try? FileHandle(forWritingTo: url)
    }
    func write(_ line: String) { lock.withLock { handle?.write(Data((line + "\n").utf8)) } }
    func close() { lock.withLock { try? handle?.close() } }
}
