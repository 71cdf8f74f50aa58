import FaaSrCore
import Foundation

/// What a function runner needs to run one user function.
public struct FunctionInvocation: Sendable {
    /// `FunctionName`.
    public var functionName: String
    /// `Type`: `Python`, `R` or `Julia`.
    public var type: String
    /// `Arguments` (an object; `{}` when absent or null).
    public var arguments: JSONObject
    /// Folder holding the function's code.
    public var functionsDirectory: URL
    /// Folder holding installed packages (`pip -t`, R library).
    public var packagesDirectory: URL
    /// The action's working directory (the function's current directory).
    public var workingDirectory: URL
    /// `MaxRuntime` in seconds, when set.
    public var maxRuntime: Double?
    /// The environment for the function's process.
    public var environment: [String: String]
    /// What ``FunctionRunner/prepare(type:session:workingDirectory:environment:log:)`` started for
    /// this invocation, if anything.
    public var prepared: (any PreparedFunction)?
}

/// Something a runner started ahead of the function (such as an interpreter waiting for
/// its function); the runner's `run` uses it, or the action discards it.
public protocol PreparedFunction: Sendable {
    /// Stops it without running any user code. Harmless after it was used.
    func discard() async
}

/// Runs a user function; its outcome is reported to the session (as the function's process
/// does over RPC).
public protocol FunctionRunner: Sendable {
    /// Runs the function to completion. Throws only when it could not be started.
    func run(_ invocation: FunctionInvocation, session: ActionSession, log: ActionLog) async throws

    /// Starts, early, what does not depend on the function's code or on the action's
    /// checks (the interpreter, the RPC server for `session`), so it overlaps the runtime's
    /// S3 requests. Nil when there is nothing to start or it could not start (`run` then
    /// starts it itself).
    func prepare(type: String, session: ActionSession, workingDirectory: URL, environment: [String: String], log: ActionLog) async -> (any PreparedFunction)?
}

extension FunctionRunner {
    /// Nothing to start early.
    public func prepare(type: String, session: ActionSession, workingDirectory: URL, environment: [String: String], log: ActionLog) async -> (any PreparedFunction)? {
        nil
    }
}
