import Foundation

/// Locates the read-only reference material in `../shared` next to the package.
///
/// Tests that need it call ``SharedFixtures/require()``: outside CI a missing folder
/// makes the test skip, but with `CI=true` it is a failure, so CI can never pass by
/// silently skipping.
public enum SharedFixtures {
    /// The package root (the folder holding `Package.swift`).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        // Sources/FaaSrTestSupport/SharedFixtures.swift -> package root
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `$FAASR_SHARED`, else `../shared` beside the package root.
    public static let sharedRoot: URL = {
        if let env = ProcessInfo.processInfo.environment["FAASR_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// Whether we run under CI (`CI=true`).
    public static var isCI: Bool {
        let v = ProcessInfo.processInfo.environment["CI"]?.lowercased()
        return v == "true" || v == "1"
    }

    /// Whether `../shared` is present.
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedRoot.appendingPathComponent("corpus").path)
    }

    /// The corpus folder.
    public static var corpusDirectory: URL { sharedRoot.appendingPathComponent("corpus") }

    /// Every workflow file of the corpus (`*.json` and extension-less files), sorted by name.
    public static func corpusFiles() -> [URL] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: corpusDirectory.path) else { return [] }
        return names.sorted().filter { name in
            guard !name.hasSuffix(".md"), !name.hasSuffix(".tsv") else { return false }
            return name.hasSuffix(".json") || !name.contains(".")
        }.map { corpusDirectory.appendingPathComponent($0) }
    }

    /// Error thrown when `../shared` is required under CI but missing.
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "../shared is required under CI=true but missing at \(path)" }
    }

    /// Returns true when the shared folder is usable; throws under CI when it is missing.
    /// Use as `guard try SharedFixtures.require() else { return }`.
    @discardableResult
    public static func require() throws -> Bool {
        if isAvailable { return true }
        if isCI { throw Missing(path: sharedRoot.path) }
        return false
    }
}
