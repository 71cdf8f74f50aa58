@testable import FaaSrPlatforms
import Testing

/// Five-field cron to EventBridge `cron(...)`, day-of-week numbers meaning what cron means.
@Suite struct LambdaCronTests {
    @Test(arguments: [
        ("* * * * *", "cron(* * * * ? *)"),
        ("*/5 * * * *", "cron(0/5 * * * ? *)"),
        ("0 12 * * *", "cron(0 12 * * ? *)"),
        ("30 6 1 * *", "cron(30 6 1 * ? *)"),
        ("0 9 * * 1", "cron(0 9 ? * MON *)"),
        ("0 9 * * 0", "cron(0 9 ? * SUN *)"),
        ("0 9 * * 7", "cron(0 9 ? * SUN *)"),
        ("0 9 * * 1-5", "cron(0 9 ? * MON,TUE,WED,THU,FRI *)"),
        ("0 9 * * 5-7", "cron(0 9 ? * SUN,FRI,SAT *)"),
        ("0 9 * * sat,sun", "cron(0 9 ? * SUN,SAT *)"),
        ("0 9 * * */2", "cron(0 9 ? * SUN,TUE,THU,SAT *)"),
        ("0 9 * * 0-6", "cron(0 9 * * ? *)"),
        ("0 0 */2 JAN *", "cron(0 0 1/2 JAN ? *)"),
    ])
    func converts(_ cron: String, _ schedule: String) throws {
        #expect(try EventBridgeCron.schedule(cron) == schedule)
    }

    @Test(arguments: [
        ("0 9 * *", "has 4 fields"),
        ("0 9 1 * 1", "EventBridge allows only one"),
        ("0 9 * * 8", "day-of-week field '8'"),
        ("0 9 * * 5-2", "day-of-week field '5-2'"),
        ("0 9 ? * *", "day-of-month field '?'"),
    ])
    func refuses(_ cron: String, _ message: String) {
        let error = #expect(throws: EventBridgeCron.Invalid.self) { try EventBridgeCron.schedule(cron) }
        #expect(error?.description.contains(message) == true)
    }
}
