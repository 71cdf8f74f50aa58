#if canImport(FaaSrControl)
import ArgumentParser
import FaaSrControl
import Foundation

/// `faasr invoke`: start a registered workflow.
struct InvokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Start a registered workflow at its entry action and print the InvocationID.",
        discussion: "With --wait, follows the run until every action has ended; exit status 1 if any failed.")

    @OptionGroup var options: ControlOptions

    @Flag(help: "Follow the run until every action ends.")
    var wait = false

    @Option(help: "With --wait: give up after this many seconds.")
    var timeout: Double = 1800

    @Flag(help: "Print JSON (the invocation; with --wait, the final status).")
    var json = false

    func run() async throws {
        try await controlling("invoke") {
            let target = try options.target()
            let invocation = try await Invocation.start(target)
            for w in invocation.warnings { CommandIO.writeStandardError("faasr invoke: warning: \(w)\n") }
            if !json {
                say(invocation.id)
                CommandIO.writeStandardError("started \(target.name) at \(invocation.entry) on \(invocation.receipt.serverName)\(invocation.receipt.jobID.map { " (job \($0))" } ?? "")\n")
            }
            guard wait else {
                if json {
                    say("{\"InvocationID\": \"\(invocation.id)\", \"InvocationTimestamp\": \"\(invocation.timestamp)\", \"JobID\": \(invocation.receipt.jobID.map { "\"\($0)\"" } ?? "null")}")
                }
                return
            }
            let quiet = json
            let report = try await InvocationWatch.wait(target, invocation: invocation, timeout: timeout) { r in
                if !quiet {
                    let line = r.actions.map { "\($0.label) \($0.state.rawValue)" }.joined(separator: ", ")
                    CommandIO.writeStandardError("  \(line)\n")
                }
            }
            say(json ? StatusText.json(report) : StatusText.table(report))
            if report.failed { throw ExitCode(1) }
        }
    }
}
#endif
