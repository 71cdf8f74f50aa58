import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Register and unregister: one Cloud Run job per action.
extension GoogleCloudPlatform {
    /// Plan-change state keys and kinds.
    enum StateKey {
        static let kind = "kind", etag = "etag"
        static let job = "job", schedule = "schedule"
    }

    /// For each action: create its job, patch what differs (image, cpu, memory, timeout,
    /// service account), or leave it. Reads Cloud Run; changes nothing.
    public func plan(_ deployment: Deployment) async throws -> RegistrationPlan {
        let server = deployment.workflow.computeServer(named: serverName)?.object ?? JSONObject()
        let workflowName = deployment.workflow.workflowName ?? self.workflowName
        var changes: [PlanChange] = []
        for action in deployment.actions {
            let spec: GoogleRunJobSpec
            do {
                spec = try GoogleRunJobSpec(action: action, workflowName: workflowName, workflow: deployment.workflow,
                                            server: server, serviceAccount: account.clientEmail)
            } catch var error as PlatformError {
                error.serverName = serverName
                throw error
            }
            let response = try await api.expect("GET", jobURL(spec.name), [200, 404])
            if response.status == 404 {
                changes.append(PlanChange(kind: .create, resource: spec.name, detail: "new Cloud Run job (\(spec.summary))",
                                          body: spec.body, state: [StateKey.kind: StateKey.job]))
                continue
            }
            let current = PlatformJSON.parse(response)
            let differs = spec.differences(from: current)
            var state = [StateKey.kind: StateKey.job]
            state[StateKey.etag] = current["etag"]?.stringValue
            changes.append(differs.isEmpty
                ? PlanChange(kind: .unchanged, resource: spec.name, detail: "up to date (\(spec.summary))", state: state)
                : PlanChange(kind: .update, resource: spec.name, detail: differs.joined(separator: ", "), body: spec.body, state: state))
        }
        return RegistrationPlan(serverName: serverName, changes: changes)
    }

    /// For each action: its timer's Scheduler job (if any), then its Cloud Run job.
    public func unregisterPlan(_ deployment: Deployment) async throws -> RegistrationPlan {
        let workflowName = deployment.workflow.workflowName ?? self.workflowName
        var changes: [PlanChange] = []
        for action in deployment.actions {
            let job = GoogleCloudFacts.jobName("\(workflowName)-\(action)")
            let timer = GoogleCloudFacts.timerName(job: job)
            if try await api.expect("GET", schedulerURL(timer), [200, 404]).status == 200 {
                changes.append(PlanChange(kind: .delete, resource: timer, detail: "Cloud Scheduler timer of \(job)",
                                          state: [StateKey.kind: StateKey.schedule]))
            }
            let response = try await api.expect("GET", jobURL(job), [200, 404])
            if response.status == 200 {
                var state = [StateKey.kind: StateKey.job]
                state[StateKey.etag] = PlatformJSON.parse(response)["etag"]?.stringValue
                changes.append(PlanChange(kind: .delete, resource: job, detail: "Cloud Run job", state: state))
            }
        }
        return RegistrationPlan(serverName: serverName, changes: changes)
    }

    /// Makes the plan's changes in order, waiting for each operation to finish. When a step
    /// fails, the jobs this apply created are deleted again, so none is left half-registered;
    /// patches already made stay (each leaves a working job) and the error lists them.
    public func apply(_ plan: RegistrationPlan) async throws {
        var created: [String] = []
        var done: [String] = []
        do {
            for change in plan.changes {
                let name = change.resource
                switch (change.kind, change.state[StateKey.kind]) {
                case (.create, _):
                    guard let body = change.body else { continue }
                    let response = try await api.send("POST", "\(runBase)/\(parent)/jobs?jobId=\(PlatformJSON.segment(name))", body: body)
                    if response.status == 409 { throw conflict(name) }
                    guard response.status == 200 else { throw api.failure("POST", "\(runBase)/\(parent)/jobs", response) }
                    created.append(name)
                    _ = try await api.wait(PlatformJSON.parse(response), root: runBase, what: "create Cloud Run job \(name)")
                    done.append("created \(name)")
                case (.update, _):
                    guard var body = change.body?.objectValue else { continue }
                    if let etag = change.state[StateKey.etag] { body["etag"] = .string(etag) }
                    let response = try await api.expect("PATCH", jobURL(name), body: .object(body))
                    _ = try await api.wait(PlatformJSON.parse(response), root: runBase, what: "patch Cloud Run job \(name)")
                    done.append("updated \(name)")
                case (.delete, StateKey.schedule):
                    _ = try await api.expect("DELETE", schedulerURL(name), [200, 404])
                    done.append("deleted timer \(name)")
                case (.delete, _):
                    try await deleteJob(name)
                    done.append("deleted \(name)")
                case (.unchanged, _):
                    continue
                }
            }
        } catch {
            throw await ApplyRollback.undo(error, serverName: serverName, noun: "jobs", created: created, done: done) {
                try await deleteJob($0)
            }
        }
    }

    /// Deletes job `name` and waits for it to go; a job already gone is fine.
    func deleteJob(_ name: String) async throws {
        let response = try await api.expect("DELETE", jobURL(name), [200, 404])
        if response.status == 200 {
            _ = try await api.wait(PlatformJSON.parse(response), root: runBase, what: "delete Cloud Run job \(name)")
        }
    }

    private func conflict(_ name: String) -> PlatformError {
        PlatformError(serverName: serverName, request: "POST /v2/\(parent)/jobs", status: 409,
                      message: "a job \(name) was created by someone else since the plan was made; run register again (it will patch it)")
    }
}
