import FaaSrCore
import Foundation
import Testing
@testable import FaaSrRuntime

/// Tiny R packages made in the test: source folders, a CRAN-like repository of them
/// (`R CMD build`, `tools::write_PACKAGES` into `src/contrib`, used as a file:// URL), and
/// GitHub-like repository tarballs.
enum RPackageFixture {
    /// Writes the source folder of package `name` (DESCRIPTION, NAMESPACE, R/code.R) into `folder`.
    static func writePackage(_ name: String, at folder: URL, imports: [String] = [], exports: [String], code: String) throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("R"), withIntermediateDirectories: true)
        var description = """
        Package: \(name)
        Version: 0.1.0
        Title: Test Package \(name)
        Description: A package made by the FaaSr runtime tests.
        Authors@R: person("Test", "Author", email = "test@example.invalid",
            role = c("aut", "cre"))
        License: MIT
        Encoding: UTF-8

        """
        if !imports.isEmpty { description += "Imports:\n    " + imports.joined(separator: ",\n    ") + "\n" }
        var namespace = exports.map { "export(\($0))" }
        namespace += imports.map { "import(\($0.split(separator: " ").first.map(String.init) ?? $0))" }
        try Data(description.utf8).write(to: folder.appendingPathComponent("DESCRIPTION"))
        try Data((namespace.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("NAMESPACE"))
        try Data(code.utf8).write(to: folder.appendingPathComponent("R/code.R"))
    }

    /// `faasrdemo`: `demo_double(x)` is `2 * x`.
    static func writeDemo(at folder: URL) throws {
        try writePackage("faasrdemo", at: folder, exports: ["demo_double"], code: "demo_double <- function(x) x * 2\n")
    }

    /// `ghdemo`, importing faasrdemo: `gh_quadruple(x)` is `4 * x`.
    static func writeGitHubDemo(at folder: URL) throws {
        try writePackage("ghdemo", at: folder, imports: ["faasrdemo (>= 0.1.0)"], exports: ["gh_quadruple"],
                         code: "gh_quadruple <- function(x) demo_double(demo_double(x))\n")
    }

    /// Runs a program; its output is returned; a non-zero status fails the test.
    @discardableResult
    static func run(_ exe: String, _ args: [String], in dir: URL) async throws -> String {
        let out = Output()
        let r = try await ChildProcess.run(executable: exe, arguments: args, directory: dir,
                                           environment: ProcessInfo.processInfo.environment, timeout: .seconds(600),
                                           onLine: { out.add($0) })
        try #require(r.status == 0, "\(exe) \(args) failed:\n\(out.text)")
        return out.text
    }

    /// A CRAN-like repository holding the packages whose source folders are given; its file:// URL.
    static func repository(_ sources: [URL]) async throws -> String {
        let root = temporaryDirectory("cran")
        let contrib = root.appendingPathComponent("src/contrib")
        try FileManager.default.createDirectory(at: contrib, withIntermediateDirectories: true)
        let r = try #require(ChildProcess.which("R"))
        for s in sources {
            try await run(r, ["CMD", "build", "--no-build-vignettes", "--no-manual", s.path], in: contrib)
        }
        let rscript = try #require(ChildProcess.which("Rscript"))
        try await run(rscript, ["-e", "tools::write_PACKAGES(commandArgs(TRUE)[1], type = 'source')", contrib.path], in: contrib)
        return "file://" + root.standardizedFileURL.path
    }

    /// A repository tarball as GitHub serves it: one top folder `top` holding `fill`'s files.
    static func tarball(top: String, fill: (URL) throws -> Void) async throws -> Data {
        let src = temporaryDirectory("ghtar")
        let folder = src.appendingPathComponent(top)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try fill(folder)
        let tar = try #require(ChildProcess.which("tar"))
        try await run(tar, ["-czf", src.appendingPathComponent("repo.tar.gz").path, "-C", src.path, top], in: src)
        return try Data(contentsOf: src.appendingPathComponent("repo.tar.gz"))
    }

    /// Collected output lines.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ l: String) { lock.withLock { lines.append(l) } }
        var text: String { lock.withLock { lines.joined(separator: "\n") } }
    }
}
