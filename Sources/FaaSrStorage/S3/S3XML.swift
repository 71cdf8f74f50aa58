import FaaSrBase
import Foundation

/// A minimal element tree of an S3 XML answer (they are small; listing pages hold at most
/// 1,000 entries).
final class XMLElementNode {
    let name: String
    var text = ""
    var children: [XMLElementNode] = []

    init(name: String) { self.name = name }

    /// The first child named `name`.
    func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }
    /// All children named `name`.
    func children(_ name: String) -> [XMLElementNode] { children.filter { $0.name == name } }
    /// The text of the first child named `name`.
    func value(_ name: String) -> String? { child(name)?.text }

    /// Parses `data` (``XMLReader``); nil when it is not well-formed XML.
    static func parse(_ data: Data) -> XMLElementNode? { XMLReader.parse(Array(data)) }
}

/// Decoders of the S3 answers the client reads.
enum S3XML {
    /// One `ListObjectsV2` page.
    struct ListPage {
        var objects: [ObjectInfo]
        var commonPrefixes: [String]
        var nextContinuationToken: String?
        var isTruncated: Bool
    }

    static func listPage(_ data: Data) -> ListPage? {
        guard let root = XMLElementNode.parse(data), root.name == "ListBucketResult" else { return nil }
        let objects = root.children("Contents").compactMap { node -> ObjectInfo? in
            guard let key = node.value("Key") else { return nil }
            return ObjectInfo(key: key, size: Int64(node.value("Size") ?? "") ?? 0,
                              etag: node.value("ETag").map(unquote),
                              lastModified: node.value("LastModified").flatMap(parseISO8601))
        }
        let prefixes = root.children("CommonPrefixes").compactMap { $0.value("Prefix") }
        return ListPage(objects: objects, commonPrefixes: prefixes,
                        nextContinuationToken: root.value("NextContinuationToken"),
                        isTruncated: root.value("IsTruncated") == "true")
    }

    /// One `ListMultipartUploads` page.
    struct UploadsPage {
        var uploads: [MultipartUploadInfo]
        var isTruncated: Bool
        var nextKeyMarker: String?
        var nextUploadIDMarker: String?
    }

    static func uploadsPage(_ data: Data) -> UploadsPage? {
        guard let root = XMLElementNode.parse(data), root.name == "ListMultipartUploadsResult" else { return nil }
        let uploads = root.children("Upload").compactMap { node -> MultipartUploadInfo? in
            guard let key = node.value("Key"), let id = node.value("UploadId") else { return nil }
            return MultipartUploadInfo(key: key, uploadID: id)
        }
        return UploadsPage(uploads: uploads, isTruncated: root.value("IsTruncated") == "true",
                           nextKeyMarker: root.value("NextKeyMarker"), nextUploadIDMarker: root.value("NextUploadIdMarker"))
    }

    /// `Code`, `Message` and `RequestId` of an `<Error>` body.
    static func error(_ data: Data) -> (code: String, message: String, requestID: String?)? {
        guard let root = XMLElementNode.parse(data), root.name == "Error" else { return nil }
        return (root.value("Code") ?? "", root.value("Message") ?? "", root.value("RequestId"))
    }

    /// The `UploadId` of an `InitiateMultipartUploadResult`.
    static func uploadID(_ data: Data) -> String? {
        XMLElementNode.parse(data)?.value("UploadId")
    }

    /// The body of `CompleteMultipartUpload`.
    static func completeBody(parts: [(number: Int, etag: String, crc32: String?)]) -> Data {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts {
            xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\"\(escape(part.etag))\"</ETag>"
            if let crc32 = part.crc32 { xml += "<ChecksumCRC32>\(escape(crc32))</ChecksumCRC32>" }
            xml += "</Part>"
        }
        xml += "</CompleteMultipartUpload>"
        return Data(xml.utf8)
    }

    static func unquote(_ etag: String) -> String {
        var s = etag
        if s.hasPrefix("\"") { s.removeFirst() }
        if s.hasSuffix("\"") { s.removeLast() }
        return s
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `LastModified` in a listing (RFC 3339). Read by hand: Foundation's date formatters are
    /// not safe to create on many tasks at once on Linux (see ``UTCDateTime``).
    static func parseISO8601(_ text: String) -> Date? {
        UTCDateTime.parseISO8601(text).map { Date(timeIntervalSince1970: $0.secondsSince1970) }
    }

    /// An HTTP date (`Last-Modified` header).
    static func parseHTTPDate(_ text: String) -> Date? {
        UTCDateTime.parseHTTPDate(text).map { Date(timeIntervalSince1970: $0.secondsSince1970) }
    }
}
