import Foundation

/// When and how long to wait before repeating a failed idempotent request.
///
/// Delays grow exponentially from ``baseDelay`` up to ``maxDelay`` with "equal jitter"
/// (half fixed, half random), so clients that failed together do not retry together. No
/// more than ``maxAttempts`` tries are made, and no retry starts once ``maxTotal`` seconds
/// have passed since the first try.
public struct RetryPolicy: Sendable, Hashable {
    /// Tries in all, the first included.
    public var maxAttempts: Int
    /// Delay before the first retry (seconds, before jitter).
    public var baseDelay: TimeInterval
    /// Upper bound of one delay (seconds).
    public var maxDelay: TimeInterval
    /// Time budget for all tries of one request (seconds).
    public var maxTotal: TimeInterval

    /// Creates a policy.
    public init(maxAttempts: Int = 6, baseDelay: TimeInterval = 0.2, maxDelay: TimeInterval = 8,
                maxTotal: TimeInterval = 120) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotal = maxTotal
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The delay before retry number `retry` (1 for the first retry).
    public func delay(beforeRetry retry: Int) -> TimeInterval {
        let exponential = min(maxDelay, baseDelay * pow(2, Double(max(0, retry - 1))))
        return exponential / 2 + Double.random(in: 0...(exponential / 2))
    }
}
