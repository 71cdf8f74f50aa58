import FaaSrCore
import FaaSrStorage
import Foundation

/// Runs one action's life cycle (spec/runtime.md §2.1), FaaSr 2.x-compatible:
/// payload → secrets → validation → invocation identity → store check → fan-in gate → job
/// marker → function → `.done` → successors → log. Each step is a method of its own
/// (`ActionRunner+Steps.swift` lists them in order).
public struct ActionRunner: Sendable {
    /// Where the workflow is and what overrides it.
    public var request: PayloadRequest
    /// The workflow itself, when already read (skips fetching `payloadURL`).
    public var workflow: JSONObject?
    /// Opens data stores.
    public var stores: any StoreResolver
    /// Sends successor invocations.
    public var trigger: any Trigger
    /// Runs the user function.
    public var functionRunner: any FunctionRunner
    /// The action's working directory (the function's current directory).
    public var workingDirectory: URL
    /// Environment: secrets by derived name, `GH_PAT`, PATH for the function's process.
    public var environment: [String: String]
    /// GitHub API base for fetching workflows and code.
    public var gitHubAPI: String = "https://api.github.com"
    /// Schema check of the fetched workflow (FaaSr's schema; nil skips it, as FaaSr's
    /// `SKIP_SCHEMA_VALIDATE`); returns error messages.
    public var schemaCheck: (@Sendable (JSONObject) -> [String])? = ActionRunner.faasrSchema

    /// FaaSr's schema check, nothing more (the runtime's own verdict).
    public static let faasrSchema: @Sendable (JSONObject) -> [String] = { workflow in
        Validator(options: .schemaOnly).validate(.object(workflow)).filter { $0.severity == .error }.map(\.description)
    }
    /// Echo log lines to stdout.
    public var echo: Bool = true

    /// Creates a runner.
    public init(request: PayloadRequest, workflow: JSONObject? = nil, stores: any StoreResolver,
                trigger: any Trigger, functionRunner: any FunctionRunner = ProcessFunctionRunner(),
                workingDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.request = request
        self.workflow = workflow
        self.stores = stores
        self.trigger = trigger
        self.functionRunner = functionRunner
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// Runs the action and reports how it ended; never throws.
    public func run() async -> ActionOutcome {
        let log = ActionLog(echo: echo)
        var state = State(log: log)
        let outcome = await runSteps(&state)
        // An interpreter started early for a function that did not run (failed checks, a
        // fan-in abort) is stopped; it has run no user code.
        if let prepared = state.prepared { await prepared.discard() }
        // Write the log once (not for clean fan-in aborts, which FaaSr logs on stdout only).
        var final = outcome
        if outcome.kind != .aborted, let store = state.logStore, let folder = state.folder, let name = state.logName {
            let key = "\(folder)/\(name)"
            do {
                try await store.put(key, data: Data(log.text.utf8))
                final.logKey = key
            } catch {
                FileHandle.standardError.write(Data("faasr: could not write the log \(key): \(error)\n".utf8))
            }
        }
        return final
    }

    /// The listing of `prefix` (nil without a prefix), never throwing.
    static func listing(_ store: any ObjectStore, prefix: String?) async -> Result<ObjectListing, any Error>? {
        guard let prefix else { return nil }
        do { return .success(try await store.list(prefix: prefix)) } catch { return .failure(error) }
    }

    /// What ``run()`` needs after the steps: the log, where to write it, and an interpreter
    /// started early.
    struct State {
        let log: ActionLog
        var logStore: (any ObjectStore)?
        var folder: String?
        var logName: String?
        var prepared: (any PreparedFunction)?
    }
}
