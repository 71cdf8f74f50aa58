import Foundation
import Testing
import FaaSrStorage

/// Behaviour every ``ObjectStore`` must have; run against the local-folder store and S3.
enum ObjectStoreContract {
    /// Keys that are awkward for URL encoding or file systems.
    static let awkwardKeys = [
        "plain.txt",
        "with space/and space.csv",
        "plus+sign and %percent%20.txt",
        "unicode/überdata-ß-日本.bin",
        "symbols/=&:@,;()*!$'~.txt",
        "/leading-slash/file.txt",
        "double//slash.txt",
        "trailing-folder-/x",
        "tilde~/dash-under_score.dot.txt",
        "question?hash#.txt",
    ]

    static func roundTripsAwkwardKeys(_ store: some ObjectStore, base: String) async throws {
        for (index, key) in awkwardKeys.enumerated() {
            let fullKey = key.hasPrefix("/") ? "/" + base + key : base + key
            let body = Data("body \(index) of \(key)".utf8)
            try await store.put(fullKey, data: body)
            #expect(try await store.getData(fullKey) == body, "round trip of \(fullKey)")
            let info = try await store.head(fullKey)
            #expect(info?.size == Int64(body.count), "head of \(fullKey)")
        }
        let listing = try await store.list(prefix: base)
        let expected = awkwardKeys.filter { !$0.hasPrefix("/") }.map { base + $0 }
        #expect(Set(listing.keys) == Set(expected))
        #expect(listing.keys == listing.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        for key in awkwardKeys {
            let fullKey = key.hasPrefix("/") ? "/" + base + key : base + key
            try await store.delete(fullKey)
            #expect(try await store.head(fullKey) == nil, "deleted \(fullKey)")
        }
        #expect(try await store.list(prefix: base).objects.isEmpty)
    }

    static func basicOperations(_ store: some ObjectStore, base: String, scratch: URL) async throws {
        try await store.checkAccess()
        let key = base + "dir/a.txt"
        #expect(try await store.head(key) == nil)
        #expect(try await store.exists(key) == false)
        await #expect(throws: StorageError.notFound(key: key)) { try await store.getData(key) }

        // put from a file, get to a file
        let source = scratch.appendingPathComponent("source.bin")
        let payload = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try payload.write(to: source)
        try await store.put(key, from: source)
        #expect(try await store.exists(key))
        let target = scratch.appendingPathComponent("target.bin")
        let info = try await store.get(key, to: target)
        #expect(info.size == Int64(payload.count))
        #expect(try Data(contentsOf: target) == payload)

        // a failed download leaves nothing behind
        let missingTarget = scratch.appendingPathComponent("missing.bin")
        await #expect(throws: StorageError.self) { try await store.get(base + "nope", to: missingTarget) }
        #expect(!FileManager.default.fileExists(atPath: missingTarget.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["source.bin", "target.bin"])

        // overwrite
        try await store.put(key, data: Data("v2".utf8))
        #expect(try await store.getData(key) == Data("v2".utf8))

        // conditional put
        let lockKey = base + "lock"
        #expect(try await store.putIfAbsent(lockKey, data: Data("first".utf8)) == .created)
        #expect(try await store.putIfAbsent(lockKey, data: Data("second".utf8)) == .alreadyExists)
        #expect(try await store.getData(lockKey) == Data("first".utf8))

        // listing with a delimiter
        try await store.put(base + "dir/sub/b.txt", data: Data("b".utf8))
        try await store.put(base + "dir/sub/c.txt", data: Data("c".utf8))
        try await store.put(base + "dir/z.txt", data: Data("z".utf8))
        let flat = try await store.list(prefix: base + "dir/")
        #expect(flat.keys == [base + "dir/a.txt", base + "dir/sub/b.txt", base + "dir/sub/c.txt", base + "dir/z.txt"])
        let rolled = try await store.list(prefix: base + "dir/", delimiter: "/")
        #expect(rolled.keys == [base + "dir/a.txt", base + "dir/z.txt"])
        #expect(rolled.commonPrefixes == [base + "dir/sub/"])
        let partial = try await store.list(prefix: base + "dir/s")
        #expect(partial.keys == [base + "dir/sub/b.txt", base + "dir/sub/c.txt"])

        // delete is idempotent
        try await store.delete(key)
        try await store.delete(key)
        #expect(try await store.head(key) == nil)
        for k in [lockKey, base + "dir/sub/b.txt", base + "dir/sub/c.txt", base + "dir/z.txt"] {
            try await store.delete(k)
        }
        #expect(try await store.list(prefix: base).objects.isEmpty)
    }
}

/// A fresh empty folder under the system temporary directory.
func makeScratchFolder(_ label: String = "scratch") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("faasr-storage-tests-\(label)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
