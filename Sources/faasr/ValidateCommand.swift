import ArgumentParser
import FaaSrCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `faasr validate FILE...`: checks workflows and reports problems like a compiler.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check FaaSr workflow files and report every problem with its line, column and a fix.",
        discussion: """
            Checks the FaaSr JSON Schema (2.x for "ActionList" files, 1.x for "FunctionList" files), \
            the workflow graph (one entry action, no cycles, no unreachable or unknown actions, rank \
            and conditional rules) and references (servers, data stores, containers, packages, \
            inline credentials).

            Exit status: 0 when every file is valid (warnings allowed), 1 when a file has errors, \
            2 when a file cannot be read or is not JSON.
            """)

    @Argument(help: "Workflow files to check; a folder stands for its .json files; - reads standard input.")
    var files: [String]

    @Flag(name: .long, help: "Print the results as JSON.")
    var json = false

    @Flag(name: .long, help: "Check exactly what the FaaSr JSON Schema checks, nothing more.")
    var schemaOnly = false

    @Flag(name: .long, help: "Treat warnings as errors.")
    var warningsAsErrors = false

    @Option(name: .long, help: "Schema to check against: 2.x or 1.x (default: by the file's format).")
    var schema: String?

    @Flag(name: .long, help: "Leave out the [rule.code] after each message.")
    var noCodes = false

    func validate() throws {
        if let schema, FaaSrSchema(rawValue: schema) == nil {
            throw ValidationError("--schema must be 2.x or 1.x, not \(schema)")
        }
    }

    func run() throws {
        let options = ValidationOptions(rules: schemaOnly ? .schemaOnly : .all, schema: schema.flatMap(FaaSrSchema.init))
        let validator = Validator(options: options)
        let printer = DiagnosticPrinter(colour: !json && Terminal.wantsColour, showCodes: !noCodes)
        var results: [FileResult] = []
        for path in WorkflowFiles.expand(files) {
            var result = FileResult(path: path)
            switch WorkflowFiles.read(path) {
            case .failure(let message):
                result.status = .unreadable
                result.readError = message
            case .success(let bytes):
                let report = validator.validate(bytes: bytes)
                result.diagnostics = report.diagnostics.map {
                    var d = $0
                    if warningsAsErrors { d.severity = .error }
                    return d
                }
                result.status = report.isUnparseable ? .unreadable
                    : result.diagnostics.contains { $0.severity == .error } ? .invalid : .valid
            }
            results.append(result)
            if !json { printHuman(result, printer) }
        }
        let summary = Summary(results)
        if json {
            print(JSONPrinter.print(jsonReport(results, summary)), terminator: "")
        } else {
            print(summary.line)
        }
        throw ExitCode(summary.exitCode)
    }

    private func printHuman(_ r: FileResult, _ printer: DiagnosticPrinter) {
        if let e = r.readError {
            FileHandle.standardError.write(Data("\(r.path): error: cannot read the file: \(e)\n".utf8))
            return
        }
        if !r.diagnostics.isEmpty { print(printer.format(r.diagnostics, path: r.path)) }
    }

    private func jsonReport(_ results: [FileResult], _ summary: Summary) -> JSONValue {
        var files: [JSONValue] = []
        for r in results {
            var o = JSONObject()
            o["path"] = .string(r.path)
            o["status"] = .string(r.status.rawValue)
            o["valid"] = .bool(r.status == .valid)
            o["errors"] = .number(JSONNumber(r.errors))
            o["warnings"] = .number(JSONNumber(r.warnings))
            if let e = r.readError {
                o["diagnostics"] = [["severity": "error", "code": "io.read", "pointer": "", "line": nil, "column": nil,
                                     "message": .string("cannot read the file: \(e)"), "hint": nil]]
            } else {
                o["diagnostics"] = .array(r.diagnostics.map(DiagnosticPrinter.json))
            }
            files.append(.object(o))
        }
        return [
            "files": .array(files),
            "summary": [
                "files": .number(JSONNumber(results.count)), "valid": .number(JSONNumber(summary.valid)),
                "invalid": .number(JSONNumber(summary.invalid)), "unreadable": .number(JSONNumber(summary.unreadable)),
                "errors": .number(JSONNumber(summary.errors)), "warnings": .number(JSONNumber(summary.warnings)),
            ],
        ]
    }
}

/// The outcome for one file.
struct FileResult {
    enum Status: String { case valid, invalid, unreadable }
    var path: String
    var status: Status = .valid
    var readError: String?
    var diagnostics: [Diagnostic] = []
    var errors: Int { diagnostics.count { $0.severity == .error } + (readError == nil ? 0 : 1) }
    var warnings: Int { diagnostics.count { $0.severity == .warning } }
}

/// Totals over all files and the exit status they give.
struct Summary {
    var valid = 0, invalid = 0, unreadable = 0, errors = 0, warnings = 0

    init(_ results: [FileResult]) {
        for r in results {
            switch r.status {
            case .valid: valid += 1
            case .invalid: invalid += 1
            case .unreadable: unreadable += 1
            }
            errors += r.errors
            warnings += r.warnings
        }
    }

    /// 2 if any file is unreadable, else 1 if any is invalid, else 0.
    var exitCode: Int32 { unreadable > 0 ? 2 : invalid > 0 ? 1 : 0 }

    var line: String {
        let total = valid + invalid + unreadable
        var parts = ["\(valid) valid"]
        if invalid > 0 { parts.append("\(invalid) invalid") }
        if unreadable > 0 { parts.append("\(unreadable) unreadable") }
        return "\(total) file\(total == 1 ? "" : "s") checked: \(parts.joined(separator: ", ")) "
            + "(\(DiagnosticPrinter.counts(errors: errors, warnings: warnings)))"
    }
}

/// Finding and reading the files named on the command line.
enum WorkflowFiles {
    /// Folders become their `.json` and extension-less files (sorted), as the schema oracle does.
    static func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            if p != "-", fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue,
               let names = try? fm.contentsOfDirectory(atPath: p) {
                for name in names.sorted() where name.hasSuffix(".json") || !name.contains(".") {
                    let full = (p as NSString).appendingPathComponent(name)
                    var sub: ObjCBool = false
                    if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { out.append(full) }
                }
            } else {
                out.append(p)
            }
        }
        return out
    }

    enum ReadResult { case success([UInt8]), failure(String) }

    static func read(_ path: String) -> ReadResult {
        if path == "-" { return .success(Array(FileHandle.standardInput.readDataToEndOfFile())) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let fm = FileManager.default
            if !fm.fileExists(atPath: path) { return .failure("no such file") }
            return .failure("permission denied or not a regular file")
        }
        defer { try? handle.close() }
        do {
            return .success(Array(try handle.readToEnd() ?? Data()))
        } catch {
            return .failure("\(error.localizedDescription)")
        }
    }
}

/// Whether output goes to a person at a terminal.
enum Terminal {
    /// Colour only on a terminal, and never when `NO_COLOR` is set.
    static var wantsColour: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
