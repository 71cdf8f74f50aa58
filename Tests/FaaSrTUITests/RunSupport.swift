import FaaSrTestSupport
import Foundation
@testable import FaaSrTUI

/// What the run journeys need: a `faasr` that has `faasr local` (the full build; the light
/// build's has none), samples copied to a fresh folder, and a look for processes left over.
enum RunSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `faasr` with `faasr local`: nil (skip, with a note) when missing; an error under CI.
    static func faasr() throws -> String? {
        if let url = FaasrExecutable.url, TmuxSession.run([url.path, "local", "--help"]).status == 0 { return url.path }
        if SharedFixtures.isCI { throw NoLocalRun() }
        print("skipped: no faasr with `faasr local` next to the tests (build without FAASR_LIGHT)")
        return nil
    }

    /// Copies the folder of `sample` (`samples/<name>` or a test fixture folder) to a fresh
    /// folder; returns the workflow file's path there.
    static func copy(sampleFolder: URL, file: String) throws -> String {
        let dir = try temporaryFolder() + "/" + sampleFolder.lastPathComponent
        try FileManager.default.copyItem(atPath: sampleFolder.path, toPath: dir)
        return dir + "/" + file
    }

    static func sample(_ name: String) throws -> String {
        try copy(sampleFolder: packageRoot.appendingPathComponent("samples/\(name)"), file: name + ".json")
    }

    static func fixture(_ name: String) throws -> String {
        try copy(sampleFolder: fixtures.appendingPathComponent(name), file: name + ".json")
    }

    /// Living processes whose command line or working folder mentions `folder`, but for
    /// `faasr-tui` itself.
    static func processes(under folder: String) -> [String] {
        ProcessTree.all().compactMap { pid in
            guard ProcessTree.isAlive(pid) else { return nil }
            let cmd = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))).map {
                String(decoding: $0.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            } ?? ""
            let cwd = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) ?? ""
            // The designer itself (and the tmux wrapper that started it) names the file.
            if cmd.contains("/faasr-tui ") || cmd.contains("/faasr-tui'") { return nil }
            return cmd.contains(folder) || cwd.hasPrefix(folder) ? "\(pid) \(cmd)" : nil
        }
    }
}

/// Under CI, the run journeys need the full build's `faasr` (with `faasr local`).
struct NoLocalRun: Error, CustomStringConvertible {
    var description: String { "the run journeys need faasr with `faasr local` next to the tests under CI=true (build without FAASR_LIGHT)" }
}
