import FaaSrCore
import Foundation

/// A loopback stand-in for an OpenWhisk controller. Every request is checked against
/// OpenWhisk's Swagger description (../shared/api/openwhisk-apiv1swagger.json) — operation,
/// declared query parameters, `Content-Type`, body schema — and must carry HTTP Basic auth
/// with the key (else 401, as OpenWhisk answers). State is kept as OpenWhisk keeps it: actions,
/// triggers and rules per namespace (`_` is the key's own namespace), `overwrite=false` on an
/// existing entity is a 409, a rule needs its trigger and action, each invocation leaves an
/// activation record, and the alarms feed (`/whisk.system/alarms/alarm`) keeps a cron per
/// trigger. Deviations are collected in ``problems``.
public final class OpenWhiskServer: @unchecked Sendable {
    /// The HTTP side (faults, recorded requests, address).
    public private(set) var http: LoopbackServer!
    /// The `uuid:key` requests must carry.
    public let apiKey: String
    /// The key's own namespace (what `_` stands for).
    public let namespace: String
    private let checker: DescriptionChecker
    private let lock = NSLock()
    private var entities: [String: JSONValue] = [:]   // "kind/ns/name"
    private var activations: [String: JSONValue] = [:]
    private var alarmCrons: [String: String] = [:]    // "/ns/trigger" → cron
    private var counter = 0

    /// A controller accepting `apiKey`, whose own namespace is `namespace`.
    public init(apiKey: String, namespace: String = "guest") throws {
        self.apiKey = apiKey
        self.namespace = namespace
        checker = DescriptionChecker(try SwaggerDescription.load("openwhisk-apiv1swagger.json"), file: "openwhisk-apiv1swagger.json")
        http = LoopbackServer { [unowned self] in self.handle($0) }
    }

    /// Every deviation from the description so far; tests expect none.
    public var problems: [String] { checker.problems }
    /// The API host (`Endpoint`).
    public var baseURL: String { http.baseURL }
    /// Starts listening.
    public func start() async throws { try await http.start() }
    /// Stops listening.
    public func stop() async { await http.stop() }

    /// The stored entity of `kind` (`actions`, `triggers`, `rules`) named `name`.
    public func entity(_ kind: String, _ name: String, namespace ns: String? = nil) -> JSONValue? {
        lock.withLock { entities["\(kind)/\(ns ?? namespace)/\(name)"] }
    }
    /// Names of the stored entities of `kind`.
    public func names(_ kind: String) -> [String] {
        lock.withLock { entities.keys.filter { $0.hasPrefix(kind + "/") }.map { String($0.split(separator: "/").last!) }.sorted() }
    }
    /// Every activation record, by id.
    public var activationRecords: [String: JSONValue] { lock.withLock { activations } }
    /// The alarm feed's crons, by `/namespace/trigger`.
    public var alarms: [String: String] { lock.withLock { alarmCrons } }

    static func error(_ status: Int, _ message: String) -> LoopbackReply {
        .json(status, ["error": .string(message), "code": .string(String(status))])
    }

    func handle(_ request: LoopbackRequest) -> LoopbackReply {
        let expected = "Basic " + Data(apiKey.utf8).base64EncodedString()
        guard request.headers["authorization"] == expected else {
            return Self.error(401, "The supplied authentication is invalid")
        }
        if request.headers["accept"].map({ !$0.contains("json") && $0 != "*/*" }) == true {
            checker.problem("\(request.label): Accept '\(request.headers["accept"]!)' is not JSON")
        }
        switch checker.check(request) {
        case .failure(let failure): return Self.error(failure.status, failure.message)
        case .success(let (op, parameters, body)):
            let reply = lock.withLock { answer(op.id, parameters, body ?? .null) }
            checker.checkAnswer(reply, of: op, request.label)
            return reply
        }
    }

    private func ns(_ p: [String: String]) -> String { p["namespace"] == "_" ? namespace : p["namespace"] ?? namespace }

