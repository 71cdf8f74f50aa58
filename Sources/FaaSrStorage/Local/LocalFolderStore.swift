import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An ``ObjectStore`` kept in a local directory: the directory stands in for a bucket.
///
/// Keys map to relative paths below ``root`` through ``LocalKeyPath`` (each `/`-separated
/// segment becomes one path component; `%`, empty and `.` segments are escaped, `..` is
/// rejected), so no key can name a file outside the root. Writes go to a temporary file in
/// a staging folder inside the root and are renamed into place, so readers never see a
/// partial object; ``putIfAbsent(_:data:)`` uses `link(2)`, which is atomic.
public struct LocalFolderStore: ObjectStore {
    /// The directory holding the objects.
    public let root: URL

    /// Name of the staging folder inside the root; not a valid encoded key segment, so it
    /// never shows up in listings.
    static let stagingName = "%staging"

    /// Creates a store in `root`, creating the directory if needed.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
        } catch {
            throw StorageError.localFile(path: root.path, reason: "cannot create the store folder: \(error.localizedDescription)")
        }
    }

    private var staging: URL { root.appendingPathComponent(Self.stagingName, isDirectory: true) }

    /// The file that holds the object at `key`.
    public func fileURL(for key: String) throws -> URL {
        let relative = try LocalKeyPath.relativePath(for: key)
        return root.appendingPathComponent(relative, isDirectory: false)
    }

    /// The folder exists and is a directory.
    public func checkAccess() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StorageError.localFile(path: root.path, reason: "the store folder does not exist")
        }
    }

    /// Size and modification time of the object's file.
    public func head(_ key: String) async throws -> ObjectInfo? {
        let url = try fileURL(for: key)
        var st = stat()
        guard stat(url.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return ObjectInfo(key: key, size: Int64(st.st_size), etag: nil,
                          lastModified: Date(timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec)))
    }

    /// Copies the object's file to `file` through a temporary file and a rename. A
    /// destination inside the store's own folder is refused: the store writes inside itself
    /// only through keys.
    @discardableResult
    public func get(_ key: String, to file: URL) async throws -> ObjectInfo {
        try ObjectKeyRule.check(key)
        if isInsideRoot(file) {
            throw StorageError.localFile(path: file.path, reason: "the destination is inside the store's folder \(root.path); download to a file outside it")
        }
        guard let info = try await head(key) else { throw StorageError.notFound(key: key) }
        let source = try fileURL(for: key)
        try AtomicDownload.write(to: file) { temp in
            do {
                try FileManager.default.removeItem(at: temp)
                try FileManager.default.copyItem(at: source, to: temp)
            } catch {
                throw StorageError.localFile(path: file.path, reason: error.localizedDescription)
            }
        }
        return info
    }

    /// The object's bytes.
    public func getData(_ key: String) async throws -> Data {
        guard try await head(key) != nil else { throw StorageError.notFound(key: key) }
        let url = try fileURL(for: key)
        do { return try Data(contentsOf: url) } catch {
            throw StorageError.localFile(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Copies the regular file `file` (or the file a symbolic link names) into the store; a
    /// folder or any other kind of file is refused, so a store can never copy a folder,
    /// least of all one that holds the store.
    public func put(_ key: String, from file: URL) async throws {
        _ = try LocalKeyPath.relativePath(for: key)
        let fd = open(file.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StorageError.localFile(path: file.path, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            let what = (st.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file"
            throw StorageError.localFile(path: file.path, reason: "is \(what); only files can be stored")
        }
        let temp = try stage { temp in try Self.copy(from: fd, to: temp) }
        try commit(temp, to: key)
    }

    /// Writes `data` into the store.
    public func put(_ key: String, data: Data) async throws {
        let temp = try stage { temp in try data.write(to: temp) }
        try commit(temp, to: key)
    }

    /// Writes `data` only if there is no object at `key` (atomic, with `link(2)`).
    public func putIfAbsent(_ key: String, data: Data) async throws -> PutIfAbsentResult {
        let destination = try fileURL(for: key)
        let temp = try stage { temp in try data.write(to: temp) }
        defer { unlink(temp.path) }
        try makeParent(of: destination, key: key)
        if link(temp.path, destination.path) == 0 { return .created }
        let code = errno
        if code == EEXIST { return .alreadyExists }
        throw StorageError.localFile(path: destination.path, reason: String(cString: strerror(code)))
    }

    /// Removes the object's file and any folders left empty by it.
    public func delete(_ key: String) async throws {
        let url = try fileURL(for: key)
        if unlink(url.path) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR || code == EISDIR { return }  // EISDIR: keys under it exist, not it
            throw StorageError.localFile(path: url.path, reason: String(cString: strerror(code)))
        }
        var parent = url.deletingLastPathComponent().standardizedFileURL
        while parent.path.count > root.path.count, rmdir(parent.path) == 0 {
            parent = parent.deletingLastPathComponent().standardizedFileURL
        }
    }

    /// Every object under `prefix`, sorted by key, rolled up at `delimiter` if given.
    public func list(prefix: String, delimiter: String?) async throws -> ObjectListing {
        var all: [ObjectInfo] = []
        try walk(directory: root, keyPrefix: "", isRoot: true, listingPrefix: prefix, into: &all)
        all.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        return ObjectListing.rollUp(all, prefix: prefix, delimiter: delimiter)
    }

    // MARK: - Internals

    private func walk(directory: URL, keyPrefix: String, isRoot: Bool, listingPrefix: String,
                      into result: inout [ObjectInfo]) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw StorageError.localFile(path: directory.path, reason: error.localizedDescription)
        }
        for name in names {
            guard let segment = LocalKeyPath.decodeSegment(name) else { continue }
            let url = directory.appendingPathComponent(name)
            var st = stat()
            guard lstat(url.path, &st) == 0 else { continue }
            let key = keyPrefix + segment
            if (st.st_mode & S_IFMT) == S_IFDIR {
                let childPrefix = key + "/"
                // Descend only where keys can still match the listing prefix.
                guard childPrefix.hasPrefix(listingPrefix) || listingPrefix.hasPrefix(childPrefix) else { continue }
                try walk(directory: url, keyPrefix: childPrefix, isRoot: false, listingPrefix: listingPrefix, into: &result)
            } else if (st.st_mode & S_IFMT) == S_IFREG, key.hasPrefix(listingPrefix) {
                result.append(ObjectInfo(key: key, size: Int64(st.st_size), etag: nil,
                                         lastModified: Date(timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec))))
            }
        }
    }

    /// Whether `file` lies in the store's folder (symbolic links in its folder resolved).
    func isInsideRoot(_ file: URL) -> Bool {
        let realRoot = root.resolvingSymlinksInPath().path
        let folder = file.standardizedFileURL.deletingLastPathComponent().resolvingSymlinksInPath().path
        return folder == realRoot || folder.hasPrefix(realRoot + "/")
    }

    /// Copies the open file `fd` to a new file `destination`, 1 MiB at a time.
    static func copy(from fd: Int32, to destination: URL) throws {
        let out = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard out >= 0 else { throw StorageError.localFile(path: destination.path, reason: String(cString: strerror(errno))) }
        defer { close(out) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return }
            guard n > 0 else {
                if errno == EINTR { continue }
                throw StorageError.localFile(path: destination.path, reason: String(cString: strerror(errno)))
            }
            var done = 0
            while done < n {
                let w = buffer.withUnsafeBytes { write(out, $0.baseAddress! + done, n - done) }
                guard w > 0 else {
                    if w < 0 && errno == EINTR { continue }
                    throw StorageError.localFile(path: destination.path, reason: String(cString: strerror(errno)))
                }
                done += w
            }
        }
    }

    /// Writes a new temporary file in the staging folder with `fill` and returns it.
    private func stage(_ fill: (URL) throws -> Void) throws -> URL {
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw StorageError.localFile(path: staging.path, reason: error.localizedDescription)
        }
        let temp = staging.appendingPathComponent(UUID().uuidString)
        do { try fill(temp) } catch {
            unlink(temp.path)
            throw StorageError.localFile(path: temp.path, reason: error.localizedDescription)
        }
        return temp
    }

    private func commit(_ temp: URL, to key: String) throws {
        let destination: URL
        do { destination = try fileURL(for: key) } catch { unlink(temp.path); throw error }
        do { try makeParent(of: destination, key: key) } catch { unlink(temp.path); throw error }
        var renamed = rename(temp.path, destination.path) == 0
        if !renamed && errno == ENOENT {
            // A concurrent delete removed the (then empty) parent folder: make it again.
            do { try makeParent(of: destination, key: key) } catch { unlink(temp.path); throw error }
            renamed = rename(temp.path, destination.path) == 0
        }
        if !renamed {
            let code = errno
            unlink(temp.path)
            let reason = code == EISDIR
                ? "an object with this key as its folder exists (keys '\(key)' and '\(key)/...' cannot both exist in a local store)"
                : String(cString: strerror(code))
            throw StorageError.localFile(path: destination.path, reason: reason)
        }
    }

    private func makeParent(of destination: URL, key: String) throws {
        let folder = destination.deletingLastPathComponent()
        // A concurrent delete prunes empty parent folders, so a folder made a moment ago on the
        // way down can vanish before its child is made: try again. A real obstacle (an object
        // whose key is a prefix of this one) fails every attempt and is reported.
        for _ in 0..<7 {
            if (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil {
                return
            }
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError.invalidKey(
                key: key, reason: "a parent folder cannot be created (is a prefix of the key already an object?): \(error.localizedDescription)")
        }
    }
}
