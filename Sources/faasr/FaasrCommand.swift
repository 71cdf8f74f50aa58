import ArgumentParser
import FaaSrCore

// The root is async so that network subcommands (`faasr s3`, ...) can be async; the
// synchronous subcommands run unchanged under it.
@main
struct Faasr: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faasr",
        abstract: "Validate, convert, draw, register, invoke and run FaaSr workflows.",
        subcommands: [ValidateCommand.self, ConvertCommand.self, FmtCommand.self, SecretsCommand.self, GraphCommand.self]
            + networkSubcommands)
}

/// Subcommands that need the network modules (absent in light builds).
private var networkSubcommands: [any ParsableCommand.Type] {
    var commands: [any ParsableCommand.Type] = []
    #if canImport(FaaSrStorage)
    commands.append(S3Command.self)
    #endif
    #if canImport(FaaSrRuntime)
    commands += [RunCommand.self, EntryCommand.self, LocalCommand.self]
    #endif
    #if canImport(FaaSrControl)
    commands += [RegisterCommand.self, UnregisterCommand.self, InvokeCommand.self, StatusCommand.self, LogsCommand.self, TimerCommand.self]
    #endif
    return commands
}
