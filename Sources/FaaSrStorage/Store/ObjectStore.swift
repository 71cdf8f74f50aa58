import Foundation

/// What is known about one stored object.
public struct ObjectInfo: Sendable, Hashable {
    /// The object's full key.
    public var key: String
    /// Size in bytes.
    public var size: Int64
    /// The entity tag without quotes, when the store provides one.
    public var etag: String?
    /// Last modification time, when the store provides one.
    public var lastModified: Date?

    /// Creates an object description.
    public init(key: String, size: Int64, etag: String? = nil, lastModified: Date? = nil) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// The result of a listing: every object and (with a delimiter) every common prefix.
public struct ObjectListing: Sendable, Hashable {
    /// Objects whose keys start with the prefix (and, with a delimiter, hold no further
    /// delimiter after it), sorted by key in UTF-8 byte order.
    public var objects: [ObjectInfo]
    /// With a delimiter: the distinct key prefixes up to and including the first delimiter
    /// after the listing prefix, sorted.
    public var commonPrefixes: [String]

    /// Creates a listing.
    public init(objects: [ObjectInfo] = [], commonPrefixes: [String] = []) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
    }

    /// The keys of ``objects``.
    public var keys: [String] { objects.map(\.key) }
}

/// Outcome of ``ObjectStore/putIfAbsent(_:data:)``.
public enum PutIfAbsentResult: Sendable, Hashable {
    /// The object did not exist and now holds our data.
    case created
    /// An object with that key already existed; nothing was written.
    case alreadyExists
}

/// A bucket-like store of objects addressed by string keys: an S3 bucket, or a local folder.
///
/// Every operation is atomic from a reader's point of view: an object is either absent or
/// complete. Downloads write to a temporary file beside the destination and rename it, so a
/// failed download leaves nothing at the destination.
public protocol ObjectStore: Sendable {
    /// Checks that the store is reachable and usable (S3: `HeadBucket`).
    func checkAccess() async throws

    /// Describes the object at `key`, or returns nil when there is none.
    func head(_ key: String) async throws -> ObjectInfo?

    /// Downloads the object at `key` to `file` (created or replaced atomically).
    /// Throws ``StorageError/notFound(key:)`` when there is no such object.
    @discardableResult
    func get(_ key: String, to file: URL) async throws -> ObjectInfo

    /// Reads a whole (small) object into memory.
    /// Throws ``StorageError/notFound(key:)`` when there is no such object.
    func getData(_ key: String) async throws -> Data

    /// Uploads the contents of `file` to `key`, replacing any object there.
    func put(_ key: String, from file: URL) async throws

    /// Stores `data` at `key`, replacing any object there.
    func put(_ key: String, data: Data) async throws

    /// Stores `data` at `key` only if no object exists there (S3: `If-None-Match: *`).
    func putIfAbsent(_ key: String, data: Data) async throws -> PutIfAbsentResult

    /// Deletes the object at `key`; deleting a missing object is not an error.
    func delete(_ key: String) async throws

    /// Lists every object under `prefix` (all pages), optionally rolled up at `delimiter`.
    func list(prefix: String, delimiter: String?) async throws -> ObjectListing
}

extension ObjectStore {
    /// Whether an object exists at `key`.
    public func exists(_ key: String) async throws -> Bool {
        try await head(key) != nil
    }

    /// Lists every object under `prefix`, without a delimiter.
    public func list(prefix: String = "") async throws -> ObjectListing {
        try await list(prefix: prefix, delimiter: nil)
    }
}
