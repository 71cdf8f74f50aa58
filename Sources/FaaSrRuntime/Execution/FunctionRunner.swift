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
}

/// Runs a user function; its outcome is reported to the session (as the function's process
/// does over RPC).
public protocol FunctionRunner: Sendable {
    /// Runs the function to completion. Throws only when it could not be started.
    func run(_ invocation: FunctionInvocation, session: ActionSession, log: ActionLog) async throws
}
