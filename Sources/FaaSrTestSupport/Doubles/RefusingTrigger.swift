import FaaSrPlatformAPI

/// A trigger that accepts the first `accept` requests and then refuses, as a platform that
/// answers an error (GitHub's 404 "Cannot find the destination", 422, ...).
public actor RefusingTrigger: Trigger {
    /// The refusal: its description is the platform's message.
    public struct Refusal: Error, CustomStringConvertible {
        /// The platform's message.
        public let description: String
    }

    /// How many requests are accepted before the refusals start.
    public let accept: Int
    /// The message every refusal carries.
    public let message: String
    /// The accepted requests, in order.
    public private(set) var accepted: [TriggerRequest] = []

    /// A trigger accepting `accept` requests, then refusing with `message`.
    public init(accept: Int, message: String) {
        self.accept = accept
        self.message = message
    }

    /// Accepts `request`, or throws a ``Refusal`` once `accept` requests were taken.
    public func trigger(_ request: TriggerRequest) async throws {
        guard accepted.count < accept else { throw Refusal(description: message) }
        accepted.append(request)
    }
}
