import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// JSON in and out of platform requests, for the REST platforms (OpenWhisk, Kubernetes).
enum PlatformJSON {
    /// A request with a JSON body and `Accept`/`Content-Type: application/json`.
    static func request(_ method: String, _ url: String, auth: String, body: JSONValue? = nil,
                        idempotent: Bool? = nil) -> PlatformRequest {
        var headers = [("Authorization", auth), ("Accept", "application/json"), ("User-Agent", "faasr-swift")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return PlatformRequest(method: method, url: url, headers: headers,
                               body: body.map { Array(JSONPrinter.compact($0).utf8) }, idempotent: idempotent)
    }

    /// The answer's body as JSON (null when it is not JSON).
    static func parse(_ response: PlatformResponse) -> JSONValue {
        (try? JSONParser.parse(response.body)) ?? .null
    }

    /// `https://` in front of an endpoint without a scheme; no trailing slash.
    static func endpoint(_ raw: String) -> String {
        var s = raw.trimmingCharacters(in: .whitespaces)
        if !s.contains("://") { s = "https://" + s }
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }

    /// A path segment, percent-encoded.
    static func segment(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }

    /// An action's (or the server's) number setting: the action's entry first, then the server's.
    static func setting(_ key: String, action: String, workflow: Workflow, server: JSONObject) -> Double? {
        workflow.action(named: action)?.object[key]?.numberValue?.doubleValue ?? server[key]?.numberValue?.doubleValue
    }
}
