import Foundation
import Testing
@testable import FaaSrStorage

@Suite struct LocalFolderStoreTests {
    @Test func contract() async throws {
        let root = try makeScratchFolder("root")
        let scratch = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: scratch) }
        let store = try LocalFolderStore(root: root)
        try await ObjectStoreContract.basicOperations(store, base: "t/", scratch: scratch)
        try await ObjectStoreContract.roundTripsAwkwardKeys(store, base: "k/")
        // Nothing but the (empty) staging folder is left.
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(left.allSatisfy { $0 == LocalFolderStore.stagingName })
    }

    @Test(arguments: ["..", "../x", "a/../../etc/passwd", "a/..", "", ".", "a/./b", "folder/", "/"])
    func escapingKeysAreRejected(key: String) async throws {
        let root = try makeScratchFolder("root")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try LocalFolderStore(root: root)
        await #expect(throws: StorageError.self) { try await store.put(key, data: Data("x".utf8)) }
        await #expect(throws: StorageError.self) { try await store.getData(key) }
    }

    @Test func absoluteKeysStayInsideTheRoot() async throws {
        let root = try makeScratchFolder("root")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try LocalFolderStore(root: root)
        let key = "/tmp/escape-\(UUID().uuidString).txt"
        try await store.put(key, data: Data("inside".utf8))
        #expect(!FileManager.default.fileExists(atPath: key))
        #expect(try store.fileURL(for: key).path.hasPrefix(root.path + "/"))
        #expect(try await store.list(prefix: "/").keys == [key])
        #expect(try await store.list(prefix: "tmp").keys.isEmpty)
    }

    @Test func keyPathsAreReversible() throws {
        for key in ["a", "/a", "a//b", "%", "%25/x", ".hidden/.x", "a/.../b", "日本/語"] {
            let path = try LocalKeyPath.relativePath(for: key)
            let decoded = path.split(separator: "/", omittingEmptySubsequences: false)
                .map { LocalKeyPath.decodeSegment(String($0)) }
            #expect(decoded.allSatisfy { $0 != nil })
            #expect(decoded.map { $0! }.joined(separator: "/") == key)
            #expect(!path.split(separator: "/").contains(".."))
            #expect(!path.hasPrefix("/"))
        }
        #expect(LocalKeyPath.decodeSegment(LocalFolderStore.stagingName) == nil)
    }

    @Test func objectAndFolderWithTheSameNameConflictClearly() async throws {
        let root = try makeScratchFolder("root")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try LocalFolderStore(root: root)
        try await store.put("a", data: Data("x".utf8))
        await #expect(throws: StorageError.self) { try await store.put("a/b", data: Data("y".utf8)) }
        #expect(try await store.getData("a") == Data("x".utf8))
    }

    @Test func concurrentPutIfAbsentHasOneWinner() async throws {
        let root = try makeScratchFolder("root")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try LocalFolderStore(root: root)
        let results = try await withThrowingTaskGroup(of: PutIfAbsentResult.self) { group in
            for i in 0..<16 {
                group.addTask { try await store.putIfAbsent("election", data: Data("\(i)".utf8)) }
            }
            return try await group.reduce(into: [PutIfAbsentResult]()) { $0.append($1) }
        }
        #expect(results.filter { $0 == .created }.count == 1)
        #expect(results.filter { $0 == .alreadyExists }.count == 15)
    }
}
