import Foundation
import Testing
import FaaSrStorage

/// The five SigV4 examples of the Amazon S3 API Reference (../shared/sigv4/s3-examples.md),
/// transcribed: inputs, canonical-request hashes and signatures.
@Suite struct SigV4S3ExamplesTests {
    static let signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "s3")
    static let date = AmzDate.parse("20130524T000000Z")!
    static let host = "examplebucket.s3.amazonaws.com"
    static let empty = SigV4Signer.emptyPayloadHash

    func check(_ request: SigV4Request, creqHash: String, signature: String) {
        let canonical = Self.signer.canonicalRequest(request)
        #expect(SigV4Signer.hexSHA256(Data(canonical.utf8)) == creqHash, "canonical request:\n\(canonical)")
        let sts = Self.signer.stringToSign(canonicalRequest: canonical, date: Self.date)
        #expect(Self.signer.signature(stringToSign: sts, date: Self.date) == signature)
        #expect(Self.signer.authorization(for: request, date: Self.date).hasSuffix("Signature=\(signature)"))
    }

    @Test func signingKey() {
        let key = Self.signer.signingKey(date: Self.date).withUnsafeBytes { Array($0) }
        #expect(key.map { String(format: "%02x", $0) }.joined()
                == "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378")
    }

    @Test func getObjectWithRange() {
        let request = SigV4Request(
            method: "GET", canonicalURI: SigV4Encoding.s3Path(bucket: nil, key: "test.txt"),
            headers: [("Host", Self.host), ("Range", "bytes=0-9"), ("x-amz-content-sha256", Self.empty),
                      ("x-amz-date", "20130524T000000Z")],
            payloadHash: Self.empty)
        check(request, creqHash: "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
              signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        let (_, signed) = (Self.signer.canonicalRequest(request), Self.signer.authorization(for: request, date: Self.date))
        #expect(signed.contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date"))
    }

    @Test func putObjectWithDollarInKey() {
        let body = "Welcome to Amazon S3."
        let hash = SigV4Signer.hexSHA256(Data(body.utf8))
        #expect(hash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let uri = SigV4Encoding.s3Path(bucket: nil, key: "test$file.text")
        #expect(uri == "/test%24file.text")
        let request = SigV4Request(
            method: "PUT", canonicalURI: uri,
            headers: [("Host", Self.host), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                      ("x-amz-date", "20130524T000000Z"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                      ("x-amz-content-sha256", hash)],
            payloadHash: hash)
        check(request, creqHash: "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
              signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test func getBucketLifecycle() {
        let request = SigV4Request(
            method: "GET", canonicalURI: "/", query: [("lifecycle", "")],
            headers: [("Host", Self.host), ("x-amz-content-sha256", Self.empty), ("x-amz-date", "20130524T000000Z")],
            payloadHash: Self.empty)
        check(request, creqHash: "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
              signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test func listObjects() {
        let request = SigV4Request(
            method: "GET", canonicalURI: "/", query: [("prefix", "J"), ("max-keys", "2")],
            headers: [("Host", Self.host), ("x-amz-content-sha256", Self.empty), ("x-amz-date", "20130524T000000Z")],
            payloadHash: Self.empty)
        check(request, creqHash: "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
              signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    @Test func presignedGet() {
        let query = Self.signer.presignedQuery(method: "GET", canonicalURI: "/test.txt", host: Self.host,
                                               expires: 86400, date: Self.date)
        #expect(query == "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func signedHeadersAddDateHashAndAuthorization() {
        let headers = Self.signer.signedHeaders(
            method: "GET", canonicalURI: "/test.txt", query: [],
            headers: [("Host", Self.host), ("Range", "bytes=0-9")], payloadHash: Self.empty, date: Self.date)
        let auth = headers.first { $0.name == "Authorization" }?.value
        #expect(auth?.hasSuffix("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41") == true)
    }

    @Test(arguments: [
        ("a b", "/a%20b"), ("a+b", "/a%2Bb"), ("100%", "/100%25"), ("ü", "/%C3%BC"),
        ("a/b//c", "/a/b//c"), ("/lead", "//lead"), ("./x/../y", "/./x/../y"), ("~-_.", "/~-_."),
    ])
    func s3KeysAreEncodedOnceAndNeverNormalised(key: String, expected: String) {
        #expect(SigV4Encoding.s3Path(bucket: nil, key: key) == expected)
    }

    @Test func pathStyleAddsTheBucket() {
        #expect(SigV4Encoding.s3Path(bucket: "faasr-bucket", key: "dir/a b.txt") == "/faasr-bucket/dir/a%20b.txt")
        #expect(SigV4Encoding.s3Path(bucket: "faasr-bucket", key: "") == "/faasr-bucket")
    }
}
