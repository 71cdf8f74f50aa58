import Foundation
import Testing
@testable import FaaSrStorage

/// Keys that name no file are refused by every store, and a local-folder store copies only
/// files and never writes into its own folder except through keys.
@Suite struct KeyRuleTests {
    static let refused = ["", ".", "..", "a/..", "../x", "a/./b", "./a", "folder/", "/", "a//"]

    @Test(arguments: refused)
    func theRuleRefuses(key: String) {
        #expect(ObjectKeyRule.problem(with: key) != nil)
    }

    @Test(arguments: ["a", "/a", "a//b", ".hidden", "a/.../b", "x/..y", "日本/語.csv"])
    func theRuleAccepts(key: String) {
        #expect(ObjectKeyRule.problem(with: key) == nil)
    }

    /// S3 refuses before any request: the endpoint here accepts no connection.
    @Test(arguments: refused)
    func s3RefusesBeforeSending(key: String) async throws {
        let scratch = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("f")
        try Data("x".utf8).write(to: file)
        let client = S3Client(configuration: S3Configuration(
            endpoint: URL(string: "http://127.0.0.1:9")!, bucket: "b", region: "us-east-1",
            credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "s")))
        let calls: [@Sendable () async throws -> Void] = [
            { try await client.put(key, from: file) }, { try await client.put(key, data: Data()) },
            { _ = try await client.putIfAbsent(key, data: Data()) }, { try await client.delete(key) },
            { _ = try await client.get(key, to: scratch.appendingPathComponent("g")) },
            { _ = try await client.getData(key) }, { _ = try await client.head(key) },
        ]
        for call in calls {
            do { try await call(); Issue.record("'\(key)' accepted") } catch let e as StorageError {
                guard case .invalidKey = e else { Issue.record("'\(key)': \(e)"); continue }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("g").path))
    }

    @Test func aLocalStoreCopiesNoFolder() async throws {
        let work = try makeScratchFolder("work")
        defer { try? FileManager.default.removeItem(at: work) }
        try Data("code".utf8).write(to: work.appendingPathComponent("f.py"))
        let store = try LocalFolderStore(root: work.appendingPathComponent("stores/S3"))
        await #expect(throws: StorageError.self) { try await store.put("copy", from: work) }
        let link = work.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: work)
        await #expect(throws: StorageError.self) { try await store.put("copy", from: link) }
        #expect(try await store.list(prefix: "").objects.isEmpty)
        // A link to a file stores the file's bytes.
        let fileLink = work.appendingPathComponent("f-link")
        try FileManager.default.createSymbolicLink(at: fileLink, withDestinationURL: work.appendingPathComponent("f.py"))
        try await store.put("f", from: fileLink)
        #expect(try await store.getData("f") == Data("code".utf8))
    }

    @Test func aLocalStoreNeverDownloadsIntoItself() async throws {
        let root = try makeScratchFolder("root")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try LocalFolderStore(root: root)
        try await store.put("a", data: Data("a".utf8))
        try await store.put("b", data: Data("b".utf8))
        await #expect(throws: StorageError.self) { try await store.get("a", to: try store.fileURL(for: "b")) }
        await #expect(throws: StorageError.self) { try await store.get("a", to: root.appendingPathComponent("new")) }
        #expect(try await store.getData("b") == Data("b".utf8))
        #expect(try await store.list(prefix: "").keys == ["a", "b"])
    }
}
