import Foundation
import Testing
import FaaSrStorage

/// Every case of the classic AWS SigV4 test suite (Tests/Fixtures/sigv4): canonical request,
/// string to sign and `Authorization` header must match byte for byte.
@Suite struct SigV4SuiteTests {
    @Test func amzDateRoundTripsAndRejectsImpossibleDates() {
        let d = AmzDate.parse("20150830T123600Z")!
        #expect(d.timeIntervalSince1970 == 1_440_938_160)
        #expect(AmzDate.timestamp(d) == "20150830T123600Z")
        #expect(AmzDate.day(d) == "20150830")
        #expect(AmzDate.parse("20150230T123600Z") == nil)
        #expect(AmzDate.parse("20151330T123600Z") == nil)
        #expect(AmzDate.parse("20150830T243600Z") == nil)
        #expect(AmzDate.parse("20150830 123600Z") == nil)
    }

    static let suiteRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        url.deleteLastPathComponent()
        return url.appendingPathComponent("Fixtures/sigv4/aws-sig-v4-test-suite")
    }()

    static let cases: [String] = [
        "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order",
        "get-header-value-trim", "get-unreserved", "get-utf8", "get-vanilla", "get-vanilla-empty-query-key",
        "get-vanilla-query", "get-vanilla-query-order-key", "get-vanilla-query-order-key-case",
        "get-vanilla-query-order-value", "get-vanilla-query-unreserved", "get-vanilla-utf8-query",
        "normalize-path/get-relative", "normalize-path/get-relative-relative", "normalize-path/get-slash",
        "normalize-path/get-slash-dot-slash", "normalize-path/get-slash-pointless-dot",
        "normalize-path/get-slashes", "normalize-path/get-space", "post-header-key-case",
        "post-header-key-sort", "post-header-value-case", "post-sts-token/post-sts-header-after",
        "post-sts-token/post-sts-header-before", "post-vanilla", "post-vanilla-empty-query-value",
        "post-vanilla-query", "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
    ]

    static let signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")
    static let date = AmzDate.parse("20150830T123600Z")!

    static func file(_ name: String, _ ext: String) throws -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let url = suiteRoot.appendingPathComponent(name).appendingPathComponent("\(base).\(ext)")
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    @Test func suiteIsComplete() throws {
        let found = try FileManager.default.subpathsOfDirectory(atPath: Self.suiteRoot.path)
            .filter { $0.hasSuffix(".req") }
        #expect(found.count == Self.cases.count)
    }

    @Test(arguments: cases)
    func vector(_ name: String) throws {
        let request = try RawRequest(parsing: try Self.file(name, "req"))
        let signed = SigV4Request(
            method: request.method, canonicalURI: SigV4Encoding.normalizedPath(request.path),
            query: request.query, headers: request.headers,
            payloadHash: SigV4Signer.hexSHA256(Data(request.body.utf8)))
        let canonical = Self.signer.canonicalRequest(signed)
        #expect(canonical == (try Self.file(name, "creq")))
        let sts = Self.signer.stringToSign(canonicalRequest: canonical, date: Self.date)
        #expect(sts == (try Self.file(name, "sts")))
        #expect(Self.signer.authorization(for: signed, date: Self.date) == (try Self.file(name, "authz")))
    }

    @Test func signingKeyOfTheSuite() {
        // get-vanilla: known string-to-sign hash and signature (../shared/sigv4/README.md).
        let sts = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
        #expect(Self.signer.signature(stringToSign: sts, date: Self.date)
                == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }
}

/// A raw HTTP request of the suite's `.req` format.
struct RawRequest {
    var method: String
    var path: String
    var query: [(name: String, value: String)]
    var headers: [(name: String, value: String)]
    var body: String

    struct Malformed: Error {}

    init(parsing text: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, let space = first.firstIndex(of: " "),
              let httpRange = first.range(of: " HTTP/", options: .backwards) else { throw Malformed() }
        method = String(first[..<space])
        let target = String(first[first.index(after: space)..<httpRange.lowerBound])
        if let q = target.firstIndex(of: "?") {
            path = String(target[..<q])
            query = target[target.index(after: q)...].split(separator: "&").map { pair -> (name: String, value: String) in
                if let eq = pair.firstIndex(of: "=") {
                    return (String(pair[..<eq]), String(pair[pair.index(after: eq)...]))
                }
                return (String(pair), "")
            }
        } else {
            path = target
            query = []
        }
        headers = []
        var index = 1
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            if line.first == " " || line.first == "\t", let last = headers.last {
                headers.append((last.name, line)) // continuation: another value of the same header
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            } else {
                throw Malformed()
            }
            index += 1
        }
        body = index + 1 < lines.count ? lines[(index + 1)...].joined(separator: "\n") : ""
    }
}
