/// A five-field cron schedule (minute hour day month weekday, UTC) checked and said in words,
/// for the `:timer set` field: `*/5 * * * *` is "every 5 minutes".
public enum CronText {
    /// A schedule that does not parse: which field, and what it allows.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// What is wrong and how to write it.
        public var description: String
    }

    private static let fields: [(name: String, range: ClosedRange<Int>)] = [
        ("minute", 0...59), ("hour", 0...23), ("day of month", 1...31), ("month", 1...12), ("weekday", 0...7),
    ]
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let months = ["", "January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]

    /// `cron` in words, or why it is not a schedule.
    public static func describe(_ cron: String) -> Result<String, Problem> {
        let parts = cron.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 5 else {
            return .failure(Problem(description: "a schedule has 5 fields (minute hour day month weekday), not \(parts.count): e.g. */5 * * * *"))
        }
        for (i, p) in parts.enumerated() {
            if let problem = check(p, fields[i]) { return .failure(problem) }
        }
        let (m, h, dom, mon, dow) = (parts[0], parts[1], parts[2], parts[3], parts[4])
        var when: String
        switch (m, h) {
        case ("*", "*"): when = "every minute"
        case _ where m.hasPrefix("*/") && h == "*": when = "every \(m.dropFirst(2)) minutes"
        case _ where Int(m) != nil && h == "*": when = "every hour at minute \(m)"
        case _ where Int(m) != nil && h.hasPrefix("*/"): when = "every \(h.dropFirst(2)) hours at minute \(m)"
        case _ where Int(m) != nil && Int(h) != nil: when = "at \(two(h)):\(two(m)) UTC"
        default: when = "at minute \(m) of hour \(h)"
        }
        if m.hasPrefix("*/"), m == "*/1" { when = "every minute" }
        var days: [String] = []
        if dow != "*" { days.append("on " + list(dow) { weekdays[$0] }) }
        if dom != "*" { days.append("on day \(dom) of the month") }
        if mon != "*" { days.append("in " + list(mon) { months[$0] }) }
        if days.isEmpty, Int(h) != nil, Int(m) != nil { days.append("every day") }
        return .success(([when] + days).joined(separator: " "))
    }

    private static func two(_ s: String) -> String { s.count == 1 ? "0" + s : s }

    /// `1,3` → "Monday and Wednesday"; ranges and steps stay as written.
    private static func list(_ field: String, _ name: (Int) -> String) -> String {
        let items = field.split(separator: ",").map { item -> String in
            if let n = Int(item) { return name(n) }
            let ends = item.split(separator: "-").compactMap { Int($0) }
            if ends.count == 2, !item.contains("/") { return "\(name(ends[0])) to \(name(ends[1]))" }
            return String(item)
        }
        return items.count > 1 ? items.dropLast().joined(separator: ", ") + " and " + items.last! : items[0]
    }

    private static func check(_ part: String, _ field: (name: String, range: ClosedRange<Int>)) -> Problem? {
        let bad = Problem(description: "the \(field.name) field '\(part)' is not \(field.range.lowerBound)–\(field.range.upperBound), *, */N, A-B or a list A,B")
        for item in part.split(separator: ",", omittingEmptySubsequences: false) {
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2 else { return bad }
            if stepParts.count == 2 { guard let s = Int(stepParts[1]), s > 0 else { return bad } }
            let base = stepParts[0]
            if base == "*" { continue }
            let ends = base.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count) else { return bad }
            for e in ends { guard let n = Int(e), field.range.contains(n) else { return bad } }
            if ends.count == 2, Int(ends[0])! > Int(ends[1])! { return bad }
        }
        return nil
    }
}
