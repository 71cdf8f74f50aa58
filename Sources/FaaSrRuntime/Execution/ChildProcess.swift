import Foundation

/// Runs a program, streams its output line by line, and enforces a time limit.
struct ChildProcess {
    /// How the child ended.
    struct Outcome {
        var status: Int32
        var timedOut: Bool
    }

    /// Runs `executable` with `arguments` in `directory`; each output line goes to `onLine`.
    static func run(executable: String, arguments: [String], directory: URL,
                    environment: [String: String], timeout: Duration?,
                    onLine: @escaping @Sendable (String) -> Void) async throws -> Outcome {
        let child = try RunningChild.start(executable: executable, arguments: arguments, directory: directory,
                                           environment: environment, input: false, onLine: onLine)
        return await child.wait(timeout: timeout)
    }

    /// Finds a program on PATH.
    static func which(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

final class TimedOutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.withLock { flag = true } }
    var value: Bool { lock.withLock { flag } }
}

/// Splits a byte stream into lines.
final class LineSplitter: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    private let onLine: @Sendable (String) -> Void

    init(onLine: @escaping @Sendable (String) -> Void) { self.onLine = onLine }

    func feed(_ data: Data) {
        let lines: [String] = lock.withLock {
            buffer.append(data)
            var out: [String] = []
            while let nl = buffer.firstIndex(of: 0x0A) {
                out.append(String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self))
                buffer.removeSubrange(buffer.startIndex...nl)
            }
            return out
        }
        lines.forEach(onLine)
    }

    func finish() {
        let rest: String? = lock.withLock {
            defer { buffer.removeAll() }
            return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self)
        }
        if let rest { onLine(rest) }
    }
}
