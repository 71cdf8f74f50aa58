import FaaSrCore
import FaaSrTestSupport
import Foundation

/// Google API discovery documents (the Run v2, Cloud Scheduler v1 and Secret Manager v1
/// excerpts in ../shared/api) read as ``APIDescription``s: each method becomes an operation
/// on its `flatPath` (`/v2/projects/{projectsId}/locations/{locationsId}/jobs/{jobsId}:run`),
/// with its query parameters plus the document's standard ones (`alt`, `fields`, ...), its
/// `request` as the body schema and its `response` as the 200 answer's. Schemas become JSON
/// Schema: `$ref: "Name"` points into `schemas`, and the discovery formats become patterns
/// (`google-duration` `"3600s"`, `int64` decimal strings, `byte` base64, `google-datetime`
/// RFC 3339), so a wrongly written duration or number is caught; type `any` means any value.
public enum DiscoveryDescription {
    /// Reads `../shared/api/NAME` (a discovery document).
    public static func load(_ name: String) throws -> APIDescription {
        let url = SharedFixtures.sharedRoot.appendingPathComponent("api/\(name)")
        return try APIDescription(openAPI3(from: JSONParser.parse(Array(try Data(contentsOf: url)))))
    }

    /// The OpenAPI 3 shape of a discovery document.
    public static func openAPI3(from root: JSONValue) -> JSONValue {
        let servicePath = root["servicePath"]?.stringValue ?? ""
        let standard = (root["parameters"]?.objectValue?.members ?? []).filter { $0.value["location"]?.stringValue == "query" }.map(\.key)
        var paths = JSONObject()
        for method in methods(root) {
            guard let flat = method["flatPath"]?.stringValue ?? method["path"]?.stringValue,
                  let verb = method["httpMethod"]?.stringValue?.lowercased() else { continue }
            let path = "/" + servicePath + flat
            var parameters: [JSONValue] = standard.map { ["name": .string($0), "in": "query"] }
            for p in method["parameters"]?.objectValue?.members ?? [] where p.value["location"]?.stringValue == "query" {
                parameters.append(["name": .string(p.key), "in": "query"])
            }
            var op = JSONObject()
            op["operationId"] = .string(method["id"]?.stringValue ?? "")
            op["parameters"] = .array(parameters)
            if let request = method["request"]?["$ref"]?.stringValue {
                op["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": .string("#/schemas/\(request)")]]]]
            }
            var ok = JSONObject()
            if let response = method["response"]?["$ref"]?.stringValue {
                ok["content"] = ["application/json": ["schema": ["$ref": .string("#/schemas/\(response)")]]]
            }
            op["responses"] = ["200": .object(ok)]
            var item = paths[path]?.objectValue ?? JSONObject()
            item[verb] = .object(op)
            paths[path] = .object(item)
        }
        var schemas = JSONObject()
        for s in root["schemas"]?.objectValue?.members ?? [] { schemas[s.key] = schema(s.value) }
        return ["paths": .object(paths), "schemas": .object(schemas)]
    }

    /// Every method of every resource, nested resources included.
    static func methods(_ node: JSONValue) -> [JSONValue] {
        var out = (node["methods"]?.objectValue?.members ?? []).map(\.value)
        for r in node["resources"]?.objectValue?.members ?? [] { out += methods(r.value) }
        return out
    }

    /// What each discovery `format` of a string means, as a pattern.
    static let formatPatterns: [String: String] = [
        "google-duration": "^-?[0-9]+(\\.[0-9]{1,9})?s$",
        "int64": "^-?[0-9]+$",
        "uint64": "^[0-9]+$",
        "byte": "^[A-Za-z0-9+/_-]*={0,2}$",
        "google-datetime": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$",
        "google-fieldmask": "^[A-Za-z0-9_.,]*$",
    ]

    /// One discovery schema as JSON Schema.
    static func schema(_ value: JSONValue) -> JSONValue {
        guard let o = value.objectValue else { return value }
        var out = JSONObject()
        for m in o.members {
            switch m.key {
            case "$ref": out["$ref"] = .string("#/schemas/\(m.value.stringValue ?? "")")
            case "properties":
                var props = JSONObject()
                for p in m.value.objectValue?.members ?? [] { props[p.key] = schema(p.value) }
                out["properties"] = .object(props)
            case "items", "additionalProperties": out[m.key] = schema(m.value)
            case "type": if m.value.stringValue != "any" { out["type"] = m.value }
            case "format":
                if o["type"]?.stringValue == "string", let p = m.value.stringValue.flatMap({ formatPatterns[$0] }) { out["pattern"] = .string(p) }
            case "enumDescriptions", "id", "readOnly", "location", "annotations": continue
            default: out[m.key] = m.value
            }
        }
        return .object(out)
    }
}
