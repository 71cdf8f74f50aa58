import FaaSrCore
import FaaSrTestSupport
import Foundation

/// An OpenAPI 3 description (one of the excerpts in ../shared/api), read at test time so that
/// loopback servers check requests and their own answers against it: which operation a method
/// and path are, which query parameters it declares, the request body's JSON Schema and each
/// response's. `$ref`s are inlined; OpenAPI's annotations (`nullable`, `example`, `format`,
/// `discriminator`) are ignored, as FaaSrCore's ``JSONSchema`` ignores unknown words.
public struct APIDescription: Sendable {
    /// One operation.
    public struct Operation: Sendable {
        /// `GET`, `PUT`, ...
        public var method: String
        /// The path template, e.g. `/repos/{owner}/{repo}/contents/{path}`.
        public var template: String
        /// `operationId`.
        public var id: String
        /// Declared query parameters.
        public var query: Set<String>
        /// Whether a body is required.
        public var bodyRequired: Bool
        /// The JSON request body's schema.
        public var bodySchema: JSONSchema?
        /// JSON response schemas by status.
        public var responses: [Int: JSONSchema]
        /// Statuses the operation declares.
        public var statuses: Set<Int>
    }

    /// Every operation, in file order.
    public var operations: [Operation]

    /// Reads `../shared/api/NAME`.
    public static func load(_ name: String) throws -> APIDescription {
        let url = SharedFixtures.sharedRoot.appendingPathComponent("api/\(name)")
        let root = try JSONParser.parse(Array(try Data(contentsOf: url)))
        return try APIDescription(root)
    }

    /// Compiles a description.
    public init(_ root: JSONValue) throws {
        let resolver = Resolver(root: root)
        var ops: [Operation] = []
        for path in root["paths"]?.objectValue?.members ?? [] {
            let shared = path.value["parameters"]?.arrayValue ?? []
            for member in path.value.objectValue?.members ?? [] where member.key != "parameters" {
                let op = member.value
                var query = Set<String>()
                for p in shared + (op["parameters"]?.arrayValue ?? []) {
                    let param = resolver.resolve(p)
                    if param["in"]?.stringValue == "query", let n = param["name"]?.stringValue { query.insert(n) }
                }
                let body = op["requestBody"].map(resolver.resolve)
                // Kubernetes declares request bodies under `*/*`; JSON is what it means for them.
                let content = body?["content"]
                let bodySchema = try (content?["application/json"] ?? content?["*/*"])?["schema"].map { try JSONSchema(resolver.resolve($0)) }
                var responses: [Int: JSONSchema] = [:]
                var statuses = Set<Int>()
                for r in op["responses"]?.objectValue?.members ?? [] {
                    guard let code = Int(r.key) else { continue }
                    statuses.insert(code)
                    if let s = resolver.resolve(r.value)["content"]?["application/json"]?["schema"] {
                        responses[code] = try JSONSchema(resolver.resolve(s))
                    }
                }
                ops.append(Operation(method: member.key.uppercased(), template: path.key, id: op["operationId"]?.stringValue ?? "",
                                     query: query, bodyRequired: body?["required"]?.boolValue ?? false,
                                     bodySchema: bodySchema, responses: responses, statuses: statuses))
            }
        }
        operations = ops
    }

    /// The operation `method path` is, if any (a `{path}` parameter at the end may span
    /// several segments, as GitHub's `x-multi-segment` says). As OpenAPI says, a concrete path
    /// wins over a templated one (slurmrestd's `POST /job/submit` is not `POST /job/{job_id}`).
    public func operation(_ method: String, _ path: String) -> Operation? {
        let matching = operations.filter { $0.method == method && Self.matches(path, $0.template) }
        return matching.min { $0.template.filter { $0 == "{" }.count < $1.template.filter { $0 == "{" }.count }
    }

    /// The path parameters of `path` under `template`.
    public static func parameters(_ path: String, _ template: String) -> [String: String] {
        let p = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let t = template.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var out: [String: String] = [:]
        for (i, seg) in t.enumerated() where seg.hasPrefix("{") && i < p.count {
            let (name, verb) = Self.variable(seg)
            var raw = i == t.count - 1 && name == "path" ? p[i...].joined(separator: "/") : p[i]
            if let verb, raw.hasSuffix(":" + verb) { raw.removeLast(verb.count + 1) }
            out[name] = raw.removingPercentEncoding ?? raw
        }
        return out
    }

    static func matches(_ path: String, _ template: String) -> Bool {
        let p = path.split(separator: "/", omittingEmptySubsequences: false)
        let t = template.split(separator: "/", omittingEmptySubsequences: false)
        guard t.count <= p.count else { return false }
        for (i, seg) in t.enumerated() {
            if seg == "{path}" && i == t.count - 1 { return p[i...].allSatisfy { !$0.isEmpty } }
            if seg.hasPrefix("{") {
                // Google's custom methods: `{jobsId}:run` is the variable followed by `:run`.
                if let verb = variable(String(seg)).verb { if p[i].count > verb.count + 1 && p[i].hasSuffix(":" + verb) { continue } else { return false } }
                if p[i].isEmpty { return false } else { continue }
            }
            if seg != p[i] { return false }
        }
        return t.count == p.count
    }

    /// The variable's name in a template segment `{name}` or `{name}:verb`, and the verb.
    static func variable(_ segment: String) -> (name: String, verb: String?) {
        guard let close = segment.firstIndex(of: "}") else { return (segment, nil) }
        let name = String(segment[segment.index(after: segment.startIndex)..<close])
        let rest = segment[segment.index(after: close)...]
        return (name, rest.hasPrefix(":") ? String(rest.dropFirst()) : nil)
    }

    /// Inlines `#/...` references (the excerpts have no cycles).
    struct Resolver {
        let root: JSONValue

        func resolve(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let o):
                if let ref = o["$ref"]?.stringValue, ref.hasPrefix("#/") {
                    return resolve(root.value(at: JSONPointer(String(ref.dropFirst()))) ?? .object(JSONObject()))
                }
                // OpenAPI-only annotations, which FaaSrCore's JSONSchema would refuse as unknown assertions.
                let annotations: Set<String> = ["format", "discriminator", "example", "nullable", "readOnly", "writeOnly", "deprecated", "externalDocs", "xml"]
                // (A property of that name, inside `properties`, has a schema object as its value and stays.)
                var out = JSONObject(o.members.filter { m in
                    !annotations.contains(m.key) || (m.value.objectValue != nil && ["format", "nullable", "readOnly", "writeOnly", "deprecated"].contains(m.key))
                }.map { JSONObject.Member(key: $0.key, value: resolve($0.value)) })
                // OpenAPI 3.0's `nullable: true` is JSON Schema's type [T, "null"].
                if o["nullable"]?.boolValue == true, let type = o["type"]?.stringValue { out["type"] = [.string(type), "null"] }
                return .object(out)
            case .array(let a):
                return .array(a.map(resolve))
            default:
                return value
            }
        }
    }
}
