import FaaSrCore
import Foundation

/// InvocationTimestamp and InvocationID of the entry action (spec/runtime.md §2.4).
public enum InvocationIdentity {
    /// `%Y-%m-%dT%H-%M-%S` in UTC.
    public static func timestamp(_ date: Date) -> String {
        let t = UTCDateTime(secondsSince1970: date.timeIntervalSince1970)
        return "\(pad(t.year, 4))-\(pad(t.month))-\(pad(t.day))T\(pad(t.hour))-\(pad(t.minute))-\(pad(t.second))"
    }

    /// Zero-padded decimal (no Foundation formatters: they are not safe to create concurrently on
    /// Linux, see ``UTCDateTime``).
    static func pad(_ n: Int, _ width: Int = 2) -> String { UTCDateTime.padded(n, width) }

    /// An ID formatted from the timestamp with a strftime format such as `%Y%m%d`.
    public static func id(fromDate timestamp: String, format: String) throws -> String {
        let parts = timestamp.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 8,
              let c = UTCDateTime.parseISO8601("\(parts[0])T\(parts[1].replacingOccurrences(of: "-", with: ":"))Z")
        else {
            throw RuntimeFailure("FaaSr Configuration Error: InvocationTimestamp '\(timestamp)' is not %Y-%m-%dT%H-%M-%S")
        }
        func two(_ n: Int) -> String { pad(n) }
        let days = UTCDateTime.weekdayNames
        let months = UTCDateTime.fullMonthNames
        var out = ""
        var it = format.makeIterator()
        while let ch = it.next() {
            guard ch == "%" else { out.append(ch); continue }
            guard let f = it.next() else { throw RuntimeFailure("FaaSr Configuration Error: Invalid date format '\(format)'") }
            switch f {
            case "Y": out += pad(c.year, 4)
            case "y": out += two(c.year % 100)
            case "m": out += two(c.month)
            case "d": out += two(c.day)
            case "H": out += two(c.hour)
            case "M": out += two(c.minute)
            case "S": out += two(c.second)
            case "j": out += pad(c.dayOfYear, 3)
            case "a": out += String(days[c.weekday].prefix(3))
            case "A": out += days[c.weekday]
            case "b": out += String(months[c.month - 1].prefix(3))
            case "B": out += months[c.month - 1]
            case "f": out += "000000"
            case "z": out += "+0000"
            case "Z": out += "UTC"
            case "U", "W":
                let yday = c.dayOfYear - 1
                let wday = c.weekday  // Sunday = 0
                let n = f == "U" ? (yday + 7 - wday) / 7 : (yday + 7 - ((wday + 6) % 7)) / 7
                out += two(n)
            case "%": out += "%"
            case "-": out += "-"
            default: throw RuntimeFailure("FaaSr Configuration Error: Invalid date format '\(format)' (unknown %\(f))")
            }
        }
        return out
    }
}
