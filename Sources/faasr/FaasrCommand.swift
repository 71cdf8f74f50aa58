import ArgumentParser
import FaaSrCore

@main
struct Faasr: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faasr",
        abstract: "Validate, convert, draw, register, invoke and run FaaSr workflows.",
        subcommands: [ValidateCommand.self, ConvertCommand.self, FmtCommand.self, SecretsCommand.self, GraphCommand.self])
}
