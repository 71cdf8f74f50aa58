/// The keys every ``ObjectStore`` refuses, on S3 as on a local folder: keys that do not
/// name one file.
///
/// Refused: the empty key, a key ending in `/` (a folder marker, not a file), and a key with
/// a `.` or `..` segment (`.`, `..`, `a/../b`: the same key means different objects to S3,
/// to S3 consoles that normalise paths, and to a folder on disk). FaaSr's own key rule
/// (``FaaSrKey/make(folder:file:)``) drops `.` segments, so only `..` can reach a store from
/// a function.
public enum ObjectKeyRule {
    /// Why `key` is refused, or nil when it names a file.
    public static func problem(with key: String) -> String? {
        if key.isEmpty { return "the key is empty (name a file)" }
        if key.hasSuffix("/") { return "the key ends in '/', which names a folder, not a file" }
        for segment in key.split(separator: "/", omittingEmptySubsequences: true) where segment == "." || segment == ".." {
            return "the key has a '\(segment)' segment (keys name files; '.' and '..' are not resolved by S3)"
        }
        return nil
    }

    /// Throws ``StorageError/invalidKey(key:reason:)`` when `key` does not name a file.
    public static func check(_ key: String) throws {
        if let reason = problem(with: key) { throw StorageError.invalidKey(key: key, reason: reason) }
    }
}
