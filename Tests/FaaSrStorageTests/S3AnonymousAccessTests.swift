import Foundation
import NIOHTTP1
import Testing
@testable import FaaSrStorage
import FaaSrTestSupport

/// Anonymous (unsigned) access, which S3 authorises by ACL: public-read objects can be read
/// and public-read buckets listed without credentials; everything else is refused.
@Suite struct S3AnonymousAccessTests {
    @Test func aPublicReadObjectCanBeReadWithoutCredentials() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let owner = s3.client()
        let anonymous = s3.client(anonymous: true, retry: .none)
        let base = TestS3Server.uniquePrefix("anonymous")
        try await owner.put(base + "public.txt", data: Data("for everyone".utf8), acl: "public-read")
        try await owner.put(base + "private.txt", data: Data("for the owner".utf8))

        #expect(try await anonymous.getData(base + "public.txt") == Data("for everyone".utf8))
        #expect(try await anonymous.head(base + "public.txt")?.size == 12)
        let scratch = try makeScratchFolder("anonymous")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let target = scratch.appendingPathComponent("public.txt")
        try await anonymous.get(base + "public.txt", to: target)
        #expect(try Data(contentsOf: target) == Data("for everyone".utf8))

        await #expect {
            _ = try await anonymous.getData(base + "private.txt")
        } throws: { error in
            guard case StorageError.service(let e) = error else { return false }
            return e.status == 403
        }
        await #expect {
            try await anonymous.put(base + "intruder.txt", data: Data("x".utf8))
        } throws: { error in
            guard case StorageError.service(let e) = error else { return false }
            return e.status == 403 && e.code == "AccessDenied"
        }
        // The test bucket itself is private: no anonymous listing.
        await #expect {
            _ = try await anonymous.list(prefix: base)
        } throws: { error in
            guard case StorageError.service(let e) = error else { return false }
            return e.status == 403 && e.code == "AccessDenied"
        }
    }

    @Test func aPublicReadBucketCanBeListedWithoutCredentials() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let bucket = "faasr-public-\(UUID().uuidString.prefix(8).lowercased())"
        let owner = s3.client(bucket: bucket)
        try await owner.createBucket(acl: "public-read")
        try await owner.put("inputs/a.csv", data: Data("a,b\n1,2\n".utf8), acl: "public-read")
        // Explicitly private: moto gives an object without x-amz-acl its bucket's ACL (S3
        // would make it private).
        try await owner.put("inputs/b.csv", data: Data("c\n".utf8), acl: "private")

        let anonymous = s3.client(anonymous: true, bucket: bucket, retry: .none)
        try await anonymous.checkAccess()
        #expect(try await anonymous.list(prefix: "inputs/").keys == ["inputs/a.csv", "inputs/b.csv"])
        #expect(try await anonymous.getData("inputs/a.csv") == Data("a,b\n1,2\n".utf8))
        // Listing is public, reading an object needs the object's own grant.
        await #expect {
            _ = try await anonymous.getData("inputs/b.csv")
        } throws: { error in
            guard case StorageError.service(let e) = error else { return false }
            return e.status == 403
        }
        // Through the data API: a store marked Anonymous needs no keys.
        let storage = try WorkflowStorage(stores: [DataStoreConfig(name: "Public", endpoint: s3.endpoint, bucket: bucket,
                                                                   region: s3.region, anonymous: true)],
                                          defaultStore: "Public")
        #expect(try await storage.folderList(prefix: "inputs/") == ["inputs/a.csv", "inputs/b.csv"])
        for key in ["inputs/a.csv", "inputs/b.csv"] { try await owner.delete(key) }
    }
}

extension S3Client {
    /// `PutObject` of `data` with a canned ACL (`x-amz-acl`).
    func put(_ key: String, data: Data, acl: String) async throws {
        _ = try await simple("PutObject", method: .PUT, key: key, resource: key,
                             headers: [("x-amz-acl", acl)], body: .data(data))
    }

    /// `CreateBucket` of this client's bucket with a canned ACL.
    func createBucket(acl: String) async throws {
        _ = try await simple("CreateBucket", method: .PUT, key: nil, resource: configuration.bucket,
                             headers: [("x-amz-acl", acl)])
    }
}
