import FaaSrCore
import Foundation

/// Cloud Scheduler v1 (create, get, patch, delete), and firing a job as the scheduler would.
/// Called under the server's lock.
extension GoogleCloudServer {
    func schedulerAnswer(_ id: String, _ p: [String: String], _ body: JSONValue) -> LoopbackReply {
        let parent = "projects/\(p["projectsId"] ?? "")/locations/\(p["locationsId"] ?? "")"
        let name = "\(parent)/jobs/\(p["jobsId"] ?? "")"
        switch id {
        case "cloudscheduler.projects.locations.jobs.create":
            guard let full = body["name"]?.stringValue, full.hasPrefix("\(parent)/jobs/"),
                  let jobID = full.split(separator: "/").last.map(String.init), Self.validScheduleID(jobID) else {
                return Self.error(400, "INVALID_ARGUMENT", "Job name must be \(parent)/jobs/JOB_ID, JOB_ID of letters, digits, hyphens and underscores (at most 500)")
            }
            if schedules[full] != nil { return Self.error(409, "ALREADY_EXISTS", "Job \(full) already exists.") }
            if let problem = scheduleProblem(body, requireSchedule: true) { return Self.error(400, "INVALID_ARGUMENT", problem) }
            var job = body.objectValue ?? JSONObject()
            job["state"] = "ENABLED"
            job["userUpdateTime"] = .string(Self.now())
            if job["timeZone"] == nil { job["timeZone"] = "Etc/UTC" }
            schedules[full] = job
            return .json(200, .object(job))
        case "cloudscheduler.projects.locations.jobs.get":
            guard let job = schedules[name] else { return notFound(name) }
            return .json(200, .object(job))
        case "cloudscheduler.projects.locations.jobs.patch":
            guard var job = schedules[name] else { return notFound(name) }
            if let problem = scheduleProblem(body, requireSchedule: false) { return Self.error(400, "INVALID_ARGUMENT", problem) }
            let mask = p["updateMask"].map { Set($0.split(separator: ",").map { String($0.split(separator: ".").first!) }) }
            for m in body.objectValue?.members ?? [] where m.key != "name" && (mask?.contains(m.key) ?? true) { job[m.key] = m.value }
            job["userUpdateTime"] = .string(Self.now())
            schedules[name] = job
            return .json(200, .object(job))
        case "cloudscheduler.projects.locations.jobs.delete":
            guard schedules.removeValue(forKey: name) != nil else { return notFound(name) }
            return .json(200, .object(JSONObject()))
        default:
            return Self.error(501, "UNIMPLEMENTED", "not implemented by the test server: \(id)")
        }
    }

    static func validScheduleID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 500 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// What Cloud Scheduler refuses: no or a malformed unix-cron schedule, not exactly one
    /// target, an HTTP target without an http(s) URI or with a body on a GET.
    func scheduleProblem(_ body: JSONValue, requireSchedule: Bool) -> String? {
        if let schedule = body["schedule"]?.stringValue {
            if schedule.split(separator: " ").count != 5 { return "Schedule '\(schedule)' is not a unix-cron expression of five fields" }
        } else if requireSchedule {
            return "schedule is required"
        }
        let targets = ["httpTarget", "pubsubTarget", "appEngineHttpTarget"].filter { body[$0] != nil }
        if requireSchedule, targets.count != 1 { return "exactly one target is required" }
        if let target = body["httpTarget"] {
            guard let uri = target["uri"]?.stringValue, uri.hasPrefix("http://") || uri.hasPrefix("https://") else {
                return "httpTarget.uri must begin with http:// or https://"
            }
            if target["body"] != nil, !["POST", "PUT", "PATCH"].contains(target["httpMethod"]?.stringValue ?? "POST") {
                return "a body is allowed only with POST, PUT or PATCH"
            }
        }
        return nil
    }

    /// Fires Scheduler job `id` now, as Cloud Scheduler would at its time: the HTTP target
    /// must be this server's `jobs/{job}:run`, with an OAuth token of a known service account;
    /// its body is run as that request (so the run's hook sees the timer's payload). Returns
    /// the run, or why the scheduler's call would fail.
    public func fire(schedule id: String) -> Result<JobRun, LoopbackReplyError> {
        var hooked: JobRun?
        let result = lock.withLock { () -> Result<JobRun, LoopbackReplyError> in
            guard let job = schedules.first(where: { $0.key.hasSuffix("/jobs/\(id)") })?.value, let target = job["httpTarget"] else {
                return .failure(.init(Self.error(404, "NOT_FOUND", "no Scheduler job \(id)")))
            }
            guard let email = target["oauthToken"]?["serviceAccountEmail"]?.stringValue, accounts[email] != nil else {
                return .failure(.init(Self.error(401, "UNAUTHENTICATED", "the Scheduler job sends no OAuth token of a known service account")))
            }
            guard let uri = target["uri"]?.stringValue, uri.hasPrefix(baseURL + "/v2/"), uri.hasSuffix(":run"),
                  target["httpMethod"]?.stringValue == "POST" else {
                return .failure(.init(Self.error(404, "NOT_FOUND", "the Scheduler job does not POST to a job's :run here")))
            }
            let path = String(uri.dropFirst(baseURL.count + 4).dropLast(4))
            let bytes = target["body"]?.stringValue.flatMap { Data(base64Encoded: $0) }.map(Array.init) ?? []
            let body = bytes.isEmpty ? JSONValue.null : (try? JSONParser.parse(bytes)) ?? .null
            let parts = path.split(separator: "/")
            guard parts.count == 6 else { return .failure(.init(Self.error(404, "NOT_FOUND", "malformed job path"))) }
            let reply = runJob(path, parent: parts.prefix(4).joined(separator: "/"), body)
            guard reply.status == 200, let run = runs.last else { return .failure(.init(reply)) }
            hooked = run
            return .success(run)
        }
        if let hooked, let hook = lock.withLock({ runHook }) { hook(hooked) }
        return result
    }
}
