import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file so that it appears complete or not at all: the content goes to a hidden
/// temporary file in the destination's folder, which is renamed over the destination only
/// after it is fully written. On any error the temporary file is removed.
enum AtomicFile {
    /// A fresh temporary path beside `destination` (same folder, so `rename` is atomic).
    static func temporaryURL(beside destination: URL) -> URL {
        let name = ".\(destination.lastPathComponent).faasr-\(UUID().uuidString.prefix(8)).part"
        return destination.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Creates an empty temporary file beside `destination`, lets `fill` write it, then
    /// renames it over `destination`.
    static func write<T>(to destination: URL, _ fill: (URL) throws -> T) throws -> T {
        let temp = try createTemporary(beside: destination)
        do {
            let value = try fill(temp)
            try commit(temp, to: destination)
            return value
        } catch {
            unlink(temp.path)
            throw error
        }
    }

    /// Async variant of ``write(to:_:)``.
    static func write<T>(to destination: URL, _ fill: (URL) async throws -> T) async throws -> T {
        let temp = try createTemporary(beside: destination)
        do {
            let value = try await fill(temp)
            try commit(temp, to: destination)
            return value
        } catch {
            unlink(temp.path)
            throw error
        }
    }

    static func createTemporary(beside destination: URL) throws -> URL {
        let folder = destination.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StorageError.localFile(path: destination.path, reason: "the folder \(folder.path) does not exist")
        }
        let temp = temporaryURL(beside: destination)
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw StorageError.localFile(path: destination.path, reason: String(cString: strerror(errno)))
        }
        close(fd)
        return temp
    }

    static func commit(_ temp: URL, to destination: URL) throws {
        guard rename(temp.path, destination.path) == 0 else {
            throw StorageError.localFile(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }
}
