/// How ``LocalFolderStore`` maps object keys to relative file paths, reversibly and safely.
///
/// A key is split at `/`; each segment becomes one path component. `%` is written `%25`, an
/// empty segment (leading `/`, `//`, trailing `/`) is written `%`, and a `.` segment `%2E`, so
/// every S3 key maps to a distinct file. Rejected: keys ``ObjectKeyRule`` refuses (empty, ending
/// in `/`, with a `.` or `..` segment) and keys holding NUL. Since every component is a plain
/// name, no key can reach outside the store's root. (`%` and `%2E` are still decoded, so a
/// store written before these keys were refused lists as before.)
public enum LocalKeyPath {
    /// The relative path for `key`, or ``StorageError/invalidKey(key:reason:)``.
    public static func relativePath(for key: String) throws -> String {
        try ObjectKeyRule.check(key)
        guard !key.utf8.contains(0) else { throw StorageError.invalidKey(key: key, reason: "the key holds a NUL character") }
        let segments = key.split(separator: "/", omittingEmptySubsequences: false)
        var parts: [String] = []
        parts.reserveCapacity(segments.count)
        for segment in segments {
            switch segment {
            case "..":
                throw StorageError.invalidKey(key: key, reason: "'..' segments are not allowed in a local-folder store")
            case "": parts.append("%")
            case ".": parts.append("%2E")
            default: parts.append(segment.replacingOccurrences(of: "%", with: "%25"))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The key segment a path component stands for, or nil for names that are not encoded
    /// segments (the staging folder, stray files).
    public static func decodeSegment(_ name: String) -> String? {
        if name == "%" { return "" }
        if name == "%2E" { return "." }
        guard name.contains("%") else { return name }
        var result = ""
        var rest = Substring(name)
        while let index = rest.firstIndex(of: "%") {
            result += rest[..<index]
            let after = rest[index...].dropFirst()
            guard after.hasPrefix("25") else { return nil }
            result += "%"
            rest = after.dropFirst(2)
        }
        result += rest
        return result
    }
}
