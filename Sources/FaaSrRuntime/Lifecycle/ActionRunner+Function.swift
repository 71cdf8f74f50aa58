import FaaSrCore
import FaaSrStorage
import Foundation

/// The steps from the function on: run it, mark it done, start its successors.
extension ActionRunner {
    /// Step 8: fetch the function's code and packages, run it, and give back its result
    /// (`True`/`False` for a conditional, else nil).
    func runFunction(_ payload: ActionPayload, action: CheckedAction, id: String, session: ActionSession,
                     source: WorkflowSource, state: State) async throws(StepEnd) -> Bool? {
        let entry = action.entry
        if action.isBuiltin {
            throw .failed("built-in function \(entry.string("FunctionName") ?? "") is not supported by this runtime yet")
        }
        let log = state.log
        let functionName = entry.string("FunctionName") ?? ""
        let work = workingDirectory
        let functionsDir = work.appendingPathComponent(".faasr/functions/\(id)", isDirectory: true)
        let packagesDir = work.appendingPathComponent(".faasr/packages", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try await FunctionCode(payload: payload, source: source, log: log, environment: environment)
                .fetch(functionName: functionName, into: functionsDir)
            try await PackageInstaller(payload: payload, source: source, log: log, environment: environment)
                .install(functionName: functionName, type: action.type, into: packagesDir)
        } catch { throw .failed("\(error)") }
        var maxRuntime: Double?
        if let n = entry["MaxRuntime"]?.numberValue { maxRuntime = n.doubleValue }
        let invocation = FunctionInvocation(
            functionName: functionName, type: action.type, arguments: entry.object("Arguments") ?? JSONObject(),
            functionsDirectory: functionsDir, packagesDirectory: packagesDir, workingDirectory: work,
            maxRuntime: maxRuntime, environment: environment, prepared: state.prepared)
        do { try await functionRunner.run(invocation, session: session, log: log) } catch {
            throw .failed("\(error)")
        }
        if await session.error {
            let m = await session.message ?? "the function failed"
            if let tb = await session.traceback { log.output(tb) }
            throw .failed("\(functionName) failed: \(m)")
        }
        return await session.functionResult
    }

    /// Step 9: the completion marker, in the logging store.
    func writeDone(_ payload: ActionPayload, store: any ObjectStore) async throws(StepEnd) {
        do { try await store.put(payload.doneKey, data: Data("True".utf8)) } catch {
            throw .failed("cannot write \(payload.doneKey): \(error)")
        }
    }

    /// Step 10: one trigger request per successor (and per rank), in InvokeNext order;
    /// `outcome.triggered` counts those sent, also when a later one fails. A refused trigger
    /// is logged as "could not trigger {action}", which `faasr status` reads (the successor
    /// failed, rather than a branch not taken), and ends the run failed with the platform's message.
    func triggerSuccessors(_ payload: ActionPayload, action: CheckedAction, result: Bool?,
                           outcome: inout ActionOutcome, log: ActionLog) async throws(StepEnd) {
        var requests: [TriggerRequest] = []
        do {
            let targets = try Successors.targets(of: action.name, in: payload.workflow, result: result)
            if targets.isEmpty { log.log(.info, "no triggers for \(action.name)") }
            for t in targets { requests += try Successors.requests(for: t, payload: payload) }
        } catch { throw .failed("\(error)") }
        for r in requests {
            let label = "\(r.action)\(r.rank.map { "(\($0))" } ?? "")"
            do { try await trigger.trigger(r) } catch {
                log.log(.error, "could not trigger \(label)")
                throw .failed("\(error)")
            }
            outcome.triggered += 1
            log.log(.info, "triggered \(label)")
        }
    }
}
