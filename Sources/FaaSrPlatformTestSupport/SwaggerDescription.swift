import FaaSrCore
import FaaSrTestSupport
import Foundation

/// Swagger 2.0 descriptions (OpenWhisk's apiv1swagger.json) read as ``APIDescription``s: the
/// document is rewritten into the OpenAPI 3 shape APIDescription compiles — `basePath`
/// prefixed to every path, the `in: body` parameter made a `requestBody`, each response's
/// `schema` moved under `content.application/json` — and `#/definitions/...` references are
/// left as they are (they resolve against the same root).
public enum SwaggerDescription {
    /// Reads `../shared/api/NAME` (Swagger 2.0).
    public static func load(_ name: String) throws -> APIDescription {
        let url = SharedFixtures.sharedRoot.appendingPathComponent("api/\(name)")
        return try APIDescription(openAPI3(from: JSONParser.parse(Array(try Data(contentsOf: url)))))
    }

    /// The OpenAPI 3 shape of a Swagger 2.0 document.
    public static func openAPI3(from root: JSONValue) -> JSONValue {
        let base = root["basePath"]?.stringValue ?? ""
        let base0 = base.hasSuffix("/") ? String(base.dropLast()) : base
        var paths = JSONObject()
        for path in root["paths"]?.objectValue?.members ?? [] {
            var item = JSONObject()
            for member in path.value.objectValue?.members ?? [] {
                guard member.key != "parameters", var op = member.value.objectValue else {
                    item[member.key] = member.value
                    continue
                }
                let parameters = op["parameters"]?.arrayValue ?? []
                if let body = parameters.first(where: { $0["in"]?.stringValue == "body" }) {
                    op["requestBody"] = ["required": .bool(body["required"]?.boolValue ?? false),
                                         "content": ["application/json": ["schema": body["schema"] ?? .object(JSONObject())]]]
                }
                op["parameters"] = .array(parameters.filter { $0["in"]?.stringValue != "body" })
                var responses = JSONObject()
                for r in op["responses"]?.objectValue?.members ?? [] {
                    var response = resolve(r.value, in: root).objectValue ?? JSONObject()
                    if let schema = response.removeValue(forKey: "schema") {
                        response["content"] = ["application/json": ["schema": schema]]
                    }
                    responses[r.key] = .object(response)
                }
                op["responses"] = .object(responses)
                item[member.key] = .object(op)
            }
            paths[base0 + path.key] = .object(item)
        }
        var out = root.objectValue ?? JSONObject()
        out["paths"] = .object(paths)
        return withoutFormats(.object(out))
    }

    /// Drops `format` annotations (`int32`, ...), which FaaSrCore's JSON Schema validator
    /// does not take; only where they sit beside a `type`, so a property named `format` stays.
    static func withoutFormats(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var o):
            if o["type"] != nil, o["format"]?.stringValue != nil { o["format"] = nil }
            return .object(JSONObject(o.members.map { JSONObject.Member(key: $0.key, value: withoutFormats($0.value)) }))
        case .array(let a): return .array(a.map(withoutFormats))
        default: return value
        }
    }

    private static func resolve(_ value: JSONValue, in root: JSONValue) -> JSONValue {
        guard let ref = value["$ref"]?.stringValue, ref.hasPrefix("#/") else { return value }
        return root.value(at: JSONPointer(String(ref.dropFirst()))) ?? value
    }
}
