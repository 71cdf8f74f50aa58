#if canImport(FaaSrControl)
import ArgumentParser
import FaaSrControl
import FaaSrPlatformAPI
import Foundation

/// The workflow file and where its secrets come from, shared by the control-plane commands.
struct ControlOptions: ParsableArguments {
    @Argument(help: "The workflow JSON file.")
    var workflow: String

    @Option(help: "Read secrets (GH_PAT, {Server}_Token, {Store}_AccessKey, ...) from this file (default: ./.env if present); the environment wins.")
    var envFile: String?

    /// The workflow with its secrets.
    func target() throws -> ControlTarget {
        let env = ProcessInfo.processInfo.environment
        let secrets = try SecretValues(environment: env, envFile: envFile ?? SecretValues.defaultEnvFile())
        return try ControlTarget(path: workflow, secrets: secrets, environment: env)
    }
}

/// Runs a control-plane command body; a failure is printed as `faasr NAME: error: ...` with
/// its hint, exit status 1. Secrets never appear in these messages.
func controlling<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ControlError {
        CommandIO.writeStandardError("faasr \(name): error: \(error.message)\n\(error.hint.map { "    hint: \($0)\n" } ?? "")")
        throw ExitCode(1)
    } catch {
        CommandIO.writeStandardError("faasr \(name): error: \(error)\n")
        throw ExitCode(1)
    }
}

/// Prints a line on standard output at once (progress while waiting).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
#endif
