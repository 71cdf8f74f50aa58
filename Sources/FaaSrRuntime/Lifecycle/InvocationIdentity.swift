import Foundation

/// InvocationTimestamp and InvocationID of the entry action (spec/runtime.md §2.4).
public enum InvocationIdentity {
    /// `%Y-%m-%dT%H-%M-%S` in UTC.
    public static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH-mm-ss"
        return f.string(from: date)
    }

    /// An ID formatted from the timestamp with a strftime format such as `%Y%m%d`.
    public static func id(fromDate timestamp: String, format: String) throws -> String {
        let p = DateFormatter()
        p.locale = Locale(identifier: "en_US_POSIX")
        p.timeZone = TimeZone(identifier: "UTC")
        p.dateFormat = "yyyy-MM-dd'T'HH-mm-ss"
        guard let date = p.date(from: timestamp) else {
            throw RuntimeFailure("FaaSr Configuration Error: InvocationTimestamp '\(timestamp)' is not %Y-%m-%dT%H-%M-%S")
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday, .nanosecond], from: date)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        var out = ""
        var it = format.makeIterator()
        while let ch = it.next() {
            guard ch == "%" else { out.append(ch); continue }
            guard let f = it.next() else { throw RuntimeFailure("FaaSr Configuration Error: Invalid date format '\(format)'") }
            switch f {
            case "Y": out += String(format: "%04d", c.year ?? 0)
            case "y": out += two((c.year ?? 0) % 100)
            case "m": out += two(c.month)
            case "d": out += two(c.day)
            case "H": out += two(c.hour)
            case "M": out += two(c.minute)
            case "S": out += two(c.second)
            case "j": out += String(format: "%03d", cal.ordinality(of: .day, in: .year, for: date) ?? 0)
            case "a": out += String(days[(c.weekday ?? 1) - 1].prefix(3))
            case "A": out += days[(c.weekday ?? 1) - 1]
            case "b": out += String(months[(c.month ?? 1) - 1].prefix(3))
            case "B": out += months[(c.month ?? 1) - 1]
            case "f": out += "000000"
            case "z": out += "+0000"
            case "Z": out += "UTC"
            case "U", "W":
                let yday = (cal.ordinality(of: .day, in: .year, for: date) ?? 1) - 1
                let wday = (c.weekday ?? 1) - 1 // Sunday = 0
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
