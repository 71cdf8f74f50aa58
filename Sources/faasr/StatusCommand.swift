#if canImport(FaaSrControl)
import ArgumentParser
import FaaSrControl
import Foundation

/// `faasr status`: where each action of an invocation is.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each action of an invocation: waiting, running, done, failed or skipped, with times and job ids.",
        discussion: "Read from the logging store; the latest invocation unless one is named.")

    @OptionGroup var options: ControlOptions

    @Argument(help: "The InvocationID (default: the latest).")
    var invocation: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "List the invocations in the logging store instead (newest first, at most 20).")
    var list = false

    func run() async throws {
        try await controlling("status") {
            let target = try options.target()
            let store = try target.logStore()
            if list {
                let found = try await InvocationListing.list(target, store: store)
                say(json ? InvocationListing.json(found) : InvocationListing.table(found, workflow: target.name))
                return
            }
            let (timestamp, id) = try await InvocationReport.locate(target, store: store, id: invocation)
            let report = try await InvocationReport.read(target, store: store, timestamp: timestamp, id: id)
            say(json ? StatusText.json(report) : StatusText.table(report))
        }
    }
}

/// `faasr logs`: the FaaSr logs of an invocation's actions.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the logs of an invocation's actions (the latest invocation unless one is named).")

    @OptionGroup var options: ControlOptions

    @Argument(help: "The InvocationID (default: the latest).")
    var invocation: String?

    @Argument(help: "Only this action.")
    var action: String?

    @Flag(help: "Keep printing logs as actions end, until every action has ended.")
    var follow = false

    func run() async throws {
        try await controlling("logs") {
            let target = try options.target()
            let store = try target.logStore()
            let (timestamp, id) = try await InvocationReport.locate(target, store: store, id: invocation)
            if let action, target.workflow.action(named: action) == nil, !action.contains("(") {
                throw ControlError("there is no action named '\(action)'", hint: "use one of: \(target.workflow.actionNames.joined(separator: ", "))")
            }
            var printed = Set<String>()
            while true {
                let report = try await InvocationReport.read(target, store: store, timestamp: timestamp, id: id)
                for (label, text) in try await ActionLogs.read(target, store: store, report: report, only: action) where !printed.contains(label) {
                    printed.insert(label)
                    say("==> \(label) <==\n\(text)")
                }
                if !follow || report.finished { break }
                try await Task.sleep(nanoseconds: 1_000_000_000)
            }
        }
    }
}
#endif
