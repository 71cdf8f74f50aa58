/// Converts a five-field cron expression (minute hour day-of-month month day-of-week, UTC,
/// as `faasr timer` takes it) to an EventBridge schedule `cron(m h dom mon dow year)`.
///
/// FaaSr appends the year and puts `?` in one day field but leaves day-of-week numbers as
/// they are, although EventBridge counts 1–7 from Sunday and cron 0–6 (spec/platforms.md §6):
/// `0 9 * * 1` ran on Sundays. Here day-of-week values become names (`MON`), so they mean
/// what cron means. Cron's "day-of-month OR day-of-week" when both are set cannot be written
/// for EventBridge and is refused.
public enum EventBridgeCron {
    /// A cron expression EventBridge cannot express; the message says why and what to write.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        /// What is wrong.
        public let description: String
    }

    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// `cron(...)` for `expression`.
    public static func schedule(_ expression: String) throws(Invalid) -> String {
        let fields = expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw Invalid(description: "'\(expression)' has \(fields.count) fields; a timer needs five (minute hour day-of-month month day-of-week), e.g. '0 9 * * 1-5'")
        }
        let names = ["minute", "hour", "day-of-month", "month"]
        var out: [String] = []
        for (index, field) in fields.prefix(4).enumerated() {
            guard !field.isEmpty, field.allSatisfy({ $0.isNumber || $0.isLetter || "*,-/".contains($0) }) else {
                throw Invalid(description: "the \(names[index]) field '\(field)' of '\(expression)' may hold only numbers, names, '*', ',', '-' and '/'")
            }
            // `*/n` → `0/n` (minute, hour) or `1/n` (day, month): EventBridge's spelling.
            let start = index < 2 ? "0" : "1"
            out.append(field.hasPrefix("*/") ? start + field.dropFirst() : field)
        }
        let weekdays = try days(fields[4], expression)
        let dayRestricted = fields[2] != "*"
        switch (dayRestricted, weekdays) {
        case (_, nil):
            out.append("?")
        case (false, let list?):
            out[2] = "?"
            out.append(list)
        case (true, _?):
            throw Invalid(description: "'\(expression)' sets both a day of month and a day of week (cron runs on either); EventBridge allows only one: use '\(fields[0]) \(fields[1]) \(fields[2]) \(fields[3]) *' or '\(fields[0]) \(fields[1]) * \(fields[3]) \(fields[4])'")
        }
        out.append("*")
        return "cron(\(out.joined(separator: " ")))"
    }

    /// The day-of-week field as a list of names, or nil when it allows every day.
    private static func days(_ field: String, _ expression: String) throws(Invalid) -> String? {
        if field == "*" || field == "?" { return nil }
        var set = Set<Int>()
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw bad(field, expression) }
            var step = 1
            if pieces.count == 2 {
                guard let n = Int(pieces[1]), n >= 1 else { throw bad(field, expression) }
                step = n
            }
            let range = pieces[0]
            var low = 0, high = 6
            if range != "*" {
                let ends = range.split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count <= 2, let a = day(ends[0]) else { throw bad(field, expression) }
                low = a
                high = a
                if ends.count == 2 {
                    guard let b = day(ends[1]) else { throw bad(field, expression) }
                    high = b == 0 && a > 0 ? 7 : b
                } else if pieces.count == 2 {
                    high = 6
                }
            }
            guard low <= high else { throw bad(field, expression) }
            for d in stride(from: low, through: high, by: step) { set.insert(d % 7) }
        }
        if set.count == 7 { return nil }
        return set.sorted().map { dayNames[$0] }.joined(separator: ",")
    }

    private static func day(_ text: Substring) -> Int? {
        if let n = Int(text), (0...7).contains(n) { return n }
        return dayNames.firstIndex(of: text.uppercased())
    }

    private static func bad(_ field: String, _ expression: String) -> Invalid {
        Invalid(description: "the day-of-week field '\(field)' of '\(expression)' is not valid cron: use 0-7 (0 and 7 are Sunday) or SUN-SAT, with ',', '-' and '/', e.g. '1-5'")
    }
}
