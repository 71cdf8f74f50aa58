import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Timers: a Cloud Scheduler job `{job}-timer` that POSTs the job's `:run` request, with the
/// payload (PAYLOAD_URL and OVERWRITTEN) in its body, as the service account. FaaSr's timer
/// sends no body, so the job starts without its payload and fails (spec/platforms.md §11).
extension GoogleCloudPlatform {
    /// The URL of Scheduler job `name`.
    func schedulerURL(_ name: String) -> String { "\(schedulerBase)/\(parent)/jobs/\(PlatformJSON.segment(name))" }

    /// The Scheduler `Job` of `timer`.
    func schedulerJob(_ timer: TimerRequest) -> (name: String, body: JSONValue) {
        let job = GoogleCloudFacts.jobName(timer.request.functionName)
        let name = GoogleCloudFacts.timerName(job: job)
        let run = Self.runRequest(payloadURL: timer.request.payloadURL, overwritten: timer.request.overwritten)
        let target: JSONValue = [
            "uri": .string(jobURL(job, ":run")),
            "httpMethod": "POST",
            "headers": ["Content-Type": "application/json"],
            "body": .string(Data(JSONPrinter.compact(run).utf8).base64EncodedString()),
            "oauthToken": ["serviceAccountEmail": .string(account.clientEmail), "scope": .string(GoogleServiceAccount.cloudPlatformScope)],
        ]
        let body: JSONValue = ["name": .string("\(parent)/jobs/\(name)"), "schedule": .string(timer.cron), "timeZone": "Etc/UTC",
                               "httpTarget": target]
        return (name, body)
    }

    /// Creates the Scheduler job, or patches it when it exists (a new schedule or payload).
    public func setTimer(_ timer: TimerRequest) async throws {
        let job = schedulerJob(timer)
        let existing = try await api.expect("GET", schedulerURL(job.name), [200, 404])
        if existing.status == 404 {
            let response = try await api.send("POST", "\(schedulerBase)/\(parent)/jobs", body: job.body)
            if response.status == 200 { return }
            guard response.status == 409 else { throw api.failure("POST", "\(schedulerBase)/\(parent)/jobs", response) }
        }
        _ = try await api.expect("PATCH", schedulerURL(job.name) + "?updateMask=schedule,timeZone,httpTarget", body: job.body)
    }

    /// Deletes the Scheduler job; one already gone is fine.
    public func unsetTimer(_ timer: TimerRequest) async throws {
        _ = try await api.expect("DELETE", schedulerURL(schedulerJob(timer).name), [200, 404])
    }
}
