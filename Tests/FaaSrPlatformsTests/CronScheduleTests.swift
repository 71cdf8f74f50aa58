import FaaSrPlatforms
import Foundation
import Testing

@Suite struct CronScheduleTests {
    func date(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    @Test func everyFifteenMinutes() throws {
        let c = try CronSchedule("*/15 * * * *")
        #expect(c.next(after: date("2026-12-05T08:31:10Z")) == date("2026-12-05T08:45:00Z"))
        #expect(c.next(after: date("2026-12-05T23:50:00Z")) == date("2026-12-06T00:00:00Z"))
    }

    @Test func dayOfWeekAndMonth() throws {
        // 06:30 on Mondays (2026-12-07 is a Monday).
        #expect(try CronSchedule("30 6 * * 1").next(after: date("2026-12-05T08:00:00Z")) == date("2026-12-07T06:30:00Z"))
        // Midnight on the first of February.
        #expect(try CronSchedule("0 0 1 2 *").next(after: date("2026-12-05T08:00:00Z")) == date("2027-02-01T00:00:00Z"))
        // Ranges and lists.
        #expect(try CronSchedule("5,10-12 9 * * *").next(after: date("2026-12-05T09:06:00Z")) == date("2026-12-05T09:10:00Z"))
    }

    @Test func everySeconds() throws {
        #expect(try CronSchedule("@every 5s").next(after: date("2026-12-05T08:00:00Z")) == date("2026-12-05T08:00:05Z"))
    }

    @Test func badExpressionsSayWhatToWrite() {
        for (text, part) in [("* * *", "five"), ("61 * * * *", "0–59"), ("*/0 * * * *", "positive"), ("* * * * MON", "names"), ("@every 5m", "seconds")] {
            #expect(throws: CronSchedule.Invalid.self) { try CronSchedule(text) }
            do { _ = try CronSchedule(text) } catch { #expect("\(error)".contains(part), "\(text): \(error)") }
        }
    }
}
