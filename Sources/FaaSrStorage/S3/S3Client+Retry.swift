import AsyncHTTPClient
import Foundation
import Logging

extension S3Client {
    /// Runs `body` until it succeeds, fails for good, or the ``RetryPolicy`` is used up.
    /// `body` receives the try number (1-based). Errors that retrying cannot fix are thrown
    /// at once; after the last try a transport error becomes ``StorageError/transport(operation:reason:attempts:)``
    /// and a service error carries the number of attempts.
    func withRetries<T: Sendable>(_ operation: String, resource: String,
                                  _ body: (Int) async throws -> T) async throws -> T {
        let policy = configuration.retry
        let start = Date()
        var attempt = 1
        while true {
            do {
                let value = try await body(attempt)
                if attempt > 1 {
                    logger.notice("S3 \(operation) '\(resource)' succeeded after \(attempt - 1) retr\(attempt == 2 ? "y" : "ies")")
                }
                return value
            } catch {
                guard Self.isRetryable(error) else { throw Self.finalError(error, operation, resource, attempts: attempt) }
                let delay = policy.delay(beforeRetry: attempt)
                let elapsed = Date().timeIntervalSince(start)
                guard attempt < policy.maxAttempts, elapsed + delay <= policy.maxTotal else {
                    logger.warning("S3 \(operation) '\(resource)' failed after \(attempt) attempt\(attempt == 1 ? "" : "s"): \(Self.describe(error))")
                    throw Self.finalError(error, operation, resource, attempts: attempt)
                }
                logger.notice("S3 \(operation) '\(resource)': \(Self.describe(error)); retry \(attempt) of \(policy.maxAttempts - 1) in \(String(format: "%.2f", delay)) s")
                retries.add(1)
                try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                attempt += 1
            }
        }
    }

    /// Whether another try may succeed.
    static func isRetryable(_ error: any Error) -> Bool {
        switch error {
        case StorageError.service(let service):
            return [429, 500, 502, 503, 504].contains(service.status)
                || ["SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling",
                    "ThrottlingException", "RequestLimitExceeded", "ConditionalRequestConflict"].contains(service.code)
        case StorageError.incomplete:
            return true
        case is StorageError, is CancellationError:
            return false
        case let http as HTTPClientError:
            let permanent: [HTTPClientError] = [.invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .cancelled,
                                                .missingSocketPath]
            return !permanent.contains(http) && !"\(http)".contains("unsupportedScheme")
        default:
            // Connection refused or reset, broken pipe, TLS and channel errors: the network.
            return true
        }
    }

    static func finalError(_ error: any Error, _ operation: String, _ resource: String, attempts: Int) -> any Error {
        switch error {
        case StorageError.service(var service):
            service.attempts = attempts
            return StorageError.service(service)
        case is StorageError, is CancellationError:
            return error
        default:
            return StorageError.transport(operation: "\(operation) '\(resource)'", reason: describe(error), attempts: attempts)
        }
    }

    /// A short text for an error of any layer.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let storage as StorageError: return storage.description
        case let http as HTTPClientError: return "\(http)"
        default: return String(describing: error)
        }
    }
}
