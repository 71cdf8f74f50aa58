import Foundation
import Testing
@testable import FaaSrStorage

/// The part checksum of multipart uploads (zlib's CRC-32; expected values from zlib).
@Suite struct CRC32Tests {
    /// 1,000,003 bytes of a simple pattern: long enough for every step size, odd in length.
    static let pattern: [UInt8] = (0..<1_000_003).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }

    @Test func checkValueOfTheStandard() {
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        #expect(crc.base64 == "y/Q5Jg==")
        #expect(CRC32().value == 0)
        #expect(CRC32().base64 == "AAAAAA==")
    }

    @Test func longInputMatchesZlib() {
        var crc = CRC32()
        crc.update(Self.pattern)
        #expect(crc.value == 0x095D_6E8A)
        #expect(crc.base64 == "CV1uig==")
    }

    @Test func updatesInPiecesEqualOneUpdate() {
        var pieces = CRC32()
        var start = 0
        for length in [0, 1, 7, 8, 9, 4096, 65_537] {
            pieces.update(Self.pattern[start..<start + length])
            start += length
        }
        pieces.update(Self.pattern[start...])
        #expect(pieces.value == 0x095D_6E8A)
    }

    @Test func fileRegionDigestsReadTheRegionOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crc32-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.bin")
        try Data([0xFF, 0xFE] + Self.pattern + [0x00]).write(to: file)
        let region = FileRegion(path: file.path, offset: 2, length: Int64(Self.pattern.count))
        let both = try region.digests(sha256: true, crc32: true)
        #expect(both.crc32 == "CV1uig==")
        #expect(both.sha256 == SigV4Signer.hexSHA256(Data(Self.pattern)))
        let crcOnly = try region.digests(sha256: false, crc32: true)
        #expect(crcOnly.sha256 == nil)
        #expect(crcOnly.crc32 == "CV1uig==")
        #expect(try region.sha256() == both.sha256)
    }

    @Test func completeBodyListsPartChecksums() {
        let body = String(decoding: S3XML.completeBody(parts: [(1, "abc", "y/Q5Jg=="), (2, "def", nil)]), as: UTF8.self)
        #expect(body.contains("<Part><PartNumber>1</PartNumber><ETag>\"abc\"</ETag><ChecksumCRC32>y/Q5Jg==</ChecksumCRC32></Part>"))
        #expect(body.contains("<Part><PartNumber>2</PartNumber><ETag>\"def\"</ETag></Part>"))
    }
}
