import ArgumentParser
import FaaSrTUI

@main
struct FaasrTUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faasr-tui", abstract: "Design FaaSr workflows in the terminal.")
    @Argument(help: "Workflow file to open.") var file: String?
    func run() throws { print(FaaSrTUIModule.name) }
}
