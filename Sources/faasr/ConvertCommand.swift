import ArgumentParser
import FaaSrCore

/// `faasr convert IN [-o OUT]`: 1.x → 2.x with a report.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a FaaSr 1.x workflow (FunctionList) to the 2.x format, and say what you must still fill in.",
        discussion: """
            The 2.x workflow goes to OUT (written atomically) or, without -o, to standard output. \
            The report goes to standard error: one "note" line per change and one "warning" line per \
            thing left to do (WorkflowName, secrets to create, missing fields), each with the line and \
            column in the input. Credentials written in the 1.x file are never copied; the report \
            lists the secret names to create instead.

            Exit status: 0 when converted, 2 when the input cannot be read or is not JSON.
            """)

    @Argument(help: "The 1.x workflow file (- reads standard input).")
    var input: String

    @Option(name: .shortAndLong, help: "Where to write the 2.x workflow (default: standard output).")
    var output: String?

    @Option(name: .long, help: "WorkflowName to set when the input has none (default: from the file name).")
    var workflowName: String?

    @Option(name: .long, help: "Type for actions that have none: R, Python or Julia (default: R).")
    var type: String = "R"

    @Flag(name: .long, help: "Keep the input's indentation instead of the canonical 2-space style.")
    var preserveLayout = false

    @Flag(name: .shortAndLong, help: "Print only the things left to do, not every change.")
    var quiet = false

    func validate() throws {
        guard ["R", "Python", "Julia"].contains(type) else { throw ValidationError("--type must be R, Python or Julia") }
    }

    func run() throws {
        let source: Workflow
        do { source = try CommandIO.loadWorkflow(input) } catch let f as CommandFailure { throw f.report() }
        let options = MigrationOptions(workflowName: workflowName, fileName: input == "-" ? nil : input,
                                       defaultType: ActionType(type))
        var result = Migrator.migrate(source, options: options)
        if preserveLayout { result.workflow.document.format = source.document.format }
        if result.sourceFormat == .v2, result.isUnchanged {
            CommandIO.writeStandardError("\(input): note: already in the 2.x format; nothing to convert\n")
        }
        for note in result.notes where !(quiet && note.kind == .changed) {
            let loc = source.document.keyLocation(of: note.pointer)
            let place = loc.map { "\(input):\($0.line):\($0.column)" } ?? input
            CommandIO.writeStandardError("\(place): \(note.kind == .todo ? "warning" : "note"): \(note.message)\n")
        }
        let text = result.workflow.document.serializedPreservingLayout()
        let remaining = Validator().validate(text: text).errors
        if !remaining.isEmpty {
            CommandIO.writeStandardError(
                "\(output ?? "the converted workflow"): warning: \(remaining.count) validation error\(remaining.count == 1 ? "" : "s") remain "
                    + "(first: \(remaining[0].message)); fill in the items above, then run faasr validate\n")
        }
        if let output {
            do { try CommandIO.writeAtomically(text, to: output) } catch let f as CommandFailure { throw f.report() }
            CommandIO.writeStandardError(
                "\(input): converted \(result.sourceFormat.rawValue) → 2.x: \(result.changes.count) change\(result.changes.count == 1 ? "" : "s"), "
                    + "\(result.todos.count) thing\(result.todos.count == 1 ? "" : "s") left to do; wrote \(output)\n")
        } else {
            print(text, terminator: "")
        }
    }
}
