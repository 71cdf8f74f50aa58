#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import FaaSrCore

@Suite("UTC date-times without Foundation formatters")
struct UTCDateTimeTests {
    @Test func knownMoments() {
        #expect(UTCDateTime(secondsSince1970: 0) == UTCDateTime(year: 1970, month: 1, day: 1))
        #expect(UTCDateTime(secondsSince1970: 0).weekday == 4)  // Thursday
        #expect(UTCDateTime(secondsSince1970: 951_782_400) == UTCDateTime(year: 2000, month: 2, day: 29))
        #expect(UTCDateTime(secondsSince1970: -1) == UTCDateTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        #expect(UTCDateTime(year: 2026, month: 11, day: 27, hour: 0, minute: 31, second: 1).secondsSince1970 == 1_795_739_461)
        #expect(UTCDateTime(year: 2026, month: 12, day: 31).dayOfYear == 365)
        #expect(UTCDateTime(year: 2024, month: 12, day: 31).dayOfYear == 366)
    }

    @Test func readsS3ListingTimes() {
        #expect(UTCDateTime.parseISO8601("2026-11-27T00:31:01.000Z")?.secondsSince1970 == 1_795_739_461)
        let fraction = UTCDateTime.parseISO8601("2026-11-27T00:31:01.25Z")
        #expect(fraction?.secondsSince1970 == 1_795_739_461.25)
        #expect(UTCDateTime.parseISO8601("2026-11-27T01:31:01+01:00")?.secondsSince1970 == 1_795_739_461)
        #expect(UTCDateTime.parseISO8601("2026-11-26T23:31:01-01:00")?.secondsSince1970 == 1_795_739_461)
        for bad in ["", "garbage", "2026-11-27T00:31:01", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                    "2026-11-27T24:00:00Z", "2026-11-27T00:31:01.Z", "2026-11-27T00:31:01Zjunk"] {
            #expect(UTCDateTime.parseISO8601(bad) == nil, "\(bad)")
        }
    }

    @Test func readsHTTPDates() {
        #expect(UTCDateTime.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT")?.secondsSince1970 == 784_111_777)
        for bad in ["", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 31 Feb 1994 08:49:37 GMT",
                    "Sunday, 06-Nov-94 08:49:37 GMT"] {
            #expect(UTCDateTime.parseHTTPDate(bad) == nil, "\(bad)")
        }
    }

    /// The C library's `gmtime_r` as the oracle, over 400+ years either side of 1970.
    @Test func agreesWithGmtime() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let seconds = Int.random(in: -12_000_000_000...16_000_000_000, using: &rng)
            var t = time_t(seconds)
            var tm = tm()
            gmtime_r(&t, &tm)
            let ours = UTCDateTime(secondsSince1970: Double(seconds))
            #expect(ours.year == Int(tm.tm_year) + 1900 && ours.month == Int(tm.tm_mon) + 1 && ours.day == Int(tm.tm_mday))
            #expect(ours.hour == Int(tm.tm_hour) && ours.minute == Int(tm.tm_min) && ours.second == Int(tm.tm_sec))
            #expect(ours.weekday == Int(tm.tm_wday) && ours.dayOfYear == Int(tm.tm_yday) + 1)
            #expect(ours.secondsSince1970 == Double(seconds))
        }
    }

    /// Many tasks at once (the case that crashed Foundation's formatters).
    @Test func concurrentReadsAgree() async {
        let texts = (0..<64).map { "2026-11-\(String(format: "%02d", $0 % 28 + 1))T00:31:01.000Z" }
        let results = await withTaskGroup(of: Double?.self) { g in
            for t in texts { g.addTask { UTCDateTime.parseISO8601(t)?.secondsSince1970 } }
            return await g.reduce(into: [Double?]()) { $0.append($1) }
        }
        #expect(results.count == 64 && results.allSatisfy { $0 != nil })
    }

    @Test func paddingAndRanges() {
        #expect(UTCDateTime.padded(7) == "07")
        #expect(UTCDateTime.padded(2026, 4) == "2026")
        #expect(UTCDateTime.padded(5, 4) == "0005")
        #expect(UTCDateTime.padded(123, 2) == "123")
        #expect(UTCDateTime(year: 2024, month: 2, day: 29).isValid)
        #expect(!UTCDateTime(year: 2023, month: 2, day: 29).isValid)
        #expect(!UTCDateTime(year: 2026, month: 13, day: 1).isValid)
        #expect(!UTCDateTime(year: 2026, month: 1, day: 1, hour: 24).isValid)
        #expect(UTCDateTime(year: 2026, month: 6, day: 30, hour: 23, minute: 59, second: 60).isValid)
    }
}
