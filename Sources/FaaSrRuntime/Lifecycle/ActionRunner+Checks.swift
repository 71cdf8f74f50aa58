import FaaSrCore
import Foundation

/// The steps before any store is touched: read the payload, fill in the secrets, validate,
/// and give the invocation its identity.
extension ActionRunner {
    /// Where workflows and function code are fetched from (GitHub, or the request's stores).
    func workflowSource() -> WorkflowSource {
        var source = WorkflowSource(gitHubAPI: gitHubAPI, token: request.gitHubToken ?? environment["GH_PAT"])
        source.environment = environment
        source.dataStores = request.overwritten["DataStores"]?.objectValue ?? JSONObject()
        return source
    }

    /// Step 1: the workflow (given, or fetched from `payloadURL`) with OVERWRITTEN applied,
    /// checked against the schema.
    func readPayload(source: WorkflowSource, state: inout State) async throws(StepEnd) -> ActionPayload {
        var base: JSONObject
        if let workflow {
            base = workflow
        } else {
            do { base = try await source.fetch(request.payloadURL) } catch { throw .failed("\(error)") }
        }
        let payload: ActionPayload
        switch Self.payload(base: base, request: request, schemaCheck: schemaCheck) {
        case .success(let p): payload = p
        case .failure(let f): throw .failed(f.description)
        }
        state.logName = payload.logFileName
        state.log.log(.info, "Action \(payload.functionInvoke)\(payload.functionRank.map { " rank \($0)" } ?? "") of workflow \(payload.string("WorkflowName") ?? "")")
        return payload
    }

    /// Step 2: credentials from the environment, for servers that use a secret store.
    func fillSecrets(_ payload: inout ActionPayload, log: ActionLog) {
        Secrets.fill(&payload, environment: environment, log: log)
    }

    /// Step 3: FaaSr's `check_dag`, the default and logging stores, and the action's entry.
    func validate(_ payload: ActionPayload) throws(StepEnd) -> CheckedAction {
        let action = payload.functionInvoke
        let graph = WorkflowGraph(payload.workflow)
        let predecessors: [String]
        switch Self.checkGraph(graph, functionInvoke: action) {
        case .success(let p): predecessors = p
        case .failure(let f): throw .failed(f.description)
        }
        guard payload.dataStores.object(payload.defaultDataStore) != nil else {
            throw .failed("DefaultDataStore '\(payload.defaultDataStore)' is not a key of DataStores")
        }
        guard payload.dataStores.object(payload.loggingDataStore) != nil else {
            throw .failed("LoggingDataStore '\(payload.loggingDataStore)' is not a key of DataStores")
        }
        guard let entry = payload.currentAction else { throw .failed("no ActionList entry for \(action)") }
        return CheckedAction(name: action, graph: graph, predecessors: predecessors, entry: entry,
                             type: entry.string("Type") ?? "Python")
    }

    /// Step 4: the entry action sets the timestamp, the InvocationID (given, from the date,
    /// or a new UUID) and the log folder; every other action must have been given both.
    /// Returns the InvocationID.
    func identifyInvocation(_ payload: inout ActionPayload, action: CheckedAction,
                            outcome: inout ActionOutcome) throws(StepEnd) -> String {
        if action.isEntry {
            if (payload.string("InvocationTimestamp") ?? "").isEmpty {
                payload.set("InvocationTimestamp", .string(InvocationIdentity.timestamp(Date())))
            }
            let id = (payload.string("InvocationID") ?? "").trimmingCharacters(in: .whitespaces)
            if id.isEmpty {
                if let format = payload.string("InvocationIDFromDate"), !format.isEmpty {
                    do {
                        payload.set("InvocationID", .string(try InvocationIdentity.id(fromDate: payload.string("InvocationTimestamp")!, format: format)))
                    } catch { throw .failed("\(error)") }
                } else {
                    payload.set("InvocationID", .string(UUID().uuidString.lowercased()))
                }
            }
            if (payload.string("FaaSrLog") ?? "").isEmpty { payload.set("FaaSrLog", .string("FaaSrLog")) }
        }
        guard let id = payload.string("InvocationID"), !id.isEmpty,
              let ts = payload.string("InvocationTimestamp"), !ts.isEmpty else {
            throw .failed("\(action.name) is not the entry action, but its payload has no InvocationID/InvocationTimestamp")
        }
        outcome.invocationID = id
        outcome.invocationTimestamp = ts
        return id
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
}
