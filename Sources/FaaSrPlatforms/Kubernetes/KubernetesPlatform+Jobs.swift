import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Invocation, timers and status of ``KubernetesPlatform``.
extension KubernetesPlatform {
    /// OVERWRITTEN without credentials: the servers' and stores' secret fields are dropped,
    /// because the Job reads them from the workflow's Secret (FaaSr inlines them).
    static func withoutCredentials(_ overwritten: JSONObject) -> JSONObject {
        var out = overwritten
        if var servers = out["ComputeServers"]?.objectValue {
            for member in servers.members {
                guard var entry = member.value.objectValue else { continue }
                let type = PlatformFacts.named(entry["FaaSType"]?.stringValue)
                for field in (type?.secrets.map(\.field) ?? []) + ["Token", "AccessKey", "SecretKey", "APIkey", "API.key"] {
                    entry[field] = nil
                }
                servers[member.key] = .object(entry)
            }
            out["ComputeServers"] = .object(servers)
        }
        if var stores = out["DataStores"]?.objectValue {
            for member in stores.members {
                guard var entry = member.value.objectValue else { continue }
                entry["AccessKey"] = nil
                entry["SecretKey"] = nil
                stores[member.key] = .object(entry)
            }
            out["DataStores"] = .object(stores)
        }
        return out
    }

    /// A server setting as a whole number, when set.
    private func number(_ key: String, _ entry: JSONObject) -> Int? {
        (entry[key]?.numberValue?.doubleValue ?? server[key]?.numberValue?.doubleValue).map { Int($0.rounded(.up)) }
    }

    /// The labels of one invocation's Job (and its pods).
    func jobLabels(_ request: TriggerRequest, invocation: String) -> JSONObject {
        var labels = ownerLabels
        labels["faasr.io/action"] = .string(KubernetesNames.labelValue(request.action))
        labels["faasr.io/invocation"] = .string(invocation)
        return labels
    }

    /// The Job spec of one invocation: one container named after the function, with
    /// `PAYLOAD_URL` and `OVERWRITTEN` (compact JSON) in its environment and the workflow's
    /// Secret as `envFrom`; `backoffLimit` from `NumberOfRetries` (6), `activeDeadlineSeconds`
    /// from `TimeLimit`, `ttlSecondsAfterFinished` from `AdditionalTimeToLive`, requests and
    /// limits from `MaxCPU` (millicores) and `MaxMemory` (MB).
    func jobSpec(_ request: TriggerRequest, image: String, labels: JSONObject) -> JSONValue {
        let entry = request.server.isEmpty ? server : request.server
        var container = JSONObject()
        container["name"] = .string(KubernetesNames.label(request.functionName))
        container["image"] = .string(image)
        container["env"] = [
            ["name": "PAYLOAD_URL", "value": .string(request.payloadURL)],
            ["name": "OVERWRITTEN", "value": .string(JSONPrinter.compact(.object(Self.withoutCredentials(request.overwritten))))],
        ]
        container["envFrom"] = [["secretRef": ["name": .string(secretName)]]]
        var amounts = JSONObject()
        if let mb = number("MaxMemory", entry) { amounts["memory"] = .string("\(mb)M") }
        if let cpu = number("MaxCPU", entry) { amounts["cpu"] = .string("\(cpu)m") }
        if !amounts.isEmpty { container["resources"] = ["requests": .object(amounts), "limits": .object(amounts)] }
        var spec = JSONObject()
        spec["backoffLimit"] = .number(JSONNumber(number("NumberOfRetries", entry) ?? 6))
        if let t = number("TimeLimit", entry) { spec["activeDeadlineSeconds"] = .number(JSONNumber(t)) }
        if let t = number("AdditionalTimeToLive", entry) { spec["ttlSecondsAfterFinished"] = .number(JSONNumber(t)) }
        spec["template"] = ["metadata": ["labels": .object(labels)],
                            "spec": ["containers": [.object(container)], "restartPolicy": "Never"]]
        return .object(spec)
    }

    /// The image of `request`'s action: its container, else what register recorded on the
    /// Secret. Fails when the Secret is missing (the Job could not start without it).
    func image(for request: TriggerRequest) async throws -> String {
        let response = try await http.expect(call("GET", url("secrets", secretName)), [200, 404], hint: hint)
        if response.status == 404, PlatformJSON.parse(response)["message"]?.stringValue?.hasPrefix("namespaces ") == true {
            throw PlatformError(serverName: serverName, request: "GET secret \(secretName)", status: 404,
                                message: "the namespace '\(namespace)' does not exist; check ComputeServers.\(serverName).Namespace (or create it: `kubectl create namespace \(namespace)`)")
        }
        guard response.status == 200 else {
            throw PlatformError(serverName: serverName, request: "GET secret \(secretName)", status: 404,
                                message: "the workflow is not registered in namespace '\(namespace)' (its Secret \(secretName) is missing); run `faasr register` first")
        }
        if let c = request.container, !c.isEmpty { return c }
        let recorded = PlatformJSON.parse(response)["metadata"]?["annotations"]?[Self.imagesAnnotation]?.stringValue
        let images = recorded.flatMap { try? JSONParser.parse(Array($0.utf8)) }
        return images?[request.action]?.stringValue ?? Self.defaultImage(forType: nil)
    }

