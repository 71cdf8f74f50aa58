import Crypto
import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte range of a local file, read in chunks: the streaming source of uploads.
struct FileRegion: Sendable {
    var path: String
    var offset: Int64
    var length: Int64
    /// Called with the bytes of the region read so far, after each chunk of an upload.
    var onRead: (@Sendable (Int64) -> Void)? = nil

    /// Chunk size of reads: large enough for throughput, small enough for flat memory.
    static let chunkSize = 512 << 10

    /// The whole file at `url`.
    static func whole(_ url: URL) throws -> FileRegion {
        var st = stat()
        guard stat(url.path, &st) == 0 else {
            throw StorageError.localFile(path: url.path, reason: String(cString: strerror(errno)))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw StorageError.localFile(path: url.path, reason: "not a regular file")
        }
        return FileRegion(path: url.path, offset: 0, length: Int64(st.st_size))
    }

    /// Opens the file for reading.
    func open() throws -> Int32 {
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw StorageError.localFile(path: path, reason: String(cString: strerror(errno))) }
        return fd
    }

    /// Hex SHA-256 of the region, read once in chunks.
    func sha256() throws -> String {
        try digests(sha256: true, crc32: false).sha256!
    }

    /// The hex SHA-256 (for the signature) and the base64 CRC-32 (for S3's checksum
    /// header) of the region, those asked for, from one reading in chunks.
    func digests(sha256 wantsSHA256: Bool, crc32 wantsCRC32: Bool) throws -> (sha256: String?, crc32: String?) {
        let fd = try open()
        defer { close(fd) }
        var hasher = SHA256()
        var crc = CRC32()
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        var position = offset
        let end = offset + length
        while position < end {
            let want = Int(min(Int64(Self.chunkSize), end - position))
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(position)) }
            guard got > 0 else { throw StorageError.localFile(path: path, reason: got == 0 ? "file shrank while reading" : String(cString: strerror(errno))) }
            buffer.withUnsafeBytes {
                let chunk = UnsafeRawBufferPointer(rebasing: $0[0..<got])
                if wantsSHA256 { hasher.update(bufferPointer: chunk) }
                if wantsCRC32 { crc.update(chunk) }
            }
            position += Int64(got)
        }
        return (wantsSHA256 ? SigV4Signer.hex(Array(hasher.finalize())) : nil, wantsCRC32 ? crc.base64 : nil)
    }

    /// The region as an async sequence of buffers (for a streamed request body). Each
    /// iteration opens the file anew, so a retried request can read it again.
    var chunks: Chunks { Chunks(region: self) }

    struct Chunks: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let region: FileRegion

        func makeAsyncIterator() -> Iterator { Iterator(region: region) }

        struct Iterator: AsyncIteratorProtocol {
            let region: FileRegion
            let file = OpenFile()
            var position: Int64
            let allocator = ByteBufferAllocator()

            init(region: FileRegion) {
                self.region = region
                self.position = region.offset
            }

            mutating func next() async throws -> ByteBuffer? {
                let end = region.offset + region.length
                guard position < end else {
                    file.close()
                    return nil
                }
                if file.fd < 0 { file.fd = try region.open() }
                let want = Int(Swift.min(Int64(FileRegion.chunkSize), end - position))
                var buffer = allocator.buffer(capacity: want)
                let fd = file.fd
                let position = self.position
                let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: want) { pointer in
                    Swift.max(0, pread(fd, pointer.baseAddress, want, off_t(position)))
                }
                guard got > 0 else {
                    file.close()
                    throw StorageError.localFile(path: region.path, reason: "file shrank or could not be read during upload")
                }
                self.position += Int64(got)
                region.onRead?(self.position - region.offset)
                return buffer
            }
        }

        /// Owns the descriptor, so an upload abandoned half-way still closes it.
        final class OpenFile {
            var fd: Int32 = -1
            func close() {
                if fd >= 0 { _ = Glibc.close(fd); fd = -1 }
            }
            deinit { close() }
        }
    }
}
