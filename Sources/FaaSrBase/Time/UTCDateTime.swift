/// A moment in UTC as calendar fields (proleptic Gregorian), converted to and from seconds
/// since 1970 by arithmetic alone.
///
/// Foundation's `DateFormatter`, `ISO8601DateFormatter` and `Calendar` on Linux create
/// CoreFoundation locale and calendar objects whose shared caches are not safe under
/// concurrency (a test run crashed in `CFLocaleCreateLocaleIdentifierFromComponents` while S3
/// listings were parsed on many tasks at once). Timestamps in S3 and FaaSr are all fixed
/// UTC formats, so they are read and written here without any of that.
public struct UTCDateTime: Equatable, Hashable, Sendable {
    /// The year (e.g. 2026).
    public var year: Int
    /// 1...12.
    public var month: Int
    /// 1...31.
    public var day: Int
    /// 0...23.
    public var hour: Int
    /// 0...59.
    public var minute: Int
    /// 0...60 (60 only for a leap second as written).
    public var second: Int
    /// Fraction of the second, 0 ..< 1.
    public var fraction: Double

    /// A moment from its fields.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, fraction: Double = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.fraction = fraction
    }

    /// The moment `seconds` after 1970-01-01T00:00:00Z.
    public init(secondsSince1970 seconds: Double) {
        let whole = seconds.rounded(.down)
        let total = Int(whole)
        let days = total >= 0 ? total / 86_400 : -((-total + 86_399) / 86_400)
        let rest = total - days * 86_400
        let (y, m, d) = Self.civil(fromDays: days)
        self.init(year: y, month: m, day: d, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60,
                  fraction: seconds - whole)
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Double {
        Double(Self.days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second) + fraction
    }

    /// `n` in decimal, zero-padded to `width` digits (as `%02d`, `%04d`).
    public static func padded(_ n: Int, _ width: Int = 2) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// True when every field is in range for its month and year (seconds up to 60).
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= Self.daysInMonth(year, month)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
            && fraction >= 0 && fraction < 1
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSince1970: Int { Self.days(fromCivil: year, month, day) }

    /// 0 = Sunday ... 6 = Saturday.
    public var weekday: Int {
        let d = daysSince1970 % 7
        return (d + 4 + 7) % 7  // 1970-01-01 was a Thursday
    }

    /// 1-based day of the year.
    public var dayOfYear: Int { daysSince1970 - Self.days(fromCivil: year, 1, 1) + 1 }

    // MARK: - Reading

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (RFC 3339, as S3's XML writes
    /// `LastModified`); the result is in UTC.
    public static func parseISO8601(_ text: String) -> UTCDateTime? {
        var r = Reader(text)
        guard let y = r.digits(4), r.take("-"), let mo = r.digits(2), r.take("-"), let d = r.digits(2),
              r.take("T") || r.take("t") || r.take(" "),
              let h = r.digits(2), r.take(":"), let mi = r.digits(2), r.take(":"), let s = r.digits(2)
        else { return nil }
        var fraction = 0.0
        if r.take(".") {
            guard let f = r.fraction() else { return nil }
            fraction = f
        }
        var offset = 0
        if r.take("Z") || r.take("z") {
        } else if let sign = r.sign() {
            guard let oh = r.digits(2), r.take(":") || true, let om = r.digits(2) else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard r.atEnd, let t = UTCDateTime(checking: y, mo, d, h, mi, s, fraction) else { return nil }
        return offset == 0 ? t : UTCDateTime(secondsSince1970: t.secondsSince1970 - Double(offset))
    }

    /// Reads an HTTP date, `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 IMF-fixdate, as S3's
    /// `Last-Modified` header writes it).
    public static func parseHTTPDate(_ text: String) -> UTCDateTime? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), parts[5] == "GMT" || parts[5] == "UTC",
              let d = Int(parts[1]), parts[1].count == 2,
              let mo = monthNames.firstIndex(of: String(parts[2])).map({ $0 + 1 }),
              let y = Int(parts[3]), parts[3].count == 4
        else { return nil }
        let hms = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 3, hms.allSatisfy({ $0.count == 2 }),
              let h = Int(hms[0]), let mi = Int(hms[1]), let s = Int(hms[2])
        else { return nil }
        return UTCDateTime(checking: y, mo, d, h, mi, s, 0)
    }

    /// English month abbreviations, January first.
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// English weekday names, Sunday first.
    public static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    /// English month names, January first.
    public static let fullMonthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]

    private init?(checking y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, _ fraction: Double) {
        guard (1...12).contains(mo), d >= 1, d <= Self.daysInMonth(y, mo), (0...23).contains(h), (0...59).contains(mi),
              (0...60).contains(s)
        else { return nil }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi, second: s, fraction: fraction)
    }

    /// Days in a month of a year.
    public static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - Civil calendar arithmetic (eras of 400 years, years starting in March)

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12  // March = 0
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// A cursor over ASCII text for the fixed-format readers above.
private struct Reader {
    let bytes: [UInt8]
    var i = 0
    init(_ text: String) { bytes = Array(text.utf8) }
    var atEnd: Bool { i == bytes.count }

    mutating func take(_ c: Character) -> Bool {
        guard i < bytes.count, let a = c.asciiValue, bytes[i] == a else { return false }
        i += 1
        return true
    }

    mutating func digits(_ n: Int) -> Int? {
        guard i + n <= bytes.count else { return nil }
        var v = 0
        for k in i..<(i + n) {
            let b = bytes[k]
            guard b >= 48, b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        i += n
        return v
    }

    mutating func fraction() -> Double? {
        var value = 0.0, scale = 0.1
        let start = i
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
            value += Double(bytes[i] - 48) * scale
            scale /= 10
            i += 1
        }
        return i > start ? value : nil
    }

    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }
}
