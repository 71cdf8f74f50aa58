#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Safe file writes: the text goes to a temporary file beside the target, is flushed to disk,
/// gets the original file's permission bits, and replaces the target with one `rename`, so a
/// crash or a full disk never leaves a half-written workflow.
public enum AtomicFile {
    /// An I/O failure with the path and the system's reason.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        /// Readable text.
        public var description: String
    }

    /// Writes `text` to `path` atomically, keeping an existing file's mode (new files: 0644).
    public static func write(_ text: String, to path: String) throws(Failure) {
        var st = stat()
        let mode: mode_t = stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0o644
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw Failure(description: "cannot create \(tmp): \(reason())") }
        let bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 {
                let r = reason()
                close(fd)
                unlink(tmp)
                throw Failure(description: "cannot write \(tmp): \(r)")
            }
            off += n
        }
        fchmod(fd, mode)
        guard fsync(fd) == 0 else {
            let r = reason()
            close(fd)
            unlink(tmp)
            throw Failure(description: "cannot flush \(tmp): \(r)")
        }
        close(fd)
        guard rename(tmp, path) == 0 else {
            let r = reason()
            unlink(tmp)
            throw Failure(description: "cannot replace \(path): \(r)")
        }
    }

    /// Reads a UTF-8 file.
    public static func read(_ path: String) throws(Failure) -> String {
        guard let f = fopen(path, "rb") else { throw Failure(description: "cannot open \(path): \(reason())") }
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

    private static func reason() -> String { String(cString: strerror(errno)) }
}
