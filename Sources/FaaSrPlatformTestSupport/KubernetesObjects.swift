import FaaSrCore
import Foundation

/// What the loopback Kubernetes API server stores and how it judges objects, as the API server
/// does: objects per resource and namespace with `uid`, `resourceVersion` (one counter for
/// all) and `creationTimestamp`; names checked as DNS-1123 labels or subdomains (a Job's at
/// most 63 characters because of its pods' `job-name` label, a CronJob's at most 52); Jobs'
/// pod templates, CronJob schedules and Secret data validated; `Status` objects for errors
/// with Kubernetes' reasons (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, ...).
struct KubernetesObjects {
    /// Objects by `resource/namespace/name`.
    var objects: [String: JSONValue] = [:]
    /// The namespaces that exist.
    var namespaces: Set<String>
    private var version = 1000

    init(namespaces: Set<String>) { self.namespaces = namespaces }

    /// `apiVersion`, `kind` and API group of a resource.
    static func kind(of resource: String) -> (apiVersion: String, kind: String, group: String) {
        switch resource {
        case "jobs": ("batch/v1", "Job", "batch")
        case "cronjobs": ("batch/v1", "CronJob", "batch")
        default: ("v1", "Secret", "")
        }
    }

    /// `jobs.batch`, `secrets`: how messages name a resource.
    static func qualified(_ resource: String) -> String {
        let group = kind(of: resource).group
        return group.isEmpty ? resource : "\(resource).\(group)"
    }

