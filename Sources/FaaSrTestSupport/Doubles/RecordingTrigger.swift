import FaaSrPlatformAPI

/// Records trigger requests instead of sending them.
public actor RecordingTrigger: Trigger {
    /// Every request, in order.
    public private(set) var requests: [TriggerRequest] = []
    /// Creates an empty recorder.
    public init() {}
    /// Keeps `request`.
    public func trigger(_ request: TriggerRequest) async throws { requests.append(request) }
}
