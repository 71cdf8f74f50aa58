import FaaSrCore
import FaaSrStorage
import Foundation

/// Runs one action's life cycle (spec/runtime.md §2.1), FaaSr 2.x-compatible:
/// payload → secrets → validation → store check → entry set-up or fan-in gate → function →
/// `.done` → successors → log.
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

    struct State {
        let log: ActionLog
        var logStore: (any ObjectStore)?
        var folder: String?
        var logName: String?
        var prepared: (any PreparedFunction)?
    }

    /// Step 1 without I/O: the payload of `base` and the request's OVERWRITTEN, refused when
    /// `schemaCheck` finds errors or a key FaaSr reads unconditionally is missing.
    static func payload(base: JSONObject, request: PayloadRequest,
                        schemaCheck: (@Sendable (JSONObject) -> [String])?) -> Result<ActionPayload, WorkflowGraph.CheckFailure> {
        if let schemaCheck {
            let errors = schemaCheck(base)
            if !errors.isEmpty {
                return .failure(.init("JSON not compliant with FaaSr schema: " + errors.joined(separator: "; ")))
            }
        }
        let payload = ActionPayload(base: base, overwritten: request.overwritten, payloadURL: request.payloadURL)
        for key in ["WorkflowName", "DefaultDataStore", "DataStores", "ActionList", "ComputeServers", "FunctionInvoke"]
        where payload[key] == nil {
            return .failure(.init("the workflow has no \(key) (required by the FaaSr schema)"))
        }
        return .success(payload)
    }

    /// Step 3: FaaSr's `check_dag` (the core rule set), giving the `.done` names to wait for.
    static func checkGraph(_ graph: WorkflowGraph, functionInvoke: String) -> Result<[String], WorkflowGraph.CheckFailure> {
        do { return .success(try graph.faasrCheck(functionInvoke: functionInvoke)) } catch { return .failure(error) }
    }

    func runSteps(_ state: inout State) async -> ActionOutcome {
        let log = state.log
        var outcome = ActionOutcome(kind: .failed, result: nil, message: nil, triggered: 0)
        func fail(_ m: String) -> ActionOutcome {
            log.log(.error, m)
            outcome.kind = .failed
            outcome.message = m
            return outcome
        }
        // 1. Payload.
        var source = WorkflowSource(gitHubAPI: gitHubAPI, token: request.gitHubToken ?? environment["GH_PAT"])
        source.environment = environment
        source.dataStores = request.overwritten["DataStores"]?.objectValue ?? JSONObject()
        var base: JSONObject
        if let workflow {
            base = workflow
        } else {
            do { base = try await source.fetch(request.payloadURL) } catch { return fail("\(error)") }
        }
        var payload: ActionPayload
        switch Self.payload(base: base, request: request, schemaCheck: schemaCheck) {
        case .success(let p): payload = p
        case .failure(let f): return fail(f.description)
        }
        state.logName = payload.logFileName
        let action = payload.functionInvoke
        log.log(.info, "Action \(action)\(payload.functionRank.map { " rank \($0)" } ?? "") of workflow \(payload.string("WorkflowName") ?? "")")
        // 2. Secrets.
        Secrets.fill(&payload, environment: environment, log: log)
        // 3. Validation.
        let graph = WorkflowGraph(payload.workflow)
        let predecessors: [String]
        switch Self.checkGraph(graph, functionInvoke: action) {
        case .success(let p): predecessors = p
        case .failure(let f): return fail(f.description)
        }
        guard payload.dataStores.object(payload.defaultDataStore) != nil else {
            return fail("DefaultDataStore '\(payload.defaultDataStore)' is not a key of DataStores")
        }
        guard payload.dataStores.object(payload.loggingDataStore) != nil else {
            return fail("LoggingDataStore '\(payload.loggingDataStore)' is not a key of DataStores")
        }
        guard let entry = payload.currentAction else { return fail("no ActionList entry for \(action)") }
        let type = entry.string("Type") ?? "Python"
        // 4. Entry action: timestamp and ID.
        if predecessors.isEmpty {
            if (payload.string("InvocationTimestamp") ?? "").isEmpty {
                payload.set("InvocationTimestamp", .string(InvocationIdentity.timestamp(Date())))
            }
            let id = (payload.string("InvocationID") ?? "").trimmingCharacters(in: .whitespaces)
            if id.isEmpty {
                if let format = payload.string("InvocationIDFromDate"), !format.isEmpty {
                    do {
                        payload.set("InvocationID", .string(try InvocationIdentity.id(fromDate: payload.string("InvocationTimestamp")!, format: format)))
                    } catch { return fail("\(error)") }
                } else {
                    payload.set("InvocationID", .string(UUID().uuidString.lowercased()))
                }
            }
            if (payload.string("FaaSrLog") ?? "").isEmpty { payload.set("FaaSrLog", .string("FaaSrLog")) }
        }
        guard let id = payload.string("InvocationID"), !id.isEmpty,
              let ts = payload.string("InvocationTimestamp"), !ts.isEmpty else {
            return fail("\(action) is not the entry action, but its payload has no InvocationID/InvocationTimestamp")
        }
        outcome.invocationID = id
        outcome.invocationTimestamp = ts
        let folder = payload.invocationFolder
        // 5. Check every store (all at once; the first failure in DataStores order is
        // reported), and meanwhile make the listing this action needs first: the invocation
        // folder (entry: it must be empty) or the completion markers (fan-in).
        let storeSet = StoreSet(resolver: stores, dataStores: payload.dataStores)
        let session = ActionSession(payload: payload, stores: storeSet, log: log, workingDirectory: workingDirectory,
                                    environment: environment, maxRank: graph.copies(of: action))
        // The interpreter (and the RPC server) start early, while the stores are checked and
        // the code fetched; no user code runs before the function is called. A fan-in action
        // starts it only once all predecessors are done: most of its invocations stop there.
        func startEarly() async -> String? {
            guard entry["_faasr_builtin"]?.boolValue != true else { return nil }
            do {
                try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true)
            } catch { return "cannot create the working directory \(workingDirectory.path): \(error)" }
            state.prepared = await functionRunner.prepare(type: type, session: session, workingDirectory: workingDirectory,
                                                          environment: environment, log: log)
            return nil
        }
        if predecessors.count <= 1, let m = await startEarly() { return fail(m) }
        for name in payload.dataStores.keys {
            let config = payload.dataStores.object(name) ?? JSONObject()
            if let e = config.string("Endpoint"), !e.isEmpty, !e.hasPrefix("http") {
                return fail("S3 server \(name) failed with message: Endpoint '\(e)' must start with http:// or https://")
            }
        }
        let logStore: any ObjectStore
        do { logStore = try storeSet.store(payload.loggingDataStore) } catch { return fail("\(error)") }
        let listPrefix = predecessors.isEmpty ? folder + "/" : predecessors.count > 1 ? "\(folder)/function_completions/" : nil
        async let firstListing = Self.listing(logStore, prefix: listPrefix)
        let names = payload.dataStores.keys, checked = payload
        let failures = await withTaskGroup(of: (Int, String?).self) { group in
            for (i, name) in names.enumerated() {
                group.addTask {
                    do { try await storeSet.store(name).checkAccess(); return (i, nil) } catch {
                        let hint = StoreAccessHint.text(for: error, store: name, payload: checked, environment: environment)
                        return (i, "S3 server \(name) failed with message: \(error)" + (hint.map { "; \($0)" } ?? ""))
                    }
                }
            }
            var byStore = [String?](repeating: nil, count: names.count)
            for await (i, failure) in group { byStore[i] = failure }
            return byStore
        }
        let listed = await firstListing
        if let failure = failures.lazy.compactMap({ $0 }).first { return fail(failure) }
        if predecessors.isEmpty {
            switch listed {
            case .success(let listing)?:
                if !listing.objects.isEmpty {
                    return fail("InvocationID already exists: \(id) (objects exist under \(folder)/; use a new InvocationID or leave it empty)")
                }
            case .failure(let error)?: return fail("cannot list \(folder): \(error)")
            case nil: break
            }
        }
        state.logStore = logStore
        state.folder = folder
        // 6. Fan-in gate.
        if predecessors.count > 1 {
            do {
                let done = Set(try listed!.get().keys)
                for p in predecessors where !done.contains("\(folder)/function_completions/\(p).done") {
                    log.log(.info, "Missing .done file for predecessor: \(p) — aborting.")
                    outcome.kind = .aborted
                    outcome.message = "waiting for \(p)"
                    return outcome
                }
                if let m = await startEarly() { return fail(m) }
                let won = try await FanInElection(store: logStore, folder: folder, action: action).contend()
                if !won {
                    log.log(.info, "Not the last trigger invoked — random number does not match")
                    outcome.kind = .aborted
                    outcome.message = "another invocation runs \(action)"
                    return outcome
                }
            } catch { return fail("fan-in of \(action) failed: \(error)") }
        }
        await JobMarker.record(payload: payload, store: logStore, environment: environment, log: log)
        // 7. The function.
        if entry["_faasr_builtin"]?.boolValue == true {
            return fail("built-in function \(entry.string("FunctionName") ?? "") is not supported by this runtime yet")
        }
        let functionName = entry.string("FunctionName") ?? ""
        let work = workingDirectory
        let functionsDir = work.appendingPathComponent(".faasr/functions/\(id)", isDirectory: true)
        let packagesDir = work.appendingPathComponent(".faasr/packages", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try await FunctionCode(payload: payload, source: source, log: log, environment: environment)
                .fetch(functionName: functionName, into: functionsDir)
            try await PackageInstaller(payload: payload, source: source, log: log, environment: environment)
                .install(functionName: functionName, type: type, into: packagesDir)
        } catch { return fail("\(error)") }
        var maxRuntime: Double?
        if let n = entry["MaxRuntime"]?.numberValue { maxRuntime = n.doubleValue }
        let invocation = FunctionInvocation(
            functionName: functionName, type: type, arguments: entry.object("Arguments") ?? JSONObject(),
            functionsDirectory: functionsDir, packagesDirectory: packagesDir, workingDirectory: work,
            maxRuntime: maxRuntime, environment: environment, prepared: state.prepared)
        do { try await functionRunner.run(invocation, session: session, log: log) } catch {
            return fail("\(error)")
        }
        if await session.error {
            let m = await session.message ?? "the function failed"
            if let tb = await session.traceback { log.output(tb) }
            return fail("\(functionName) failed: \(m)")
        }
        let result = await session.functionResult
        outcome.result = result
        // 8. Completion marker, in the logging store.
        do { try await logStore.put(payload.doneKey, data: Data("True".utf8)) } catch {
            return fail("cannot write \(payload.doneKey): \(error)")
        }
        // 9. Successors.
        do {
            let targets = try Successors.targets(of: action, in: payload.workflow, result: result)
            if targets.isEmpty { log.log(.info, "no triggers for \(action)") }
            for t in targets {
                for r in try Successors.requests(for: t, payload: payload) {
                    try await trigger.trigger(r)
                    outcome.triggered += 1
                    log.log(.info, "triggered \(r.action)\(r.rank.map { "(\($0))" } ?? "")")
                }
            }
        } catch { return fail("\(error)") }
        log.log(.info, "Finished action - InvocationID: \(id)")
        outcome.kind = .succeeded
        return outcome
    }
}