    /// A `Status` answer.
    static func status(_ code: Int, _ reason: String, _ message: String) -> LoopbackReply {
        .json(code, ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                     "message": .string(message), "reason": .string(reason), "code": .number(JSONNumber(code))])
    }

    static func notFound(_ resource: String, _ name: String) -> LoopbackReply {
        status(404, "NotFound", "\(qualified(resource)) \"\(name)\" not found")
    }

    static func invalid(_ resource: String, _ name: String, _ causes: [String]) -> LoopbackReply {
        status(422, "Invalid", "\(kind(of: resource).kind) \"\(name)\" is invalid: \(causes.joined(separator: ", "))")
    }

    static func key(_ resource: String, _ namespace: String, _ name: String) -> String { "\(resource)/\(namespace)/\(name)" }

    static func isLabel(_ s: String, max: Int = 63) -> Bool {
        guard !s.isEmpty, s.count <= max, s.first != "-", s.last != "-" else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isSubdomain(_ s: String) -> Bool {
        s.count <= 253 && s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }

    /// A label value: at most 63 of `[A-Za-z0-9_.-]`, starting and ending alphanumeric.
    static func isLabelValue(_ s: String) -> Bool {
        if s.isEmpty { return true }
        guard s.count <= 63, let f = s.unicodeScalars.first, let l = s.unicodeScalars.last,
              CharacterSet.alphanumerics.contains(f), CharacterSet.alphanumerics.contains(l) else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// Why `object` would be refused (422 causes), empty when it is fine.
    static func causes(_ resource: String, _ object: JSONValue, name: String) -> [String] {
        var out: [String] = []
        switch resource {
        case "jobs": if !isLabel(name) { out.append("metadata.name: Invalid value: \"\(name)\": must be a DNS-1123 label of at most 63 characters") }
        case "cronjobs": if !isLabel(name, max: 52) { out.append("metadata.name: Invalid value: \"\(name)\": must be a DNS-1123 label of at most 52 characters") }
        default: if !isSubdomain(name) { out.append("metadata.name: Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'") }
        }
        for (k, v) in object["metadata"]?["labels"]?.objectValue?.members.map({ ($0.key, $0.value) }) ?? [] {
            if !isLabelValue(v.stringValue ?? "") { out.append("metadata.labels[\(k)]: Invalid value: must be 63 characters or less, alphanumeric at both ends") }
        }
        switch resource {
        case "jobs": out += jobCauses(object["spec"], at: "spec")
        case "cronjobs":
            let schedule = object["spec"]?["schedule"]?.stringValue ?? ""
            let fields = schedule.split(separator: " ")
            if fields.count != 5 && !schedule.hasPrefix("@") { out.append("spec.schedule: Invalid value: \"\(schedule)\": expected exactly 5 fields") }
            if let zone = object["spec"]?["timeZone"]?.stringValue, TimeZone(identifier: zone) == nil {
                out.append("spec.timeZone: Invalid value: \"\(zone)\": unknown time zone")
            }
            out += jobCauses(object["spec"]?["jobTemplate"]?["spec"], at: "spec.jobTemplate.spec")
        default:
            for member in object["data"]?.objectValue?.members ?? [] {
                if member.value.stringValue.flatMap({ Data(base64Encoded: $0) }) == nil { out.append("data[\(member.key)]: Invalid value: not base64") }
                if member.key.isEmpty || !member.key.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }) {
                    out.append("data[\(member.key)]: Invalid value: a valid config key must consist of alphanumeric characters, '-', '_' or '.'")
                }
            }
        }
        return out
    }

    static func jobCauses(_ spec: JSONValue?, at path: String) -> [String] {
        var out: [String] = []
        let pod = spec?["template"]?["spec"]
        let restart = pod?["restartPolicy"]?.stringValue ?? "Always"
        if !["Never", "OnFailure"].contains(restart) {
            out.append("\(path).template.spec.restartPolicy: Unsupported value: \"\(restart)\": supported values: \"OnFailure\", \"Never\"")
        }
        let containers = pod?["containers"]?.arrayValue ?? []
        if containers.isEmpty { out.append("\(path).template.spec.containers: Required value") }
        for (i, c) in containers.enumerated() {
            let at = "\(path).template.spec.containers[\(i)]"
            let name = c["name"]?.stringValue ?? ""
            if !isLabel(name) { out.append("\(at).name: Invalid value: \"\(name)\": a lowercase RFC 1123 label of at most 63 characters") }
            if (c["image"]?.stringValue ?? "").isEmpty { out.append("\(at).image: Required value") }
            for e in c["env"]?.arrayValue ?? [] {
                let n = e["name"]?.stringValue ?? ""
                if n.isEmpty || n.first!.isNumber || !n.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }) {
                    out.append("\(at).env.name: Invalid value: \"\(n)\": a valid environment variable name")
                }
            }
        }
        return out
    }

    /// Stores a new object: the `metadata` the API server fills in, `status` for Jobs.
    mutating func create(_ resource: String, _ namespace: String, _ name: String, _ body: JSONValue) -> JSONValue {
        version += 1
        var object = body.objectValue ?? JSONObject()
        var metadata = object["metadata"]?.objectValue ?? JSONObject()
        metadata["name"] = .string(name)
        metadata["generateName"] = metadata["generateName"]
        metadata["namespace"] = .string(namespace)
        metadata["uid"] = .string(UUID().uuidString.lowercased())
        metadata["resourceVersion"] = .string(String(version))
        metadata["creationTimestamp"] = .string(Self.now())
        object["metadata"] = .object(metadata)
        if resource == "jobs" {
            var spec = object["spec"]?.objectValue ?? JSONObject()
            if spec["backoffLimit"] == nil { spec["backoffLimit"] = 6 }
            if spec["completions"] == nil { spec["completions"] = 1 }
            if spec["parallelism"] == nil { spec["parallelism"] = 1 }
            object["spec"] = .object(spec)
            object["status"] = ["active": 1, "startTime": .string(Self.now())]
        }
        if resource == "cronjobs" { object["status"] = [:] }
        if resource == "secrets", object["type"] == nil { object["type"] = "Opaque" }
        objects[Self.key(resource, namespace, name)] = .object(object)
        return .object(object)
    }

    /// Replaces an object, keeping its identity and bumping `resourceVersion`.
    mutating func replace(_ resource: String, _ namespace: String, _ name: String, _ body: JSONValue) -> JSONValue {
        let old = objects[Self.key(resource, namespace, name)]
        version += 1
        var object = body.objectValue ?? JSONObject()
        var metadata = object["metadata"]?.objectValue ?? JSONObject()
        metadata["namespace"] = .string(namespace)
        metadata["uid"] = old?["metadata"]?["uid"]
        metadata["creationTimestamp"] = old?["metadata"]?["creationTimestamp"]
        metadata["resourceVersion"] = .string(String(version))
        object["metadata"] = .object(metadata)
        if resource == "secrets", object["type"] == nil { object["type"] = "Opaque" }
        objects[Self.key(resource, namespace, name)] = .object(object)
        return .object(object)
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}
