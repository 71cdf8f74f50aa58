import Foundation

/// Errors of the storage layer. Each says what failed, on which key, and why.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// There is no object at `key`.
    case notFound(key: String)
    /// The key cannot be used with this store (for example `..` in a local-folder key).
    case invalidKey(key: String, reason: String)
    /// A local file could not be read or written.
    case localFile(path: String, reason: String)
    /// The server answered with an S3 error.
    case service(S3ServiceError)
    /// The request never got a usable answer (connection refused or reset, timeout),
    /// after `attempts` tries.
    case transport(operation: String, reason: String, attempts: Int)
    /// The store is misconfigured (bad endpoint, missing credentials, unknown store name).
    case configuration(String)
    /// A download ended early or with the wrong length.
    case incomplete(key: String, expected: Int64, received: Int64)

    /// A one-line, human-readable explanation.
    public var description: String {
        switch self {
        case .notFound(let key):
            return "no object at key '\(key)'"
        case .invalidKey(let key, let reason):
            return "invalid key '\(key)': \(reason)"
        case .localFile(let path, let reason):
            return "local file '\(path)': \(reason)"
        case .service(let error):
            return error.description
        case .transport(let operation, let reason, let attempts):
            let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
            return "\(operation) failed after \(tries): \(reason)"
        case .configuration(let message):
            return "storage configuration: \(message)"
        case .incomplete(let key, let expected, let received):
            return "download of '\(key)' incomplete: received \(received) of \(expected) bytes"
        }
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}

/// An error answer from an S3 server: HTTP status plus the S3 `Code` and `Message`.
public struct S3ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation that failed (for example `PutObject`).
    public var operation: String
    /// The HTTP status code.
    public var status: Int
    /// The S3 error code (`NoSuchKey`, `SignatureDoesNotMatch`, ...), or the HTTP reason
    /// phrase when the body held none (HEAD answers have no body).
    public var code: String
    /// The S3 error message, possibly empty.
    public var message: String
    /// The key or bucket involved.
    public var resource: String
    /// The server's request id, when given.
    public var requestID: String?
    /// Attempts made (more than 1 when the error was retried).
    public var attempts: Int

    /// Creates a service error.
    public init(operation: String, status: Int, code: String, message: String, resource: String,
                requestID: String? = nil, attempts: Int = 1) {
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        self.resource = resource
        self.requestID = requestID
        self.attempts = attempts
    }

    /// A one-line explanation.
    public var description: String {
        var text = "\(operation) '\(resource)': HTTP \(status) \(code)"
        if !message.isEmpty { text += ": \(message)" }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }
}
