import FaaSrCore
import FaaSrStorage

/// The invocations of a workflow found in its logging store (`<FaaSrLog>/<WorkflowName>/
/// <timestamp>/<InvocationID>/`), newest first: what `faasr status --list` prints and the
/// designer's `:monitor` offers.
public struct InvocationListing: Equatable, Sendable {
    /// The folder timestamp (`2026-12-05T22-00-00`).
    public var timestamp: String
    /// The InvocationID.
    public var id: String

    /// At most `limit` invocations of `target`, newest first.
    public static func list(_ target: ControlTarget, store: any ObjectStore, limit: Int = 20) async throws -> [InvocationListing] {
        var out: [InvocationListing] = []
        for stamp in try await timestamps(target, store: store).reversed() where out.count < limit {
            let ids = try await self.ids(target, store: store, timestamp: stamp)
            out += ids.reversed().prefix(limit - out.count).map { InvocationListing(timestamp: stamp, id: $0) }
        }
        return out
    }

    /// The invocation timestamp folders under the workflow's log root, oldest first.
    static func timestamps(_ target: ControlTarget, store: any ObjectStore) async throws -> [String] {
        let root = target.logRoot + "/"
        return try await store.list(prefix: root, delimiter: "/").commonPrefixes
            .map { String($0.dropFirst(root.count).dropLast()) }
            .filter { $0.count == 19 && $0.dropFirst(10).first == "T" }
            .sorted()
    }

    /// The InvocationIDs in the folder of `timestamp`, in the store's (key) order.
    static func ids(_ target: ControlTarget, store: any ObjectStore, timestamp: String) async throws -> [String] {
        let prefix = target.logRoot + "/" + timestamp + "/"
        return try await store.list(prefix: prefix, delimiter: "/").commonPrefixes.map { String($0.dropFirst(prefix.count).dropLast()) }
    }

    /// The listing as JSON: `[{"InvocationID": ..., "Timestamp": ...}, ...]`.
    public static func json(_ list: [InvocationListing]) -> String {
        JSONPrinter.print(.array(list.map { .object(JSONObject([.init(key: "InvocationID", value: .string($0.id)), .init(key: "Timestamp", value: .string($0.timestamp))])) }))
    }

    /// The listing as text: one `TIMESTAMP  ID` line each.
    public static func table(_ list: [InvocationListing], workflow: String) -> String {
        list.isEmpty ? "\(workflow) has no invocations in the logging store yet" : list.map { "\($0.timestamp)  \($0.id)" }.joined(separator: "\n")
    }
}
