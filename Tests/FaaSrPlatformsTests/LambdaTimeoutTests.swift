import FaaSrCore
@testable import FaaSrPlatforms
import FaaSrPlatformAPI
import FaaSrStorage
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An endpoint that takes connections and never answers: reads time out, safe requests are
/// tried again, and the error says to check the endpoint.
@Suite struct LambdaTimeoutTests {
    /// A socket on 127.0.0.1 that listens but never accepts (the kernel completes connects).
    final class SilentListener: @unchecked Sendable {
        let fd: Int32
        let port: UInt16
        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            guard ok else { close(fd); throw CocoaError(.fileReadUnknown) }
            port = UInt16(bigEndian: address.sin_port)
        }
        deinit { close(fd) }
    }

    @Test func aSilentEndpointTimesOutAndSaysWhatToCheck() async throws {
        let silent = try SilentListener()
        let context = PlatformContext(
            serverName: "AWS", server: LambdaTestFixture.server("us-east-1"), workflowName: "w",
            secrets: ["AWS_AccessKey": "AKIAEXAMPLE", "AWS_SecretKey": "example-secret"],
            environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(silent.port)"])
        let http = PlatformHTTP(serverName: "AWS", retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.05, maxTotal: 60),
                                connectTimeout: 1, readTimeout: 1)
        let platform = try LambdaPlatform(context: context, http: http)
        let read = await #expect(throws: PlatformError.self) { try await platform.checkCredentials() }
        // Two tries unless the 20 s budget ran out first (a loaded machine).
        #expect(read?.message.contains("no answer after") == true)
        #expect(read?.message.contains("check that the endpoint http://127.0.0.1:\(silent.port) is right and reachable") == true)
        // An invoke is not repeated: the first may have started the action.
        let invoke = await #expect(throws: PlatformError.self) { try await platform.submit(LambdaTestFixture.request("w", "a")) }
        #expect(invoke?.message.contains("no answer after 1 try") == true)
        #expect(invoke?.description.contains("example-secret") == false)
    }
}
