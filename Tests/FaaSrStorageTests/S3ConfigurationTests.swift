import Foundation
import Testing
@testable import FaaSrStorage

@Suite struct S3ConfigurationTests {
    @Test func awsUsesVirtualHostedStyle() {
        let config = S3Configuration(bucket: "faasr-data", region: "")
        #expect(config.region == "us-east-1")
        #expect(config.addressing == .virtualHosted)
        #expect(config.origin.base == "https://faasr-data.s3.us-east-1.amazonaws.com")
        #expect(config.canonicalPath(key: "a b/c") == "/a%20b/c")
        #expect(config.canonicalPath(key: nil) == "/")
        #expect(!config.signsPayload)
    }

    @Test func dottedBucketsOnAWSFallBackToPathStyle() {
        let config = S3Configuration(bucket: "my.bucket", region: "eu-west-1")
        #expect(config.addressing == .path)
        #expect(config.origin.base == "https://s3.eu-west-1.amazonaws.com")
        #expect(config.canonicalPath(key: "k") == "/my.bucket/k")
    }

    @Test func customEndpointsUsePathStyle() {
        let config = S3Configuration(endpoint: URL(string: "http://127.0.0.1:9000")!, bucket: "b")
        #expect(config.addressing == .path)
        #expect(config.origin.hostHeader == "127.0.0.1:9000")
        #expect(config.canonicalPath(key: "/lead") == "/b//lead")
        #expect(config.canonicalPath(key: nil) == "/b")
        #expect(config.signsPayload)
        let tls = S3Configuration(endpoint: URL(string: "https://play.min.io/")!, bucket: "b")
        #expect(tls.origin.hostHeader == "play.min.io")
        #expect(!tls.signsPayload)
        let withPath = S3Configuration(endpoint: URL(string: "https://osn.example.org:8443/s3/")!, bucket: "b")
        #expect(withPath.origin.hostHeader == "osn.example.org:8443")
        #expect(withPath.canonicalPath(key: "x") == "/s3/b/x")
    }

    @Test func retryDelaysGrowAndStayBounded() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 0.1, maxDelay: 2, maxTotal: 30)
        for retry in 1...10 {
            let delay = policy.delay(beforeRetry: retry)
            let cap = min(2, 0.1 * pow(2, Double(retry - 1)))
            #expect(delay >= cap / 2 && delay <= cap)
        }
    }

    @Test func retryableErrors() {
        func service(_ status: Int, _ code: String) -> StorageError {
            .service(S3ServiceError(operation: "x", status: status, code: code, message: "", resource: "k"))
        }
        #expect(S3Client.isRetryable(service(503, "SlowDown")))
        #expect(S3Client.isRetryable(service(500, "InternalError")))
        #expect(S3Client.isRetryable(service(429, "TooManyRequests")))
        #expect(S3Client.isRetryable(service(400, "RequestTimeout")))
        #expect(!S3Client.isRetryable(service(403, "SignatureDoesNotMatch")))
        #expect(!S3Client.isRetryable(service(404, "NoSuchKey")))
        #expect(!S3Client.isRetryable(StorageError.notFound(key: "k")))
        #expect(!S3Client.isRetryable(CancellationError()))
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI")
        #expect(!"\(credentials)".contains("wJalr"))
        let store = DataStoreConfig(name: "S3", bucket: "b", accessKey: "AKID", secretKey: "wJalrXUtnFEMI")
        #expect(!"\(store)".contains("wJalr"))
    }
}