    /// Creates one Job. Its name is chosen here (not by `generateName`), so a POST retried
    /// after a lost answer cannot start the action twice: the repeat gets 409, and the Job of
    /// that name carrying this invocation's label counts as accepted.
    public func submit(_ request: TriggerRequest) async throws -> TriggerReceipt {
        let image = try await image(for: request)
        let name = KubernetesNames.job(function: request.functionName)
        let invocation = UUID().uuidString.lowercased()
        let labels = jobLabels(request, invocation: invocation)
        let job: JSONValue = [
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": ["name": .string(name), "labels": .object(labels)],
            "spec": jobSpec(request, image: image, labels: labels),
        ]
        let response = try await http.expect(call("POST", url("jobs"), body: job, idempotent: true), [200, 201, 202, 409], hint: hint)
        if response.status == 409 {
            let existing = try await http.expect(call("GET", url("jobs", name)), [200, 404], hint: hint)
            guard existing.status == 200, PlatformJSON.parse(existing)["metadata"]?["labels"]?["faasr.io/invocation"]?.stringValue == invocation else {
                throw PlatformError(serverName: serverName, request: "POST job \(name)", status: 409, message: hint(409, PlatformHTTP.excerpt(response.text)))
            }
        }
        return TriggerReceipt(serverName: serverName, jobID: name)
    }

    /// The Job's conditions (`Complete`, `Failed`) and counts (`active`); nil once it is gone.
    public func status(of receipt: TriggerReceipt) async throws -> JobState? {
        guard let name = receipt.jobID else { return nil }
        let response = try await http.expect(call("GET", url("jobs", name, suffix: "/status")), [200, 404], hint: hint)
        guard response.status == 200 else { return nil }
        let status = PlatformJSON.parse(response)["status"]
        let conditions = status?["conditions"]?.arrayValue ?? []
        func holds(_ type: String) -> Bool {
            conditions.contains { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" }
        }
        if holds("Complete") || holds("SuccessCriteriaMet") { return .succeeded }
        if holds("Failed") || holds("FailureTarget") { return .failed }
        if (status?["active"]?.numberValue?.intValue ?? 0) > 0 { return .running }
        return .queued
    }

    /// A CronJob `{function}-timer` (UTC) whose Jobs are the action's invocation. Setting it
    /// again replaces the schedule (delete, then create: the batch excerpt has no CronJob
    /// update); if the new one is refused, the old one is put back.
    public func setTimer(_ timer: TimerRequest) async throws {
        let name = KubernetesNames.cronJob(function: timer.request.functionName)
        do { _ = try CronSchedule(timer.cron) } catch {
            throw PlatformError(serverName: serverName, request: "timer \(name)", message: "\(error); use five cron fields (minute hour day month weekday)")
        }
        let image = try await image(for: timer.request)
        var labels = jobLabels(timer.request, invocation: "timer")
        labels["faasr.io/invocation"] = nil
        let cronJob: JSONValue = [
            "apiVersion": "batch/v1", "kind": "CronJob",
            "metadata": ["name": .string(name), "labels": .object(labels)],
            "spec": ["schedule": .string(timer.cron), "timeZone": "Etc/UTC", "concurrencyPolicy": "Allow",
                     "jobTemplate": ["metadata": ["labels": .object(labels)],
                                     "spec": jobSpec(timer.request, image: image, labels: labels)]],
        ]
        let existing = try await http.expect(call("GET", url("cronjobs", name)), [200, 404], hint: hint)
        if existing.status == 200 {
            _ = try await http.expect(call("DELETE", url("cronjobs", name)), [200, 202, 404], hint: hint)
        }
        do {
            _ = try await http.expect(call("POST", url("cronjobs"), body: cronJob, idempotent: true), [200, 201, 202], hint: hint)
        } catch {
            if existing.status == 200, var old = PlatformJSON.parse(existing).objectValue {
                old["metadata"] = ["name": .string(name), "labels": old["metadata"]?["labels"] ?? .object(labels)]
                old["status"] = nil
                _ = try? await http.send(call("POST", url("cronjobs"), body: .object(old), idempotent: true))
            }
            throw error
        }
    }

    /// Deletes the timer's CronJob (and the Jobs it started); one already gone is fine.
    public func unsetTimer(_ timer: TimerRequest) async throws {
        let name = KubernetesNames.cronJob(function: timer.request.functionName)
        _ = try await http.expect(call("DELETE", url("cronjobs", name, query: "propagationPolicy=Background")), [200, 202, 404], hint: hint)
    }
}
