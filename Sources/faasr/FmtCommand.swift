import ArgumentParser
import FaaSrCore

/// `faasr fmt FILE... [--check] [--preserve-layout]`: canonical printing.
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite workflow files in the canonical style (2-space indent, like the FaaSr web builder).",
        discussion: """
            Only the layout changes: key order, duplicate keys, number spellings (1.0 stays 1.0) and \
            string contents are kept. Files are replaced atomically (temporary file + rename) and keep \
            their permissions; a file already in style is not touched. With --check nothing is written: \
            each file that would change is listed and the exit status is 1.

            Exit status: 0 when every file is (or now is) formatted, 1 with --check when some file \
            would change, 2 when a file cannot be read or is not JSON.
            """)

    @Argument(help: "Workflow files (- formats standard input to standard output).")
    var files: [String]

    @Flag(name: .long, help: "Report files that are not formatted instead of rewriting them.")
    var check = false

    @Flag(name: .long, help: "Keep each file's own indentation, line endings and final newline.")
    var preserveLayout = false

    func run() throws {
        var unformatted = 0, failed = 0, rewritten = 0
        for path in files {
            let bytes: [UInt8]
            let wf: Workflow
            do {
                bytes = try CommandIO.readBytes(path)
                wf = try CommandIO.loadWorkflow(path, bytes: bytes)
            } catch let f as CommandFailure {
                _ = f.report()
                failed += 1
                continue
            } catch {
                failed += 1
                continue
            }
            let text = preserveLayout ? wf.serializedPreservingLayout() : wf.serializedCanonical()
            if path == "-" {
                if check {
                    if Array(text.utf8) != bytes { unformatted += 1; print("-: would reformat") }
                } else {
                    print(text, terminator: "")
                }
                continue
            }
            guard Array(text.utf8) != bytes else { continue }
            if check {
                print("\(path): would reformat")
                unformatted += 1
                continue
            }
            do {
                try CommandIO.writeAtomically(text, to: path)
                rewritten += 1
                print("\(path): formatted")
            } catch let f as CommandFailure {
                _ = f.report()
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode(2) }
        if unformatted > 0 { throw ExitCode(1) }
    }
}
