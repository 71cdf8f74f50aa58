import FaaSrCore
import Foundation

/// A timer's schedule: a five-field cron expression (minute hour day-of-month month
/// day-of-week, UTC; `*`, `a-b`, `*/n`, `a-b/n`, lists, names not accepted), as FaaSr's
/// `--cron`, or `@every Ns` (seconds; for tests and short demos, not a FaaSr form).
public struct CronSchedule: Sendable, Equatable {
    /// The text it was parsed from.
    public let expression: String
    private let every: Int?
    private let minutes, hours, days, months, weekdays: Set<Int>
    private let daysRestricted, weekdaysRestricted: Bool

    /// A schedule that cannot be parsed; the message says which field and how to write it.
    public struct Invalid: Error, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// Parses `expression`.
    public init(_ expression: String) throws {
        self.expression = expression
        let text = expression.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("@every ") {
            let amount = text.dropFirst("@every ".count).trimmingCharacters(in: .whitespaces)
            guard amount.hasSuffix("s"), let n = Int(amount.dropLast()), n >= 1 else {
                throw Invalid(description: "'\(expression)': write @every Ns with a whole number of seconds, e.g. @every 10s")
            }
            every = n
            minutes = []; hours = []; days = []; months = []; weekdays = []
            daysRestricted = false; weekdaysRestricted = false
            return
        }
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else {
            throw Invalid(description: "'\(expression)' has \(fields.count) fields; a cron expression has five: minute hour day-of-month month day-of-week, e.g. '*/15 * * * *'")
        }
        every = nil
        minutes = try Self.field(fields[0], "minute", 0...59)
        hours = try Self.field(fields[1], "hour", 0...23)
        days = try Self.field(fields[2], "day-of-month", 1...31)
        months = try Self.field(fields[3], "month", 1...12)
        weekdays = Set(try Self.field(fields[4], "day-of-week", 0...7).map { $0 % 7 })
        daysRestricted = fields[2] != "*"
        weekdaysRestricted = fields[4] != "*"
    }

    private static func field(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Set<Int> {
        var out = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw Invalid(description: "\(name) '\(text)': more than one '/'") }
            var step = 1
            if pieces.count == 2 {
                guard let s = Int(pieces[1]), s >= 1 else { throw Invalid(description: "\(name) '\(text)': the step after '/' must be a positive number") }
                step = s
            }
            let base = pieces[0]
            var low = range.lowerBound, high = range.upperBound
            if base != "*" {
                let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(bounds.count), let a = Int(bounds[0]), let b = Int(bounds.last!) else {
                    throw Invalid(description: "\(name) '\(text)': write a number, a range a-b, * or */n (names such as MON are not accepted)")
                }
                low = a
                high = bounds.count == 2 || pieces.count == 2 ? (bounds.count == 2 ? b : range.upperBound) : a
            }
            guard range.contains(low), range.contains(high), low <= high else {
                throw Invalid(description: "\(name) '\(text)': values must lie in \(range.lowerBound)–\(range.upperBound)")
            }
            out.formUnion(stride(from: low, through: high, by: step))
        }
        return out
    }

    /// The first time after `date` that the schedule fires.
    public func next(after date: Date) -> Date {
        if let every { return date.addingTimeInterval(TimeInterval(every)) }
        var t = (Int(date.timeIntervalSince1970) / 60 + 1) * 60
        let limit = t + 5 * 366 * 86_400
        while t < limit {
            let c = UTCDateTime(secondsSince1970: TimeInterval(t))
            guard months.contains(c.month) else { t = Self.startOfNextMonth(c); continue }
            let dayOK: Bool
            switch (daysRestricted, weekdaysRestricted) {
            case (true, true): dayOK = days.contains(c.day) || weekdays.contains(c.weekday)
            case (true, false): dayOK = days.contains(c.day)
            case (false, true): dayOK = weekdays.contains(c.weekday)
            case (false, false): dayOK = true
            }
            guard dayOK else { t = (t / 86_400 + 1) * 86_400; continue }
            guard hours.contains(c.hour) else { t = (t / 3600 + 1) * 3600; continue }
            if minutes.contains(c.minute) { return Date(timeIntervalSince1970: TimeInterval(t)) }
            t += 60
        }
        return Date(timeIntervalSince1970: TimeInterval(limit))
    }

    private static func startOfNextMonth(_ c: UTCDateTime) -> Int {
        let year = c.month == 12 ? c.year + 1 : c.year
        let month = c.month == 12 ? 1 : c.month + 1
        return Int(UTCDateTime(year: year, month: month, day: 1).secondsSince1970)
    }
}
