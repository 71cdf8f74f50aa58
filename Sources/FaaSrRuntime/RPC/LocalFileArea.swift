import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The local files a user function may name in `faasr_put_file` and `faasr_get_file`: files
/// (never folders) inside the action's working directory or the temporary folder.
///
/// Paths follow FaaSr's rule (spec/runtime.md §3.4): put reads `local_file` as is when
/// `local_folder` is `.` and the file has a directory part, otherwise `local_folder/local_file`;
/// relative paths resolve against the working directory. `..` and symbolic links are
/// resolved before the check, so neither leads outside. The temporary folder is allowed
/// because FaaSr functions write there (`local_folder="/tmp"`; on Lambda it is the working
/// directory itself).
struct LocalFileArea: Sendable {
    /// The folder relative paths resolve against.
    let workingDirectory: URL
    /// The folders a path must lie in (symbolic links resolved).
    let roots: [String]

    /// An area of `workingDirectory` and `extraRoots` (by default the temporary folder).
    init(workingDirectory: URL, extraRoots: [URL]? = nil) {
        self.workingDirectory = workingDirectory.standardizedFileURL
        let extra = extraRoots ?? Self.temporaryFolders
        roots = ([self.workingDirectory] + extra).map { Self.realPath($0.standardizedFileURL.path) }
    }

    /// `/tmp` and `$TMPDIR`.
    static var temporaryFolders: [URL] {
        var folders = [URL(fileURLWithPath: "/tmp")]
        if let t = ProcessInfo.processInfo.environment["TMPDIR"], t.hasPrefix("/") { folders.append(URL(fileURLWithPath: t)) }
        return folders
    }

    /// The file `faasr_put_file` uploads: it must exist, be a regular file, and lie inside.
    func fileToRead(folder: String, file: String, procedure: String) throws -> URL {
        let url = path(folder: folder, file: file, forPut: true)
        try checkInside(url, procedure: procedure, folder: folder, file: file)
        var st = stat()
        guard stat(url.path, &st) == 0 else {
            throw RuntimeFailure("\(procedure): local_file '\(Self.short(file))' does not exist (looked for \(url.path))")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            let what = (st.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file"
            throw RuntimeFailure("\(procedure): local_file '\(Self.short(file))' is \(what) (\(url.path)); FaaSr uploads one file per call")
        }
        return url
    }

    /// The file `faasr_get_file` writes: it must lie inside and not be a folder.
    func fileToWrite(folder: String, file: String, procedure: String) throws -> URL {
        if file.hasSuffix("/") {
            throw RuntimeFailure("\(procedure): local_file '\(Self.short(file))' ends in '/', which names a folder; name the file to write")
        }
        let url = path(folder: folder, file: file, forPut: false)
        try checkInside(url, procedure: procedure, folder: folder, file: file)
        var st = stat()
        if stat(url.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw RuntimeFailure("\(procedure): local_file '\(Self.short(file))' is a folder (\(url.path)); name the file to write")
        }
        return url
    }

    /// Runs `write` after creating the folders `file` needs; when it fails, the folders made
    /// for it are removed again, so a failed download leaves nothing behind.
    func withParentFolders<T>(of file: URL, _ write: () async throws -> T) async throws -> T {
        var missing: [URL] = []
        var folder = file.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
            missing.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        do {
            for f in missing.reversed() { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: false) }
            return try await write()
        } catch {
            for f in missing { rmdir(f.path) }
            throw error
        }
    }

    /// FaaSr's local path rule, resolved against the working directory.
    func path(folder: String, file: String, forPut: Bool) -> URL {
        let joined: String
        if file.hasPrefix("/") || (forPut && folder == "." && file.contains("/")) || folder.isEmpty {
            joined = file
        } else {
            joined = folder + "/" + file
        }
        if joined.hasPrefix("/") { return URL(fileURLWithPath: joined).standardizedFileURL }
        return workingDirectory.appendingPathComponent(joined).standardizedFileURL
    }

    private func checkInside(_ url: URL, procedure: String, folder: String, file: String) throws {
        let real = Self.realPath(url.path)
        guard !roots.contains(where: { real == $0 || real.hasPrefix($0 + "/") }) else { return }
        throw RuntimeFailure("""
            \(procedure): local_folder '\(Self.short(folder))' and local_file '\(Self.short(file))' lead to \(Self.short(real, 300)), \
            outside the action's working directory \(roots[0]) and the temporary folder; name a file inside them
            """)
    }

    /// `path` with `..` and every symbolic link of its longest existing ancestor resolved.
    static func realPath(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while existing != "/" {
            if let r = realpath(existing, nil) {
                defer { free(r) }
                let base = String(cString: r)
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            let url = URL(fileURLWithPath: existing)
            rest.append(url.lastPathComponent)
            existing = url.deletingLastPathComponent().path
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    /// A value cut to `limit` characters for a message.
    static func short(_ s: String, _ limit: Int = 120) -> String {
        s.count <= limit ? s : String(s.prefix(limit)) + "…"
    }
}
