import FaaSrCore

/// An invocation `:monitor` offers: one this designer started (`:invoke`), or one found in the
/// logging store (`faasr status --list --json`).
public struct RecentInvocation: Equatable, Sendable {
    /// The InvocationID.
    public var id: String
    /// When it started, as `YYYY-MM-DDTHH-MM-SS` (the logging store's folder name; "" unknown).
    public var timestamp: String
    /// Whether this designer started it.
    public var startedHere: Bool

    /// Creates one (a timestamp with `:` is written with `-`, as the store writes it).
    public init(id: String, timestamp: String, startedHere: Bool) {
        self.id = id
        self.timestamp = String(timestamp.prefix(19).map { $0 == ":" ? "-" : $0 })
        self.startedHere = startedHere
    }

    /// The picker's line: the id first (the choice is read back from it).
    public var line: String {
        id + "  " + (timestamp.isEmpty ? "" : timestamp + " UTC") + (startedHere ? "  · started here" : "")
    }

    /// The invocations `faasr status --list --json` printed.
    public static func parse(_ text: String) -> [RecentInvocation]? {
        guard let start = text.firstIndex(of: "["), let list = (try? JSONParser.parse(Array(text[start...].utf8)))?.arrayValue else { return nil }
        return list.compactMap { v in
            v["InvocationID"]?.stringValue.map { RecentInvocation(id: $0, timestamp: v["Timestamp"]?.stringValue ?? "", startedHere: false) }
        }
    }

    /// `started` and `found` as one list, newest first, each id once (started here wins).
    public static func merge(started: [RecentInvocation], found: [RecentInvocation]) -> [RecentInvocation] {
        var seen = Set<String>(), out: [RecentInvocation] = []
        for r in started + found where seen.insert(r.id).inserted { out.append(r) }
        // Stable: equal (or unknown) timestamps keep started-here first.
        return out.enumerated().sorted { a, b in
            a.element.timestamp != b.element.timestamp ? a.element.timestamp > b.element.timestamp : a.offset < b.offset
        }.map(\.element)
    }
}
