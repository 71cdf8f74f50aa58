extension ObjectListing {
    /// Groups sorted `objects` (all starting with `prefix`) the way S3 does for a delimiter:
    /// a key with `delimiter` after the prefix contributes its common prefix instead of itself.
    static func rollUp(_ objects: [ObjectInfo], prefix: String, delimiter: String?) -> ObjectListing {
        guard let delimiter, !delimiter.isEmpty else { return ObjectListing(objects: objects) }
        var kept: [ObjectInfo] = []
        var prefixes: [String] = []
        var seen = Set<String>()
        for object in objects {
            let rest = object.key.dropFirst(prefix.count)
            if let range = rest.range(of: delimiter) {
                let common = prefix + rest[..<range.upperBound]
                if seen.insert(common).inserted { prefixes.append(common) }
            } else {
                kept.append(object)
            }
        }
        prefixes.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return ObjectListing(objects: kept, commonPrefixes: prefixes)
    }
}
