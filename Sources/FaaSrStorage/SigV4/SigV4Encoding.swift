/// Percent-encoding and path rules of AWS Signature Version 4.
public enum SigV4Encoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Whether `byte` is one of SigV4's unreserved characters `A-Z a-z 0-9 - _ . ~`.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
             UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Percent-encodes every UTF-8 byte of `string` except the unreserved characters (and
    /// `/` when `keepSlash` is true), with upper-case hex: `a b+c/ü` → `a%20b%2Bc/%C3%BC`.
    public static func encode(_ string: String, keepSlash: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical URI of an S3 object: `/` + (path-style: bucket + `/`) + the key encoded
    /// once with `/` kept. The key is never normalised (`a//b`, a leading `/`, `.` stay).
    public static func s3Path(bucket: String?, key: String) -> String {
        var path = "/"
        if let bucket { path += encode(bucket) + (key.isEmpty ? "" : "/") }
        path += encode(key, keepSlash: true)
        return path
    }

    /// The canonical URI for services other than S3: dot segments resolved, runs of `/`
    /// collapsed, each segment encoded; a trailing `/` is kept. `//example//` → `/example/`.
    public static func normalizedPath(_ path: String) -> String {
        var stack: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { if !stack.isEmpty { stack.removeLast() }; continue }
            stack.append(segment)
        }
        var result = "/" + stack.map { encode(String($0)) }.joined(separator: "/")
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last
        if !stack.isEmpty, path.hasSuffix("/") || last == "." || last == ".." { result += "/" }
        return result
    }

    /// The canonical query string: each name and value encoded, pairs sorted by name then
    /// value in byte order, joined with `&`; a name without value is written `name=`.
    public static func canonicalQuery(_ items: [(name: String, value: String)]) -> String {
        items.map { (encode($0.name), encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.0 == rhs.0
                    ? Array(lhs.1.utf8).lexicographicallyPrecedes(Array(rhs.1.utf8))
                    : Array(lhs.0.utf8).lexicographicallyPrecedes(Array(rhs.0.utf8))
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }
}
