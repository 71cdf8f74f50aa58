import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Timers on SLURM, which FaaSr does not have: a job named `{WorkflowName}-{Action}-timer`
/// with a begin time. When it starts it first submits the next one (sbatch, the same script,
/// at the schedule's next time), then runs the action as a new invocation. Unset cancels the
/// pending job (twice, a moment apart, in case a running one was just submitting its successor).
struct SLURMTimers {
    let platform: SLURMPlatform

    static func jobName(workflow: String, action: String) -> String { "\(workflow)-\(action)-timer" }

    func set(_ timer: TimerRequest) async throws {
        let schedule: CronSchedule
        do { schedule = try CronSchedule(timer.cron) } catch {
            throw PlatformError(serverName: platform.serverName, request: "set timer", message: "\(error)")
        }
        try await unset(timer, settle: false)
        let name = timer.request.functionName + "-timer"
        let now = Date()
        var job = platform.job(for: timer.request, name: name, extraEnvironment: [("FAASR_TIMER_CRON", timer.cron)], timer: true)
        job.beginIn = Int(schedule.next(after: now).timeIntervalSince(now).rounded(.up))
        _ = try await platform.submit(job, entry: timer.request.server)
    }

    func unset(_ timer: TimerRequest, settle: Bool = true) async throws {
        let name = timer.request.functionName + "-timer"
        for pass in 0..<(settle ? 2 : 1) {
            if pass > 0 { try await Task.sleep(nanoseconds: 2_000_000_000) }
            for job in try await pendingJobs(named: [name]) { try await cancel(job.id) }
        }
    }

    /// Pending jobs with one of `names`.
    func pendingJobs(named names: Set<String>) async throws -> [(id: String, name: String)] {
        let token = try platform.token()
        let version = try await platform.version()
        let response = try await platform.expect(
            PlatformRequest(method: "GET", url: "\(platform.server.endpoint)/slurm/\(version)/jobs", headers: platform.headers(token)),
            [200])
        let answer: JSONValue? = try? JSONParser.parse(Array(response.text.utf8))
        let jobs = answer?["jobs"]?.arrayValue ?? []
        return jobs.compactMap { job in
            guard let name = job["name"]?.stringValue, names.contains(name), SLURMPlatform.state(job["job_state"]) == .queued,
                  let id = job["job_id"]?.numberValue?.text else { return nil }
            return (id, name)
        }
    }

    func cancel(_ id: String) async throws {
        let token = try platform.token()
        let version = try await platform.version()
        _ = try await platform.expect(
            PlatformRequest(method: "DELETE", url: "\(platform.server.endpoint)/slurm/\(version)/job/\(id)", headers: platform.headers(token)),
            [200, 204])
    }
}
