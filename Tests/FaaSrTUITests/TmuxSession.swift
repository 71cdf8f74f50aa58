import FaaSrTestSupport
import Foundation
import Testing

/// Drives the real `faasr-tui` binary inside a private tmux server (spec/tui.md §3.4): keys in,
/// screen text out, waiting on screen conditions with a deadline instead of sleeping.
final class TmuxSession {
    let socket: String
    let statusFile: String
    let pidFile: String
    let stderrFile: String

    /// The built `faasr-tui` next to the running test bundle (or `$FAASR_TUI_BINARY`).
    static func binary() -> String? {
        if let env = ProcessInfo.processInfo.environment["FAASR_TUI_BINARY"], FileManager.default.isExecutableFile(atPath: env) {
            return env
        }
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for b in Bundle.allBundles { candidates.append(b.bundleURL.deletingLastPathComponent()) }
        for dir in candidates {
            var d = dir
            for _ in 0..<4 {
                let f = d.appendingPathComponent("faasr-tui").path
                if FileManager.default.isExecutableFile(atPath: f) { return f }
                d.deleteLastPathComponent()
            }
        }
        return nil
    }

    static var hasTmux: Bool { run(["tmux", "-V"]).status == 0 }

    /// Whether e2e can run here: under CI a missing tmux or binary is a failure.
    static func require() throws -> String? {
        guard hasTmux, let b = binary() else {
            if SharedFixtures.isCI { throw Unavailable() }
            return nil
        }
        return b
    }

    @discardableResult
    static func run(_ args: [String], captureOutput: Bool = true) -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        // A command that starts the tmux server must not hand it our pipe: the server would
        // keep it open and reading to its end would never return.
        let pipe = Pipe()
        p.standardOutput = captureOutput ? pipe : FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return (127, "") }
        let data = captureOutput ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    init(_ binary: String, args: [String], width: Int = 100, height: Int = 30, dir: String, environment: [String: String] = [:]) {
        socket = "faasr-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        statusFile = dir + "/status-\(socket)"
        pidFile = dir + "/pid-\(socket)"
        stderrFile = dir + "/stderr-\(socket)"
        let quoted = ([binary] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = "echo \\$\\$ > '\(pidFile)'; exec \(quoted) 2>>'\(stderrFile)'"
        let wrapper = "bash -c \"\(script.replacingOccurrences(of: "\"", with: "\\\""))\"; echo $? > '\(statusFile)'; sleep 600"
        // Started through system(3): Foundation's Process tracks the child with a pipe that
        // the daemonised tmux server would inherit, so it would never see the client exit.
        let args = ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", "\(width)", "-y", "\(height)",
                    "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "TERM=tmux-256color", "-e", "SWIFT_BACKTRACE=interactive=no"]
            + environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
            + ["bash", "-c", wrapper]
        let command = args.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        _ = system(command + " </dev/null >/dev/null 2>&1")
    }

    deinit { TmuxSession.run(["tmux", "-L", socket, "kill-server"]) }

    var screen: String { TmuxSession.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", "app"]).out }

    /// The screen with its SGR escapes (`capture-pane -e`), parsed into styled rows.
    var styledScreen: StyledScreen { StyledScreen(TmuxSession.run(["tmux", "-L", socket, "capture-pane", "-e", "-p", "-t", "app"]).out) }

    /// Sends tmux key names (`Enter`, `C-s`, `Escape`, `j`).
    func keys(_ names: String...) { TmuxSession.run(["tmux", "-L", socket, "send-keys", "-t", "app"] + names) }

    /// Types literal text.
    func type(_ text: String) { TmuxSession.run(["tmux", "-L", socket, "send-keys", "-t", "app", "-l", text]) }

    func resize(width: Int, height: Int) {
        TmuxSession.run(["tmux", "-L", socket, "resize-window", "-t", "app", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen contains `text`; records an issue with the screen on timeout.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 30, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if screen.contains(text) { return true }
            usleep(50_000)
        }
        let err = (try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? ""
        Issue.record("timed out waiting for \"\(text)\"; screen:\n\(screen)\nstderr:\n\(err)", sourceLocation: sourceLocation)
        return false
    }

    /// Waits until the screen contains one of `texts` (a toast may already have given way to
    /// what follows it); records an issue with the screen on timeout.
    @discardableResult
    func waitForAny(_ texts: [String], seconds: Double = 30, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let now = screen
            if texts.contains(where: { now.contains($0) }) { return true }
            usleep(50_000)
        }
        Issue.record("timed out waiting for any of \(texts); screen:\n\(screen)", sourceLocation: sourceLocation)
        return false
    }

    /// Waits for the app to exit and returns its exit status.
    func exitStatus(seconds: Double = 30) -> Int32? {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if let s = try? String(contentsOfFile: statusFile, encoding: .utf8), let n = Int32(s.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return n
            }
            usleep(50_000)
        }
        return nil
    }

    /// The app's process id.
    var pid: Int32? {
        (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}

/// tmux or the binary is missing under CI.
struct Unavailable: Error, CustomStringConvertible {
    var description: String { "tmux and the built faasr-tui binary are required under CI=true" }
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("faasr-tui-e2e-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}
