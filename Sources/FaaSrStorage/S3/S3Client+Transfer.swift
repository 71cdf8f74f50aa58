import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension S3Client {
    /// `GetObject` streamed to `file` through a temporary file beside it.
    ///
    /// Memory stays flat: each received buffer is written out at once. When a try fails
    /// half-way, the next one asks only for the missing bytes (`Range`), guarded by
    /// `If-Match` on the first answer's ETag, so a changed object restarts from the start.
    /// On final failure the temporary file is removed and nothing exists at `file`.
    @discardableResult
    public func get(_ key: String, to file: URL, progress: TransferProgress?) async throws -> ObjectInfo {
        try ObjectKeyRule.check(key)
        return try await AtomicDownload.write(to: file) { temp in
            let fd = open(temp.path, O_WRONLY | O_TRUNC)
            guard fd >= 0 else { throw StorageError.localFile(path: temp.path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            let state = DownloadState()
            return try await withRetries("GetObject", resource: key) { _ in
                try await downloadAttempt(key: key, fd: fd, tempPath: temp.path, state: state, progress: progress)
            }
        }
    }

    /// What a download has got so far, kept across tries.
    final class DownloadState: @unchecked Sendable {
        var written: Int64 = 0
        var etag: String?
        var total: Int64?
        var lastModified: Date?
    }

    private func downloadAttempt(key: String, fd: Int32, tempPath: String, state: DownloadState,
                                 progress: TransferProgress?) async throws -> ObjectInfo {
        var headers: [(String, String)] = []
        let resuming = state.written > 0 && state.etag != nil
        if resuming, let etag = state.etag {
            headers.append(("Range", "bytes=\(state.written)-"))
            headers.append(("If-Match", "\"\(etag)\""))
        }
        let response = try await execute(method: .GET, key: key, query: [], headers: headers, body: .none)
        let status = Int(response.status.code)
        if !(200..<300).contains(status) {
            let buffer = try await response.body.collect(upTo: 1024 * 1024)
            let body = Data(buffer.readableBytesView)
            if status == 404, S3XML.error(body)?.code != "NoSuchBucket" { throw StorageError.notFound(key: key) }
            if resuming && (status == 412 || status == 416) {
                // The object changed (or shrank) since the first try: start over.
                try restart(fd: fd, tempPath: tempPath, state: state)
                throw StorageError.incomplete(key: key, expected: state.total ?? 0, received: 0)
            }
            try Self.check(response.status, response.headers, body, operation: "GetObject", resource: key)
        }
        if status == 200 && state.written > 0 {
            // The server sent the whole object again.
            try restart(fd: fd, tempPath: tempPath, state: state)
        }
        let etag = response.headers.first(name: "etag").map(S3XML.unquote)
        if state.etag == nil { state.etag = etag }
        if state.lastModified == nil {
            state.lastModified = response.headers.first(name: "last-modified").flatMap(S3XML.parseHTTPDate)
        }
        if status == 206, let range = response.headers.first(name: "content-range"),
           let slash = range.lastIndex(of: "/"), let total = Int64(range[range.index(after: slash)...]) {
            state.total = total
        } else if status == 200, let length = response.headers.first(name: "content-length").flatMap({ Int64($0) }) {
            state.total = length
        }
        progress?(state.written, state.total)
        for try await buffer in response.body {
            try Self.writeAll(buffer, fd: fd, at: state.written, path: tempPath)
            state.written += Int64(buffer.readableBytes)
            progress?(state.written, state.total)
        }
        if let total = state.total, state.written != total {
            throw StorageError.incomplete(key: key, expected: total, received: state.written)
        }
        return ObjectInfo(key: key, size: state.written, etag: state.etag, lastModified: state.lastModified)
    }

    private func restart(fd: Int32, tempPath: String, state: DownloadState) throws {
        guard ftruncate(fd, 0) == 0 else {
            throw StorageError.localFile(path: tempPath, reason: String(cString: strerror(errno)))
        }
        state.written = 0
        state.etag = nil
        state.total = nil
    }

    static func writeAll(_ buffer: ByteBuffer, fd: Int32, at offset: Int64, path: String) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + Int64(done)))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StorageError.localFile(path: path, reason: String(cString: strerror(errno)))
                }
                done += n
            }
        }
    }

    /// `PutObject` streamed from `file`, or a multipart upload when the file is at least
    /// ``S3Configuration/multipartThreshold`` bytes.
    public func put(_ key: String, from file: URL, progress: TransferProgress?) async throws {
        try ObjectKeyRule.check(key)
        var region = try FileRegion.whole(file)
        if region.length >= configuration.multipartThreshold {
            try await multipartUpload(key, region: region, progress: progress)
            return
        }
        let hash = configuration.signsPayload ? try region.sha256() : nil
        progress?(0, region.length)
        if let progress {
            let total = region.length
            region.onRead = { done in progress(done, total) }
        }
        _ = try await simple("PutObject", method: .PUT, key: key, resource: key, body: .file(region, sha256: hash))
        progress?(region.length, region.length)
    }
}
