import Foundation

/// The built `faasr` executable, run as a user would (end-to-end tests of every module).
public enum FaasrExecutable {
    /// `faasr` beside the test bundle (SwiftPM puts both in the same build folder), else in
    /// the package's debug build folder.
    public static var url: URL? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [dir, dir.deletingLastPathComponent(),
                          SharedFixtures.packageRoot.appendingPathComponent(".build/debug")]
        for candidate in candidates {
            let url = candidate.appendingPathComponent("faasr")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// The executable; nil when it was not built, which is an error under CI (`CI=true`),
    /// so CI can never pass by skipping.
    public static func require() throws -> URL? {
        if let url { return url }
        if SharedFixtures.isCI { throw MissingExecutable() }
        return nil
    }

    /// Thrown under CI when `faasr` was not built next to the tests.
    public struct MissingExecutable: Error, CustomStringConvertible {
        public var description: String { "the faasr executable was not built next to the tests (swift build --build-tests)" }
    }

    /// Runs `faasr ARGS` (in `directory`, with `stdin` as its input) and returns the exit
    /// status and both outputs, read at once so neither pipe can fill up and block it. The
    /// environment is this process's plus `environment`, or with `inheritEnvironment: false`
    /// a minimal one (PATH, LANG) plus `environment`, so no store secrets leak in.
    public static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil,
                           environment: [String: String] = [:], inheritEnvironment: Bool = true) throws
        -> (status: Int32, out: String, err: String) {
        guard let url else { return (-1, "", "") }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = inheritEnvironment ? ProcessInfo.processInfo.environment
            : ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let errData = Collected()
        let reader = Thread { errData.data = err.fileHandleForReading.readDataToEndOfFile(); errData.done.signal() }
        reader.start()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errData.done.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData.data, as: UTF8.self))
    }

    /// ``run(_:stdin:in:environment:inheritEnvironment:)`` on a thread of its own, awaited:
    /// waiting for the child never holds one of Swift's cooperative threads, so a loopback
    /// server in the test process (which needs those threads) keeps answering the child even
    /// when parallel tests fill the pool.
    public static func runAsync(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil,
                                environment: [String: String] = [:], inheritEnvironment: Bool = true) async throws
        -> (status: Int32, out: String, err: String) {
        try await withCheckedThrowingContinuation { done in
            let thread = Thread {
                done.resume(with: Result {
                    try run(arguments, stdin: stdin, in: directory, environment: environment, inheritEnvironment: inheritEnvironment)
                })
            }
            thread.start()
        }
    }

    /// A fresh temporary folder for one test.
    public static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("faasr-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    private final class Collected: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }
}
