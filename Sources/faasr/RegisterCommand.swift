#if canImport(FaaSrControl)
import ArgumentParser
import FaaSrControl
import Foundation

/// `faasr register`: deploy a workflow to its compute servers (plan first, then apply).
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Deploy a workflow to its compute servers: shows the plan, then makes it.",
        discussion: """
        Checks every server's credentials and the logging store before changing anything, \
        uploads the workflow to the logging store (actions read it from there: PAYLOAD_URL \
        s3://...), registers each server, and records what was registered. Running it again \
        changes only what differs. Exit status 1 when anything fails; nothing is left half-registered.
        """)

    @OptionGroup var options: ControlOptions

    @Option(help: "Register only this compute server.")
    var server: String?

    @Option(help: "Where actions fetch the workflow instead of the uploaded copy: owner/repo/branch/path (as FaaSr), a URL, or a path on the cluster.")
    var payloadURL: String?

    @Flag(help: "Show the plan and change nothing.")
    var dryRun = false

    func run() async throws {
        try await controlling("register") {
            let target = try options.target()
            let plan = try await Registration.plan(target, only: server, payloadURL: payloadURL)
            say(plan.text(title: "\(dryRun ? "Would register" : "Registering") \(target.name) (\(target.path)):"))
            if dryRun { return }
            if plan.isEmpty { say("Nothing to change: \(target.name) is registered."); return }
            try await plan.apply(target)
            say("Registered \(target.name). Start it with: faasr invoke \(target.path)")
        }
    }
}

/// `faasr unregister`: remove what register made.
struct UnregisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unregister",
        abstract: "Remove a workflow's registration (the record, the uploaded copy, pending timer jobs).")

    @OptionGroup var options: ControlOptions

    @Option(help: "Unregister only this compute server (the record and copy stay).")
    var server: String?

    @Flag(help: "Show the plan and change nothing.")
    var dryRun = false

    func run() async throws {
        try await controlling("unregister") {
            let target = try options.target()
            var plan = try await Registration.unregisterPlan(target, only: server)
            if server != nil {
                plan.workflowCopy.kind = .unchanged
                plan.record.kind = .unchanged
            }
            say(plan.text(title: "\(dryRun ? "Would unregister" : "Unregistering") \(target.name):"))
            if dryRun || plan.isEmpty { return }
            try await plan.apply(target)
            say("Unregistered \(target.name).")
        }
    }
}
#endif
