@testable import FaaSrCore

/// A small deterministic generator (SplitMix64) for building JSON values from one seed, so a
/// property test can shrink and replay a case by its seed alone.
struct SeededJSON {
    private var state: UInt64

    init(seed: Int) { state = UInt64(bitPattern: Int64(seed)) &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }

    private static let scalarPool: [Unicode.Scalar] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "ß", "€", "中",
        "\u{301}", "\u{200B}", "\u{FEFF}", "😀", "\u{10FFFF}", "{", "}", "[", "]", ":", ",",
    ]

    mutating func string() -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<int(12) { s.append(Self.scalarPool[int(Self.scalarPool.count)]) }
        return String(s)
    }

    private static let numberPool = [
        "0", "-0", "5", "1.0", "-12.50", "1e3", "1E+3", "2.5e-7", "123456789012345678901234567890", "0.1",
        "-9007199254740993", "1.7976931348623157e308",
    ]

    mutating func number() -> JSONNumber {
        if int(2) == 0 { return JSONNumber(text: Self.numberPool[int(Self.numberPool.count)]) }
        return JSONNumber(int(2_000_001) - 1_000_000)
    }

    mutating func value(depth: Int = 0) -> JSONValue {
        let kinds = depth >= 4 ? 4 : 6
        switch int(kinds) {
        case 0: return .null
        case 1: return .bool(int(2) == 0)
        case 2: return .number(number())
        case 3: return .string(string())
        case 4: return .array((0..<int(5)).map { _ in value(depth: depth + 1) })
        default:
            var members: [JSONObject.Member] = []
            for _ in 0..<int(5) {
                // Reuse a key now and then: duplicates must survive too.
                let key = members.isEmpty || int(5) > 0 ? string() : members[int(members.count)].key
                members.append(JSONObject.Member(key: key, value: value(depth: depth + 1)))
            }
            return .object(JSONObject(members))
        }
    }

    mutating func format() -> JSONFormat {
        let indents: [String?] = [nil, "  ", "    ", "\t", " "]
        return JSONFormat(indent: indents[int(indents.count)], lineEnding: int(2) == 0 ? "\n" : "\r\n",
                          trailingNewline: int(2) == 0, spaceAfterColon: int(2) == 0)
    }
}
