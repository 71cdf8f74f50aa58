import FaaSrCore
import FaaSrStorage
import Foundation

/// The steps that reach the data stores before the function runs: the store check (with the
/// first listing this action needs) and the fan-in gate.
extension ActionRunner {
    /// What the store check leaves for the next steps.
    struct CheckedStores {
        /// The logging store (`.done` markers, the fan-in election, the log).
        let logStore: any ObjectStore
        /// The first listing: the invocation folder (entry) or the completion markers (fan-in).
        let listed: Result<ObjectListing, any Error>?
    }

    /// The interpreter (and the RPC server) start early, while the stores are checked and
    /// the code fetched; no user code runs before the function is called. A fan-in action
    /// starts it only once all predecessors are done: most of its invocations stop there.
    func startEarly(_ action: CheckedAction, session: ActionSession, state: inout State) async throws(StepEnd) {
        guard !action.isBuiltin else { return }
        do {
            try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true)
        } catch { throw .failed("cannot create the working directory \(workingDirectory.path): \(error)") }
        state.prepared = await functionRunner.prepare(type: action.type, session: session, workingDirectory: workingDirectory,
                                                      environment: environment, log: state.log)
    }

    /// Step 5: every store answers (all at once; the first failure in DataStores order is
    /// reported), and meanwhile the listing this action needs first is made; an entry
    /// action's invocation folder must be empty.
    func checkStores(_ payload: ActionPayload, _ storeSet: StoreSet, action: CheckedAction, session: ActionSession,
                     state: inout State) async throws(StepEnd) -> CheckedStores {
        if !action.isFanIn { try await startEarly(action, session: session, state: &state) }
        for name in payload.dataStores.keys {
            let config = payload.dataStores.object(name) ?? JSONObject()
            if let e = config.string("Endpoint"), !e.isEmpty, !e.hasPrefix("http") {
                throw .failed("S3 server \(name) failed with message: Endpoint '\(e)' must start with http:// or https://")
            }
        }
        let logStore: any ObjectStore
        do { logStore = try storeSet.store(payload.loggingDataStore) } catch { throw .failed("\(error)") }
        let folder = payload.invocationFolder
        let listPrefix = action.isEntry ? folder + "/" : action.isFanIn ? "\(folder)/function_completions/" : nil
        async let firstListing = Self.listing(logStore, prefix: listPrefix)
        let names = payload.dataStores.keys, environment = environment
        let failures = await withTaskGroup(of: (Int, String?).self) { group in
            for (i, name) in names.enumerated() {
                group.addTask {
                    do { try await storeSet.store(name).checkAccess(); return (i, nil) } catch {
                        let hint = StoreAccessHint.text(for: error, store: name, payload: payload, environment: environment)
                        return (i, "S3 server \(name) failed with message: \(error)" + (hint.map { "; \($0)" } ?? ""))
                    }
                }
            }
            var byStore = [String?](repeating: nil, count: names.count)
            for await (i, failure) in group { byStore[i] = failure }
            return byStore
        }
        let listed = await firstListing
        if let failure = failures.lazy.compactMap({ $0 }).first { throw .failed(failure) }
        if action.isEntry {
            switch listed {
            case .success(let listing)?:
                if !listing.objects.isEmpty {
                    let id = payload.string("InvocationID") ?? ""
                    throw .failed("InvocationID already exists: \(id) (objects exist under \(folder)/; use a new InvocationID or leave it empty)")
                }
            case .failure(let error)?: throw .failed("cannot list \(folder): \(error)")
            case nil: break
            }
        }
        state.logStore = logStore
        state.folder = folder
        return CheckedStores(logStore: logStore, listed: listed)
    }

    /// Step 6: a fan-in action runs only when every predecessor's `.done` is there, and then
    /// only in the one invocation that wins the election; the others stop cleanly.
    func passFanInGate(_ payload: ActionPayload, action: CheckedAction, session: ActionSession,
                       listed: Result<ObjectListing, any Error>?, logStore: any ObjectStore,
                       state: inout State) async throws(StepEnd) {
        guard action.isFanIn else { return }
        let folder = payload.invocationFolder
        do {
            let done = Set(try listed!.get().keys)
            for p in action.predecessors where !done.contains("\(folder)/function_completions/\(p).done") {
                state.log.log(.info, "Missing .done file for predecessor: \(p) — aborting.")
                throw StepEnd.aborted("waiting for \(p)")
            }
            try await startEarly(action, session: session, state: &state)
            let won = try await FanInElection(store: logStore, folder: folder, action: action.name).contend()
            if !won {
                state.log.log(.info, "Not the last trigger invoked — random number does not match")
                throw StepEnd.aborted("another invocation runs \(action.name)")
            }
        } catch let end as StepEnd {
            throw end
        } catch {
            throw .failed("fan-in of \(action.name) failed: \(error)")
        }
    }
}
