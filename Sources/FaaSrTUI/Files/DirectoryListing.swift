#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads folders for the file browser (the effect side of ``Effect/listDirectory(path:)``).
public enum DirectoryListing {
    /// Lists `path` (made absolute), or says why it cannot.
    public static func list(_ path: String) -> AppEvent {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(path, &buf) != nil else {
            return .listed(path: path, entries: nil, error: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        let abs = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let dir = opendir(abs) else {
            return .listed(path: abs, entries: nil, error: "cannot list \(abs): \(String(cString: strerror(errno)))")
        }
        defer { closedir(dir) }
        var out: [DirectoryEntry] = []
        while let e = readdir(dir) {
            let name = withUnsafePointer(to: e.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name == "." || name == ".." { continue }
            var st = stat()
            let full = abs == "/" ? "/" + name : abs + "/" + name
            let isDir = stat(full, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            out.append(DirectoryEntry(name: name, isDirectory: isDir))
        }
        return .listed(path: abs, entries: out, error: nil)
    }
}
