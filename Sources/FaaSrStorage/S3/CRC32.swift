import Foundation

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320: zlib's and S3's `CRC32`
/// checksum), computed incrementally, sixteen bytes per step ("slicing-by-16").
struct CRC32: Sendable {
    /// The checksum of the bytes so far.
    private(set) var value: UInt32 = 0

    /// Sixteen tables of 256 entries: entry `k * 256 + b` is the CRC of byte `b` followed
    /// by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 16 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            tables[byte] = crc
        }
        for k in 1..<16 {
            for byte in 0..<256 {
                let previous = tables[(k - 1) * 256 + byte]
                tables[k * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// Adds `bytes` to the checksum.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress, !bytes.isEmpty else { return }
        var remaining = bytes.count
        var crc = ~value
        Self.tables.withUnsafeBufferPointer { tables in
            let t = tables.baseAddress!
            @inline(__always) func lookup(_ table: Int, _ word: UInt32, _ shift: UInt32) -> UInt32 {
                t[table &* 256 &+ Int((word &>> shift) & 0xFF)]
            }
            while remaining >= 16 {
                let a = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) ^ crc
                let b = UInt32(littleEndian: (p + 4).loadUnaligned(as: UInt32.self))
                let c = UInt32(littleEndian: (p + 8).loadUnaligned(as: UInt32.self))
                let d = UInt32(littleEndian: (p + 12).loadUnaligned(as: UInt32.self))
                crc = lookup(15, a, 0) ^ lookup(14, a, 8) ^ lookup(13, a, 16) ^ lookup(12, a, 24)
                crc ^= lookup(11, b, 0) ^ lookup(10, b, 8) ^ lookup(9, b, 16) ^ lookup(8, b, 24)
                crc ^= lookup(7, c, 0) ^ lookup(6, c, 8) ^ lookup(5, c, 16) ^ lookup(4, c, 24)
                crc ^= lookup(3, d, 0) ^ lookup(2, d, 8) ^ lookup(1, d, 16) ^ lookup(0, d, 24)
                p += 16
                remaining &-= 16
            }
            while remaining > 0 {
                crc = t[Int((crc ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                p += 1
                remaining &-= 1
            }
        }
        value = ~crc
    }

    /// Adds `bytes` to the checksum.
    mutating func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// The checksum as S3 writes it (`x-amz-checksum-crc32`): base64 of its four bytes,
    /// most significant first.
    var base64: String {
        let bytes = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        return Data(bytes).base64EncodedString()
    }
}
