#if canImport(FaaSrControl)
import ArgumentParser
import FaaSrControl
import FaaSrPlatforms
import Foundation

/// `faasr timer set|unset|next`.
struct TimerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timer",
        abstract: "Start a registered workflow on a schedule, or stop it.",
        subcommands: [Set.self, Unset.self, Next.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Start a new invocation on a cron schedule (UTC).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Five-field cron expression (minute hour day month weekday), UTC.") var cron: String
        @Option(help: "The action to start (default: the entry action).") var target: String?

        func run() async throws {
            try await controlling("timer set") {
                let t = try options.target()
                let (request, platform) = try await TimerControl.request(t, cron: cron, action: target)
                try await platform.setTimer(request)
                say("Timer set: \(t.name) starts at \(request.request.action) on \(request.request.serverName) on '\(cron)'.")
            }
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Stop the schedule set by timer set.")
        @OptionGroup var options: ControlOptions
        @Option(help: "As given to timer set (checked, not needed to find the timer).") var cron: String = "* * * * *"
        @Option(help: "The action the timer starts (default: the entry action).") var target: String?

        func run() async throws {
            try await controlling("timer unset") {
                let t = try options.target()
                let (request, platform) = try await TimerControl.request(t, cron: cron, action: target)
                try await platform.unsetTimer(request)
                say("Timer unset: \(t.name) at \(request.request.action) on \(request.request.serverName).")
            }
        }
    }

    /// Used by SLURM timer jobs to schedule their successor.
    struct Next: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "next", abstract: "Print when a schedule fires next (UTC, ISO 8601), or in how many seconds.")
        @Option(help: "The schedule.") var cron: String
        @Flag(help: "Print whole seconds from now instead of a time.") var secondsFromNow = false

        func run() throws {
            let schedule: CronSchedule
            do { schedule = try CronSchedule(cron) } catch {
                CommandIO.writeStandardError("faasr timer next: error: --cron \(error)\n")
                throw ExitCode(1)
            }
            let now = Date()
            let next = schedule.next(after: now)
            if secondsFromNow {
                print(max(1, Int(next.timeIntervalSince(now).rounded(.up))))
            } else {
                let f = ISO8601DateFormatter()
                print(f.string(from: next))
            }
        }
    }
}
#endif
