import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A multipart upload that was started and neither completed nor aborted.
public struct MultipartUploadInfo: Sendable, Hashable {
    /// The object key it will create.
    public var key: String
    /// The upload id S3 gave it.
    public var uploadID: String

    /// Creates a description.
    public init(key: String, uploadID: String) {
        self.key = key
        self.uploadID = uploadID
    }
}

extension S3Client {
    /// Part size for a file of `length` bytes: the configured size, grown to stay within
    /// S3's 10,000 parts.
    func partSize(for length: Int64) -> Int64 {
        let minimum = (length + 9_999) / 10_000
        return max(configuration.partSize, minimum)
    }

    /// Multipart upload: create, upload parts (several at once), complete; abort on failure.
    ///
    /// At most ``S3Configuration/partConcurrency`` parts are in flight; each streams its
    /// range of the file in 512 KiB reads, so memory does not grow with the object. With
    /// ``S3Configuration/partChecksums`` every part carries its CRC-32. Any
    /// failure (a part that fails for good, a local read error, cancellation) aborts the
    /// upload on the server, so no parts are left behind to be billed.
    func multipartUpload(_ key: String, region: FileRegion, progress: TransferProgress?) async throws {
        let checksums = configuration.partChecksums
        let created = try await simple("CreateMultipartUpload", method: .POST, key: key,
                                       query: [("uploads", "")], resource: key,
                                       headers: checksums ? [("x-amz-checksum-algorithm", "CRC32")] : [])
        guard let uploadID = S3XML.uploadID(created.body) else {
            throw StorageError.service(S3ServiceError(operation: "CreateMultipartUpload", status: Int(created.status.code),
                                                      code: "MalformedResponse", message: "no UploadId in the answer", resource: key))
        }
        do {
            let size = partSize(for: region.length)
            let count = Int((region.length + size - 1) / size)
            let sent = RetryCounter() // bytes done, for progress
            progress?(0, region.length)
            let uploaded = try await withThrowingTaskGroup(of: (Int, UploadedPart).self) { group in
                var results: [Int: UploadedPart] = [:]
                var next = 1
                func addPart(_ number: Int) {
                    let offset = Int64(number - 1) * size
                    let part = FileRegion(path: region.path, offset: offset, length: min(size, region.length - offset))
                    group.addTask {
                        let done = try await uploadPart(key: key, uploadID: uploadID, number: number, part: part,
                                                        checksum: checksums)
                        sent.add(Int(part.length))
                        progress?(Int64(sent.total), region.length)
                        return (number, done)
                    }
                }
                while next <= min(count, configuration.partConcurrency) { addPart(next); next += 1 }
                while let finished = try await group.next() {
                    results[finished.0] = finished.1
                    if next <= count { addPart(next); next += 1 }
                }
                return results
            }
            let parts = (1...count).map { (number: $0, etag: uploaded[$0]!.etag, crc32: uploaded[$0]!.crc32) }
            _ = try await simple("CompleteMultipartUpload", method: .POST, key: key, query: [("uploadId", uploadID)],
                                 resource: key, headers: [("content-type", "application/xml")],
                                 body: .data(S3XML.completeBody(parts: parts)))
        } catch {
            logger.warning("S3 multipart upload of '\(key)' failed, aborting it: \(Self.describe(error))")
            // A detached task, so that the abort is sent even when the upload was cancelled.
            let client = self
            await Task.detached {
                do {
                    _ = try await client.simple("AbortMultipartUpload", method: .DELETE, key: key,
                                                query: [("uploadId", uploadID)], resource: key)
                } catch {
                    client.logger.warning("S3 AbortMultipartUpload of '\(key)' failed (the parts stay until a lifecycle rule removes them): \(Self.describe(error))")
                }
            }.value
            throw error
        }
    }

    /// What completing needs of an uploaded part.
    private struct UploadedPart: Sendable {
        var etag: String
        var crc32: String?
    }

    private func uploadPart(key: String, uploadID: String, number: Int, part: FileRegion,
                            checksum: Bool) async throws -> UploadedPart {
        let signs = configuration.signsPayload
        let digests: (sha256: String?, crc32: String?) = signs || checksum
            ? try await Self.digestsOffThePool(part, sha256: signs, crc32: checksum) : (nil, nil)
        let answer = try await simple("UploadPart", method: .PUT, key: key,
                                      query: [("partNumber", String(number)), ("uploadId", uploadID)],
                                      resource: "\(key) part \(number)",
                                      headers: digests.crc32.map { [("x-amz-checksum-crc32", $0)] } ?? [],
                                      body: .file(part, sha256: digests.sha256))
        guard let etag = answer.headers.first(name: "etag") else {
            throw StorageError.service(S3ServiceError(operation: "UploadPart", status: Int(answer.status.code),
                                                      code: "MalformedResponse", message: "no ETag for part \(number)", resource: key))
        }
        return UploadedPart(etag: S3XML.unquote(etag), crc32: digests.crc32)
    }

    /// The SHA-256 and CRC-32 of a part (those asked for), computed on a Dispatch thread:
    /// hashing megabytes would otherwise hold one of the few cooperative threads that
    /// drive every transfer.
    static func digestsOffThePool(_ part: FileRegion, sha256: Bool, crc32: Bool) async throws -> (sha256: String?, crc32: String?) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try part.digests(sha256: sha256, crc32: crc32) })
            }
        }
    }

    /// `ListMultipartUploads`: the uploads under `prefix` that were started and neither
    /// completed nor aborted (all pages).
    public func listMultipartUploads(prefix: String = "") async throws -> [MultipartUploadInfo] {
        var uploads: [MultipartUploadInfo] = []
        var marker: (key: String, uploadID: String)?
        repeat {
            var query: [(name: String, value: String)] = [("uploads", ""), ("prefix", prefix)]
            if let marker { query += [("key-marker", marker.key), ("upload-id-marker", marker.uploadID)] }
            let response = try await simple("ListMultipartUploads", method: .GET, key: nil, query: query,
                                            resource: configuration.bucket + "/" + prefix)
            guard let page = S3XML.uploadsPage(response.body) else {
                throw StorageError.service(S3ServiceError(
                    operation: "ListMultipartUploads", status: Int(response.status.code), code: "MalformedResponse",
                    message: "the answer is not a ListMultipartUploadsResult document", resource: prefix))
            }
            uploads += page.uploads
            marker = nil
            if page.isTruncated, let key = page.nextKeyMarker, let id = page.nextUploadIDMarker {
                marker = (key, id)
            }
        } while marker != nil
        return uploads
    }

    /// `AbortMultipartUpload` of one upload (for cleaning up after a crashed process).
    public func abortMultipartUpload(_ upload: MultipartUploadInfo) async throws {
        _ = try await simple("AbortMultipartUpload", method: .DELETE, key: upload.key,
                             query: [("uploadId", upload.uploadID)], resource: upload.key)
    }
}
