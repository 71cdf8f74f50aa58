import ArgumentParser
import FaaSrCore
import Foundation

/// File reading, atomic writing and compiler-style messages shared by `convert`, `fmt` and
/// `secrets`.
enum CommandIO {
    /// Reads a whole file (`-` is standard input).
    static func readBytes(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file"
            throw CommandFailure(path: path, message: "cannot read the file: \(reason)", exitCode: 2)
        }
    }

    /// Loads a workflow, turning a syntax error into `path:line:col: error: ...` (exit 2).
    static func loadWorkflow(_ path: String) throws -> Workflow {
        try loadWorkflow(path, bytes: try readBytes(path))
    }

    /// Parses already-read bytes of `path`, reporting a syntax error as ``loadWorkflow(_:)`` does.
    static func loadWorkflow(_ path: String, bytes: [UInt8]) throws -> Workflow {
        do {
            return try Workflow(bytes: bytes)
        } catch {
            let printer = DiagnosticPrinter(colour: false, showCodes: true)
            writeStandardError(printer.format(Diagnostic(parseError: error), path: path) + "\n")
            throw ExitCode(2)
        }
    }

    /// Prints `path:line:col: error: message` and the hint to standard error.
    static func printError(path: String, location: SourceLocation?, message: String, hint: String? = nil) {
        printDiagnostic("error", path: path, location: location, message: message, hint: hint)
    }

    /// Prints `path:line:col: warning: message` and the hint to standard error.
    static func printWarning(path: String, location: SourceLocation?, message: String, hint: String? = nil) {
        printDiagnostic("warning", path: path, location: location, message: message, hint: hint)
    }

    private static func printDiagnostic(_ severity: String, path: String, location: SourceLocation?, message: String, hint: String?) {
        let place = location.map { "\(path):\($0.line):\($0.column)" } ?? path
        var text = "\(place): \(severity): \(message)\n"
        if let hint { text += "    hint: \(hint)\n" }
        writeStandardError(text)
    }

    static func writeStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `text` to `path` atomically: a temporary file in the same folder, flushed, given
    /// the original file's permissions (or 0644 for a new file), then renamed over `path`.
    /// A failure leaves the original untouched.
    static func writeAtomically(_ text: String, to path: String) throws {
        do { try AtomicFile.write(text, to: path) } catch {
            throw CommandFailure(path: path, message: error.description, exitCode: 2)
        }
    }
}

/// A command failure that is reported as `path: error: message` with an exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var path: String
    var message: String
    var exitCode: Int32
    var description: String { "\(path): error: \(message)" }
}

extension CommandFailure {
    /// Prints the failure and returns the exit code to throw.
    func report() -> ExitCode {
        CommandIO.writeStandardError(description + "\n")
        return ExitCode(exitCode)
    }
}
