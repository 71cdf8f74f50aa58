import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Invocation, timers and status of ``OpenWhiskPlatform``.
extension OpenWhiskPlatform {
    /// The alarms feed every timer trigger is fed by.
    public static let alarmFeed = "/whisk.system/alarms/alarm"

    /// What an action receives: `OVERWRITTEN`, `PAYLOAD_URL` and, when set, `GH_PAT`.
    func payload(_ request: TriggerRequest) -> JSONValue {
        var o = JSONObject()
        o["OVERWRITTEN"] = .object(request.overwritten)
        o["PAYLOAD_URL"] = .string(request.payloadURL)
        if let pat = secrets["GH_PAT"], !pat.isEmpty { o["GH_PAT"] = .string(pat) }
        return .object(o)
    }

    /// Invokes non-blocking; OpenWhisk answers 202 with the activation id.
    public func submit(_ request: TriggerRequest) async throws -> TriggerReceipt {
        let target = url("actions", request.functionName, query: "blocking=false&result=false")
        let response = try await http.expect(call("POST", target, body: payload(request)), [200, 202], hint: hint)
        return TriggerReceipt(serverName: serverName, jobID: PlatformJSON.parse(response)["activationId"]?.stringValue)
    }

    /// Trigger `{function}-timer` fed by the alarms package, and rule `{function}-timer-rule`
    /// joining it to the action. Setting it again replaces the schedule. When a step fails,
    /// what this call created is deleted again.
    public func setTimer(_ timer: TimerRequest) async throws {
        let names = timerNames(timer)
        let space = try await ownNamespace()
        let existed = try await http.expect(call("GET", url("triggers", names.trigger)), [200, 404], hint: hint).status == 200
        var trigger = JSONObject()
        trigger["annotations"] = [["key": "feed", "value": .string(Self.alarmFeed)]]
        _ = try await http.expect(call("PUT", url("triggers", names.trigger, query: "overwrite=true"), body: .object(trigger)), [200], hint: hint)
        do {
            if existed { try await stopAlarm(trigger: names.trigger) }
            try await alarm("CREATE", trigger: names.trigger, namespace: space, cron: timer.cron, payload: payload(timer.request))
            var rule = JSONObject()
            rule["trigger"] = .string("/\(space)/\(names.trigger)")
            rule["action"] = .string("/\(space)/\(timer.request.functionName)")
            rule["status"] = "active"
            _ = try await http.expect(call("PUT", url("rules", names.rule, query: "overwrite=true"), body: .object(rule)), [200], hint: hint)
        } catch {
            if !existed {
                try? await stopAlarm(trigger: names.trigger)
                _ = try? await http.send(call("DELETE", url("triggers", names.trigger)))
            }
            throw error
        }
    }

    /// Deletes the rule, stops the alarm and deletes the trigger; what is already gone is fine.
    public func unsetTimer(_ timer: TimerRequest) async throws {
        let names = timerNames(timer)
        _ = try await http.expect(call("DELETE", url("rules", names.rule)), [200, 404], hint: hint)
        try await stopAlarm(trigger: names.trigger)
        _ = try await http.expect(call("DELETE", url("triggers", names.trigger)), [200, 404], hint: hint)
    }

    /// An activation record exists once the activation ended: success or failure; until then, running.
    public func status(of receipt: TriggerReceipt) async throws -> JobState? {
        guard let id = receipt.jobID else { return nil }
        let response = try await http.expect(call("GET", url("activations", id)), [200, 404], hint: hint)
        if response.status == 404 { return .running }
        return PlatformJSON.parse(response)["response"]?["success"]?.boolValue == true ? .succeeded : .failed
    }

    func timerNames(_ timer: TimerRequest) -> (trigger: String, rule: String) {
        ("\(timer.request.functionName)-timer", "\(timer.request.functionName)-timer-rule")
    }

    /// The namespace by name: the configured one, or (for `_`) the key's own.
    func ownNamespace() async throws -> String {
        if namespace != "_" { return namespace }
        let response = try await http.expect(call("GET", "\(endpoint)/api/v1/namespaces"), [200], hint: hint)
        guard let first = PlatformJSON.parse(response).arrayValue?.first?.stringValue else {
            throw PlatformError(serverName: serverName, request: "GET /api/v1/namespaces", status: 200,
                                message: "OpenWhisk listed no namespace for the key; set ComputeServers.\(serverName).Namespace")
        }
        return first
    }

    /// Stops the alarm feeding `trigger`; an alarm that is not there is fine.
    func stopAlarm(trigger: String) async throws {
        let space = try await ownNamespace()
        let response = try await http.send(alarmRequest("DELETE", trigger: trigger, namespace: space, cron: nil, payload: nil))
        guard [200, 202, 502].contains(response.status) else {
            throw PlatformError(serverName: serverName, request: "POST \(Self.alarmFeed) (DELETE)", status: response.status,
                                message: hint(response.status, PlatformHTTP.excerpt(response.text)))
        }
    }

    private func alarm(_ event: String, trigger: String, namespace space: String, cron: String, payload: JSONValue) async throws {
        let request = alarmRequest(event, trigger: trigger, namespace: space, cron: cron, payload: payload)
        _ = try await http.expect(request, [200, 202]) { status, body in
            status == 502 ? "the alarms feed refused the schedule '\(cron)'; use five cron fields (minute hour day month weekday). It said: \(body)"
                : hint(status, body)
        }
    }

    private func alarmRequest(_ event: String, trigger: String, namespace space: String, cron: String?, payload: JSONValue?) -> PlatformRequest {
        var body = JSONObject()
        body["authKey"] = .string(apiKey)
        body["lifecycleEvent"] = .string(event)
        body["triggerName"] = .string("/\(space)/\(trigger)")
        if let cron { body["cron"] = .string(cron) }
        if let payload { body["trigger_payload"] = payload }
        let target = "\(endpoint)/api/v1/namespaces/whisk.system/actions/alarms/alarm?blocking=true&result=true"
        return call("POST", target, body: .object(body))
    }
}
