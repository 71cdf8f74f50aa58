import Foundation

/// Sees through pyenv's shims: `python3` on PATH is often `$PYENV_ROOT/shims/python3`, a
/// bash script that runs a dozen more processes to find the real interpreter (0.1-0.3 s per
/// start, measured here). The runtime picks the same interpreter pyenv would, by pyenv's
/// rules, and runs it directly; when anything is unclear it keeps the shim.
struct PyenvShim {
    /// The interpreter and the PATH to run it with.
    struct Resolution: Equatable {
        var executable: String
        var path: String?
    }

    /// `executable` as pyenv would resolve it, run from `directory`; nil when it is not a
    /// pyenv shim or pyenv's choice cannot be found.
    static func resolve(_ executable: String, directory: URL, environment: [String: String]) -> Resolution? {
        let root = environment["PYENV_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.pyenv" }
        guard let root else { return nil }
        let shims = URL(fileURLWithPath: root).appendingPathComponent("shims").standardizedFileURL.path
        let exe = URL(fileURLWithPath: executable)
        guard exe.deletingLastPathComponent().standardizedFileURL.path == shims else { return nil }
        let command = exe.lastPathComponent
        for version in versions(root: root, directory: directory, environment: environment) {
            if version == "system" {
                // The first `command` on PATH outside pyenv's own folders.
                let outside = (environment["PATH"] ?? "").split(separator: ":").filter { !$0.hasPrefix(root) }
                if let found = ChildProcess.which(command, path: outside.joined(separator: ":")) {
                    return Resolution(executable: found, path: environment["PATH"])
                }
                continue
            }
            let bin = "\(root)/versions/\(version)/bin"
            let candidate = "\(bin)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                // As `pyenv exec`: the version's bin folder first on PATH.
                let path = environment["PATH"].map { "\(bin):\($0)" } ?? bin
                return Resolution(executable: candidate, path: path)
            }
        }
        return nil
    }

    /// The selected versions, in pyenv's order of precedence: `PYENV_VERSION`, the nearest
    /// `.python-version` from `directory` (or `PYENV_DIR`) upwards, `$PYENV_ROOT/version`.
    static func versions(root: String, directory: URL, environment: [String: String]) -> [String] {
        if let v = environment["PYENV_VERSION"], !v.trimmingCharacters(in: .whitespaces).isEmpty {
            return v.split(whereSeparator: { $0 == ":" || $0 == " " }).map(String.init)
        }
        var dir = environment["PYENV_DIR"].map { URL(fileURLWithPath: $0) } ?? directory
        dir = dir.standardizedFileURL
        while true {
            let file = dir.appendingPathComponent(".python-version")
            if let names = read(file.path) { return names }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return read("\(root)/version") ?? ["system"]
    }

    /// Version names in a version file (whitespace separated, `#` comments); nil when the
    /// file is missing or names nothing.
    static func read(_ path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var names: [String] = []
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            names += text.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        // pyenv ignores `..` style names and paths for safety; so do we.
        names = names.filter { !$0.contains("/") && $0 != ".." && $0 != "." }
        return names.isEmpty ? nil : names
    }
}
