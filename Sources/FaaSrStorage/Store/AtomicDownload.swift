import FaaSrBase
import Foundation

/// FaaSrBase's atomic writer as the stores use it: its own failures become
/// `StorageError.localFile`, errors of `fill` pass through.
enum AtomicDownload {
    static func write<T>(to destination: URL, _ fill: (URL) throws -> T) throws -> T {
        do { return try AtomicFile.write(to: destination, fill) } catch let f as AtomicFile.Failure {
            throw StorageError.localFile(path: f.path, reason: f.reason)
        }
    }

    static func write<T>(to destination: URL, _ fill: (URL) async throws -> T) async throws -> T {
        do { return try await AtomicFile.write(to: destination, fill) } catch let f as AtomicFile.Failure {
            throw StorageError.localFile(path: f.path, reason: f.reason)
        }
    }
}
