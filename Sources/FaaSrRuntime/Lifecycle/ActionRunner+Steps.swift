import FaaSrCore
import FaaSrStorage
import Foundation

extension ActionRunner {
    /// How a step ends the run before the action finished.
    enum StepEnd: Error {
        /// The action failed: the message is logged as an error and becomes the outcome's.
        case failed(String)
        /// A fan-in invocation stops cleanly (already logged): someone else runs the action.
        case aborted(String)
    }

    /// What validation established about the action to run.
    struct CheckedAction {
        /// The action's name (`FunctionInvoke`).
        let name: String
        /// The workflow's graph.
        let graph: WorkflowGraph
        /// The predecessors whose `.done` markers the action waits for (empty: the entry).
        let predecessors: [String]
        /// The action's `ActionList` entry.
        let entry: JSONObject
        /// Its `Type` (`Python` when absent).
        let type: String

        /// Whether this is the workflow's entry action (no predecessors).
        var isEntry: Bool { predecessors.isEmpty }
        /// Whether the action joins several predecessors.
        var isFanIn: Bool { predecessors.count > 1 }
        /// Whether the action is one of FaaSr's built-in functions.
        var isBuiltin: Bool { entry["_faasr_builtin"]?.boolValue == true }
    }

    /// The life cycle, one named step after another; the first step that ends the run early
    /// decides the outcome.
    func runSteps(_ state: inout State) async -> ActionOutcome {
        let log = state.log
        var outcome = ActionOutcome(kind: .failed, result: nil, message: nil, triggered: 0)
        do throws(StepEnd) {
            let source = workflowSource()
            var payload = try await readPayload(source: source, state: &state)
            fillSecrets(&payload, log: log)
            let action = try validate(payload)
            let id = try identifyInvocation(&payload, action: action, outcome: &outcome)
            let storeSet = StoreSet(resolver: stores, dataStores: payload.dataStores)
            let session = ActionSession(payload: payload, stores: storeSet, log: log, workingDirectory: workingDirectory,
                                        environment: environment, maxRank: action.graph.copies(of: action.name))
            let checked = try await checkStores(payload, storeSet, action: action, session: session, state: &state)
            try await passFanInGate(payload, action: action, session: session, listed: checked.listed,
                                    logStore: checked.logStore, state: &state)
            await JobMarker.record(payload: payload, store: checked.logStore, environment: environment, log: log)
            outcome.result = try await runFunction(payload, action: action, id: id, session: session, source: source, state: state)
            try await writeDone(payload, store: checked.logStore)
            try await triggerSuccessors(payload, action: action, result: outcome.result, outcome: &outcome, log: log)
            log.log(.info, "Finished action - InvocationID: \(id)")
            outcome.kind = .succeeded
        } catch {
            switch error {
            case .failed(let message):
                log.log(.error, message)
                outcome.kind = .failed
                outcome.message = message
            case .aborted(let message):
                outcome.kind = .aborted
                outcome.message = message
            }
        }
        return outcome
    }
}
