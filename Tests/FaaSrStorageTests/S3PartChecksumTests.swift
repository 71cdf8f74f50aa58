import Foundation
import Testing
@testable import FaaSrStorage
import FaaSrTestSupport

/// CRC-32 part checksums of multipart uploads against the local moto server.
@Suite struct S3PartChecksumTests {
    /// Parts carry their CRC-32: the server's composite checksum of the object (CRC-32 of
    /// the parts' CRC-32s, which it computes from the data it received) is the one our
    /// part checksums give.
    /// Without part checksums the upload works as well and declares no algorithm.
    @Test func multipartPartsCarryCRC32Checksums() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let scratch = try makeScratchFolder("checksums")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("20MB.bin")
        let size: Int64 = 20 * 1024 * 1024 + 17
        try makeTestFile(at: source, size: Int(size))
        var partCRCs: [UInt8] = []
        for offset in stride(from: Int64(0), to: size, by: 8 * 1024 * 1024) {
            let part = FileRegion(path: source.path, offset: offset, length: min(8 * 1024 * 1024, size - offset))
            let crc32 = try #require(try part.digests(sha256: false, crc32: true).crc32)
            partCRCs += try #require(Data(base64Encoded: crc32))
        }
        var composite = CRC32()
        composite.update(partCRCs)

        let prefix = TestS3Server.uniquePrefix("checksums")
        let client = s3.client(multipartThreshold: 5 * 1024 * 1024)
        #expect(client.configuration.partChecksums)
        try await client.put(prefix + "on.bin", from: source)
        let on = try await client.simple("HeadObject", method: .HEAD, key: prefix + "on.bin", resource: "on",
                                         headers: [("x-amz-checksum-mode", "ENABLED")])
        // S3 answers "CHECKSUM-3" (three parts); moto 5.2.1's HEAD leaves the count out.
        let reported = try #require(on.headers.first(name: "x-amz-checksum-crc32"))
        #expect(reported == composite.base64 + "-3" || reported == composite.base64)

        var configuration = client.configuration
        configuration.partChecksums = false
        let plain = S3Client(configuration: configuration)
        try await plain.put(prefix + "off.bin", from: source)
        let off = try await client.simple("HeadObject", method: .HEAD, key: prefix + "off.bin", resource: "off",
                                          headers: [("x-amz-checksum-mode", "ENABLED")])
        #expect(off.headers.first(name: "x-amz-checksum-crc32") == nil)
        let target = scratch.appendingPathComponent("back.bin")
        try await plain.get(prefix + "off.bin", to: target)
        #expect(try sha256OfFile(target) == (try sha256OfFile(source)))
        try await client.delete(prefix + "on.bin")
        try await client.delete(prefix + "off.bin")
    }
}