    private func answer(_ id: String, _ p: [String: String], _ body: JSONValue) -> LoopbackReply {
        switch id {
        case "getAllNamespaces": return .json(200, [.string(namespace)])
        case "getActionByName": return get("actions", p["actionName"], p)
        case "getTriggerByName": return get("triggers", p["triggerName"], p)
        case "getRuleByName": return get("rules", p["ruleName"], p)
        case "deleteAction": return delete("actions", p["actionName"], p)
        case "deleteTrigger": return delete("triggers", p["triggerName"], p)
        case "deleteRule": return delete("rules", p["ruleName"], p)
        case "updateAction":
            guard body["exec"]?["kind"]?.stringValue != "blackbox" || body["exec"]?["image"]?.stringValue != nil else {
                return Self.error(400, "a blackbox action needs an image")
            }
            var limits = body["limits"]?.objectValue ?? JSONObject()
            if limits["timeout"] == nil { limits["timeout"] = 60000 }
            if limits["memory"] == nil { limits["memory"] = 256 }
            return put("actions", p["actionName"], p, body, extra: ["limits": .object(limits)])
        case "updateTrigger": return put("triggers", p["triggerName"], p, body, extra: [:])
        case "updateRule":
            let space = ns(p)
            for (kind, key) in [("triggers", "trigger"), ("actions", "action")] {
                guard let ref = body[key]?.stringValue, entities["\(kind)/\(space)/\(ref.split(separator: "/").last ?? "")"] != nil else {
                    return Self.error(404, "The requested resource does not exist (\(key))")
                }
            }
            func pathName(_ s: String) -> JSONValue { ["path": .string(space), "name": .string(String(s.split(separator: "/").last ?? ""))] }
            return put("rules", p["ruleName"], p, body, extra: [
                "trigger": pathName(body["trigger"]!.stringValue!), "action": pathName(body["action"]!.stringValue!),
                "status": .string(body["status"]?.stringValue ?? "active"),
            ])
        case "invokeAction": return invoke(ns(p), p["actionName"] ?? "", p, body)
        case "invokeActionInPackage":
            if p["namespace"] == "whisk.system", p["packageName"] == "alarms", p["actionName"] == "alarm" { return alarm(body) }
            return Self.error(404, "The requested resource does not exist.")
        case "getActivationById":
            guard let a = activations[p["activationid"] ?? ""] else { return Self.error(404, "The requested resource does not exist.") }
            return .json(200, a)
        default:
            checker.problem("the OpenWhisk test server does not implement \(id)")
            return Self.error(500, "not implemented by the test server")
        }
    }

    private func get(_ kind: String, _ name: String?, _ p: [String: String]) -> LoopbackReply {
        guard let e = entities["\(kind)/\(ns(p))/\(name ?? "")"] else { return Self.error(404, "The requested resource does not exist.") }
        return .json(200, e)
    }

    private func delete(_ kind: String, _ name: String?, _ p: [String: String]) -> LoopbackReply {
        guard let e = entities.removeValue(forKey: "\(kind)/\(ns(p))/\(name ?? "")") else {
            return Self.error(404, "The requested resource does not exist.")
        }
        return .json(200, e)
    }

    private func put(_ kind: String, _ name: String?, _ p: [String: String], _ body: JSONValue, extra: [String: JSONValue]) -> LoopbackReply {
        let key = "\(kind)/\(ns(p))/\(name ?? "")"
        let old = entities[key]
        if old != nil, p["overwrite"] != "true" { return Self.error(409, "resource already exists") }
        var e = body.objectValue ?? JSONObject()
        e["namespace"] = .string(ns(p))
        e["name"] = .string(name ?? "")
        let patch = (old?["version"]?.stringValue?.split(separator: ".").last).flatMap { Int($0) }.map { $0 + 1 } ?? 0
        e["version"] = .string("0.0.\(patch)")
        e["publish"] = .bool(body["publish"]?.boolValue ?? false)
        if e["annotations"] == nil { e["annotations"] = [] }
        for (k, v) in extra { e[k] = v }
        entities[key] = .object(e)
        return .json(200, .object(e))
    }

    private func invoke(_ space: String, _ name: String, _ p: [String: String], _ body: JSONValue) -> LoopbackReply {
        guard entities["actions/\(space)/\(name)"] != nil else { return Self.error(404, "The requested resource does not exist.") }
        counter += 1
        let id = String(format: "%032x", counter)
        activations[id] = [
            "namespace": .string(space), "name": .string(name), "version": "0.0.1", "publish": false,
            "subject": .string(namespace), "activationId": .string(id), "start": .number(JSONNumber(counter)),
            "response": ["status": "success", "success": true, "result": ["payload": body]], "logs": [],
        ]
        if p["blocking"] == "true" { return .json(200, ["activationId": .string(id)]) }
        return .json(202, ["activationId": .string(id)])
    }

    /// The alarms feed: `CREATE` with a cron for an existing trigger, `DELETE` to stop.
    private func alarm(_ body: JSONValue) -> LoopbackReply {
        guard body["authKey"]?.stringValue == apiKey else { return Self.error(502, "alarm feed: authKey is not the caller's key") }
        guard let trigger = body["triggerName"]?.stringValue else { return Self.error(502, "alarm feed: no triggerName") }
        let parts = trigger.split(separator: "/").map(String.init)
        let path = parts.count == 2 ? "/\(parts[0] == "_" ? namespace : parts[0])/\(parts[1])" : trigger
        switch body["lifecycleEvent"]?.stringValue {
        case "CREATE":
            guard entities["triggers\(path)"] != nil else { return Self.error(502, "alarm feed: trigger \(path) does not exist") }
            guard let cron = body["cron"]?.stringValue, cron.split(separator: " ").count == 5 else {
                return Self.error(502, "alarm feed: cron must have five fields")
            }
            alarmCrons[path] = cron
        case "DELETE":
            guard alarmCrons.removeValue(forKey: path) != nil else { return Self.error(502, "alarm feed: no alarm for \(path)") }
        default:
            return Self.error(502, "alarm feed: lifecycleEvent must be CREATE or DELETE")
        }
        return .json(200, ["activationId": "alarm"])
    }
}
