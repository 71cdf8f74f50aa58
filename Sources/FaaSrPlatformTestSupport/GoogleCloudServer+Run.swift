import FaaSrCore
import Foundation

/// Cloud Run Admin v2: jobs (create, get, patch, delete, run) and their operations. Called
/// under the server's lock.
extension GoogleCloudServer {
    /// Cloud Run's rule for job ids: a lowercase letter, then lowercase letters, digits and
    /// hyphens, not ending in a hyphen, at most 63 characters.
    static func validJobID(_ id: String) -> Bool {
        guard let first = id.first, ("a"..."z").contains(first), id.count <= 63, !id.hasSuffix("-") else { return false }
        return id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    func runAnswer(_ id: String, _ p: [String: String], _ body: JSONValue, caller: String) -> LoopbackReply {
        let parent = "projects/\(p["projectsId"] ?? "")/locations/\(p["locationsId"] ?? "")"
        let name = "\(parent)/jobs/\(p["jobsId"] ?? "")"
        switch id {
        case "run.projects.locations.jobs.create":
            guard let jobID = p["jobId"], Self.validJobID(jobID) else {
                return Self.error(400, "INVALID_ARGUMENT", "Invalid job id '\(p["jobId"] ?? "")': must start with a lowercase letter, hold only lowercase letters, digits and hyphens, and be at most 63 characters")
            }
            let full = "\(parent)/jobs/\(jobID)"
            if jobs[full] != nil { return Self.error(409, "ALREADY_EXISTS", "Resource '\(jobID)' already exists.") }
            if let problem = jobProblem(body) { return Self.error(400, "INVALID_ARGUMENT", problem) }
            var job = body.objectValue ?? JSONObject()
            job["name"] = .string(full)
            job["uid"] = .string(nextID())
            job["generation"] = "1"
            job["createTime"] = .string(Self.now())
            job["updateTime"] = .string(Self.now())
            job["creator"] = .string(caller)
            job["executionCount"] = 0
            job["etag"] = .string("\"\(nextID())\"")
            if p["validateOnly"] != "true" { jobs[full] = job }
            return operation(parent, metadata: job, type: "Job")
        case "run.projects.locations.jobs.get":
            guard let job = jobs[name] else { return notFound(name) }
            return .json(200, .object(job))
        case "run.projects.locations.jobs.patch":
            guard var job = jobs[name] ?? (p["allowMissing"] == "true" ? JSONObject() : nil) else { return notFound(name) }
            if let etag = body["etag"]?.stringValue, let current = job["etag"]?.stringValue, etag != current {
                return Self.error(409, "ABORTED", "The etag \(etag) does not match the current etag of \(name).")
            }
            if let problem = jobProblem(body) { return Self.error(400, "INVALID_ARGUMENT", problem) }
            for m in body.objectValue?.members ?? [] where !["name", "etag", "uid", "generation", "createTime", "creator"].contains(m.key) {
                job[m.key] = m.value
            }
            job["name"] = .string(name)
            job["generation"] = .string(String((Int(job["generation"]?.stringValue ?? "0") ?? 0) + 1))
            job["updateTime"] = .string(Self.now())
            job["etag"] = .string("\"\(nextID())\"")
            if p["validateOnly"] != "true" { jobs[name] = job }
            return operation(parent, metadata: job, type: "Job")
        case "run.projects.locations.jobs.delete":
            guard let job = jobs[name] else { return notFound(name) }
            if let etag = p["etag"], etag != job["etag"]?.stringValue { return Self.error(409, "ABORTED", "The etag does not match.") }
            if p["validateOnly"] != "true" { jobs[name] = nil }
            return operation(parent, metadata: job, type: "Job")
        case "run.projects.locations.jobs.run":
            return runJob(name, parent: parent, body)
        case "run.projects.locations.operations.get":
            let opName = "\(parent)/operations/\(p["operationsId"] ?? "")"
            guard var op = operations[opName] else { return notFound(opName) }
            if op["done"]?.boolValue != true, !heldOperations.contains(opName) {
                op["done"] = true
                op["response"] = op["metadata"]
                operations[opName] = op
            }
            return .json(200, .object(op))
        default:
            return Self.error(501, "UNIMPLEMENTED", "not implemented by the test server: \(id)")
        }
    }

    func notFound(_ name: String) -> LoopbackReply { Self.error(404, "NOT_FOUND", "Resource '\(name)' was not found") }

    /// What Cloud Run refuses in a job: no container, a container without an image, a
    /// cpu it does not offer, a memory limit that is not a quantity.
    func jobProblem(_ body: JSONValue) -> String? {
        guard let containers = body["template"]?["template"]?["containers"]?.arrayValue, !containers.isEmpty else {
            return "template.template.containers: a job needs one container"
        }
        for c in containers {
            guard let image = c["image"]?.stringValue, !image.isEmpty else { return "template.template.containers[].image is required" }
            if let cpu = c["resources"]?["limits"]?["cpu"]?.stringValue, !["1", "2", "4", "8"].contains(cpu) {
                return "cpu limit '\(cpu)' is not one of 1, 2, 4, 8"
            }
            if let memory = c["resources"]?["limits"]?["memory"]?.stringValue, !(memory.hasSuffix("Mi") || memory.hasSuffix("Gi")) || Int(memory.dropLast(2)) == nil {
                return "memory limit '\(memory)' is not a quantity such as 512Mi"
            }
        }
        return nil
    }

    /// A new operation on `metadata` (a resource of `type`), not yet done.
    func operation(_ parent: String, metadata: JSONObject, type: String) -> LoopbackReply {
        let name = "\(parent)/operations/\(nextID())"
        var meta = metadata
        meta["@type"] = .string("type.googleapis.com/google.cloud.run.v2.\(type)")
        var op = JSONObject()
        op["name"] = .string(name)
        op["metadata"] = .object(meta)
        op["done"] = false
        operations[name] = op
        return .json(200, .object(op))
    }

    /// Starts an execution of job `name` with the request's overrides.
    func runJob(_ name: String, parent: String, _ body: JSONValue) -> LoopbackReply {
        guard var job = jobs[name] else { return notFound(name) }
        if let etag = body["etag"]?.stringValue, etag != job["etag"]?.stringValue { return Self.error(409, "ABORTED", "The etag does not match.") }
        let container = job["template"]?["template"]?["containers"]?[0]
        var env: [String: String] = [:]
        for e in container?["env"]?.arrayValue ?? [] { if let n = e["name"]?.stringValue { env[n] = e["value"]?.stringValue ?? "" } }
        let overrides = body["overrides"]?["containerOverrides"]?.arrayValue ?? []
        if overrides.count > 1 { return Self.error(400, "INVALID_ARGUMENT", "the job has one container; got \(overrides.count) container overrides") }
        for e in overrides.first?["env"]?.arrayValue ?? [] {
            guard let n = e["name"]?.stringValue, !n.isEmpty else { return Self.error(400, "INVALID_ARGUMENT", "an env override needs a name") }
            env[n] = e["value"]?.stringValue ?? ""
        }
        if body["validateOnly"]?.boolValue == true { return operation(parent, metadata: JSONObject(), type: "Execution") }
        let jobID = String(name.split(separator: "/").last!)
        let count = (job["executionCount"]?.numberValue?.intValue ?? 0) + 1
        job["executionCount"] = .number(JSONNumber(count))
        let execution = "\(name)/executions/\(jobID)-\(String(nextID().suffix(5)))"
        job["latestCreatedExecution"] = ["name": .string(execution), "createTime": .string(Self.now())]
        jobs[name] = job
        var meta = JSONObject()
        meta["name"] = .string(execution)
        meta["job"] = .string(jobID)
        meta["createTime"] = .string(Self.now())
        let reply = operation(parent, metadata: meta, type: "Execution")
        let opName = (try? JSONParser.parse(reply.body))?["name"]?.stringValue ?? ""
        if !finishRunsAtFirstPoll { heldOperations.insert(opName) }
        runs.append(JobRun(job: jobID, execution: execution, operation: opName,
                           image: container?["image"]?.stringValue ?? "", environment: env))
        return reply
    }

    /// Ends a run's operation held by ``finishRunsAtFirstPoll`` = false: done, with a
    /// response (succeeded) or an error (failed).
    public func finish(operation name: String, succeeded: Bool) {
        lock.withLock {
            heldOperations.remove(name)
            guard var op = operations[name] else { return }
            op["done"] = true
            if succeeded { op["response"] = op["metadata"] } else {
                op["error"] = ["code": 2, "message": "Task failed: the container exited with status 1"]
            }
            operations[name] = op
        }
    }
}
