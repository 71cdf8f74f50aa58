import FaaSrCore

/// Small constructors that keep the JSON exports readable.
enum JSONBuild {
    static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(pairs.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
    static func int(_ n: Int) -> JSONValue { .number(JSONNumber(n)) }
    static func number(_ d: Double) -> JSONValue { .number(JSONNumber(d)) }
    static func point(_ p: CellPoint) -> JSONValue { .array([int(p.x), int(p.y)]) }
}
