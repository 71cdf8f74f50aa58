#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The package's one atomic file writer: the content goes to a hidden temporary file in the
/// destination's folder, is flushed to disk (`fsync`), gets the replaced file's permission
/// bits (new files 0644), replaces the destination with one `rename`, and the folder is flushed
/// too, so after a crash or a full disk the file is either the old one or the new one, whole.
/// On any error the temporary file is removed and the destination is untouched.
public enum AtomicFile {
    /// An I/O failure: the path and the system's reason.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        /// The file (or temporary file) concerned.
        public var path: String
        /// What went wrong, as the system says it.
        public var reason: String
        /// `cannot ... path: reason`.
        public var description: String

        public init(path: String, reason: String, doing action: String) {
            self.path = path
            self.reason = reason
            self.description = "cannot \(action) \(path): \(reason)"
        }
    }

    /// Writes `text` (UTF-8) to `path` atomically.
    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(bytes: Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(bytes: [UInt8], to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        do {
            try write(to: url) { (temp: URL) throws -> Void in
                let fd = open(temp.path, O_WRONLY | O_TRUNC)
                guard fd >= 0 else { throw Failure(path: temp.path, reason: reason(), doing: "open") }
                defer { close(fd) }
                var off = 0
                while off < bytes.count {
                    let n = bytes[off...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
                    guard n > 0 else { throw Failure(path: temp.path, reason: reason(), doing: "write") }
                    off += n
                }
            }
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure(path: path, reason: "\(error)", doing: "write")
        }
    }

    /// Creates an empty temporary file beside `destination`, lets `fill` write it (a download,
    /// a copy), then flushes it, renames it over `destination` and flushes the folder.
    public static func write<T>(to destination: URL, _ fill: (URL) throws -> T) throws -> T {
        let (temp, mode) = try createTemporary(beside: destination)
        do {
            let value = try fill(temp)
            try commit(temp, mode: mode, to: destination)
            return value
        } catch {
            unlink(temp.path)
            throw error
        }
    }

    /// Async variant of ``write(to:_:)``.
    public static func write<T>(to destination: URL, _ fill: (URL) async throws -> T) async throws -> T {
        let (temp, mode) = try createTemporary(beside: destination)
        do {
            let value = try await fill(temp)
            try commit(temp, mode: mode, to: destination)
            return value
        } catch {
            unlink(temp.path)
            throw error
        }
    }

    /// Reads a UTF-8 file.
    public static func read(_ path: String) throws(Failure) -> String {
        guard let f = fopen(path, "rb") else { throw Failure(path: path, reason: reason(), doing: "open") }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n > 0 { bytes += buf[0..<n] }
            if n < buf.count { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a file exists.
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Deletes a file if it exists.
    public static func remove(_ path: String) { unlink(path) }

    // MARK: Steps

    private static func createTemporary(beside destination: URL) throws(Failure) -> (URL, mode_t) {
        let folder = destination.deletingLastPathComponent()
        var st = stat()
        guard stat(folder.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure(path: destination.path, reason: "the folder \(folder.path) does not exist", doing: "write")
        }
        let mode: mode_t = stat(destination.path, &st) == 0 ? st.st_mode & 0o7777 : 0o644
        let name = ".\(destination.lastPathComponent).faasr-\(UUID().uuidString.prefix(8)).part"
        let temp = folder.appendingPathComponent(name)
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw Failure(path: destination.path, reason: reason(), doing: "create a temporary file for") }
        close(fd)
        return (temp, mode)
    }

    private static func commit(_ temp: URL, mode: mode_t, to destination: URL) throws(Failure) {
        let fd = open(temp.path, O_RDONLY)
        guard fd >= 0 else { throw Failure(path: temp.path, reason: reason(), doing: "open") }
        fchmod(fd, mode)
        let synced = fsync(fd) == 0
        let why = reason()
        close(fd)
        guard synced else { throw Failure(path: temp.path, reason: why, doing: "flush") }
        guard rename(temp.path, destination.path) == 0 else {
            throw Failure(path: destination.path, reason: reason(), doing: "replace")
        }
        // The rename itself is durable only once the folder is flushed.
        let dir = open(destination.deletingLastPathComponent().path, O_RDONLY)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }

    private static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, p, n)
        #else
        Darwin.write(fd, p, n)
        #endif
    }
}
