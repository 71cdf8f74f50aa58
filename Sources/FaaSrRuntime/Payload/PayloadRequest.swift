import FaaSrCore
import Foundation

/// What one action receives from its sender: where the workflow is, and the top-level
/// keys that override it (spec/runtime.md §1.7).
public struct PayloadRequest: Sendable, Equatable {
    /// GitHub location (`owner/repo/branch/path` or a github.com blob URL), a local path,
    /// or a `file://`/`http://` URL of the workflow JSON.
    public var payloadURL: String
    /// Keys replacing the fetched workflow's top-level keys.
    public var overwritten: JSONObject
    /// The GitHub token for the contents API, when the platform passes it in the request.
    public var gitHubToken: String?

    /// Creates a request.
    public init(payloadURL: String, overwritten: JSONObject = JSONObject(), gitHubToken: String? = nil) {
        self.payloadURL = payloadURL
        self.overwritten = overwritten
        self.gitHubToken = gitHubToken
    }

    /// A request that cannot be understood.
    public struct Invalid: Error, CustomStringConvertible {
        /// What is wrong and how to fix it.
        public let description: String
    }

    /// GitHub Actions, Cloud Run, SLURM and Kubernetes form: env `PAYLOAD_URL` and
    /// `OVERWRITTEN` (a JSON string, default `{}`), optional `GH_PAT` or `TOKEN`.
    public static func fromEnvironment(_ env: [String: String]) throws -> PayloadRequest {
        guard let url = env["PAYLOAD_URL"], !url.isEmpty else {
            throw Invalid(description: "PAYLOAD_URL is not set: the action does not know where its workflow is (set PAYLOAD_URL, or use --workflow FILE)")
        }
        let over = try parseOverwritten(.string(env["OVERWRITTEN"] ?? "{}"), source: "env OVERWRITTEN")
        let token = env["GH_PAT"].flatMap { $0.isEmpty ? nil : $0 } ?? env["TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return PayloadRequest(payloadURL: url, overwritten: over, gitHubToken: token)
    }

    /// Lambda event or OpenWhisk parameters: a JSON object with `PAYLOAD_URL`, `OVERWRITTEN`
    /// (a JSON string on Lambda, an object on OpenWhisk) and optional `GH_PAT`.
    public static func fromEvent(_ text: String, source: String = "event") throws -> PayloadRequest {
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch {
            throw Invalid(description: "\(source) is not valid JSON: \(error)")
        }
        guard let obj = value.objectValue else {
            throw Invalid(description: "\(source) must be a JSON object with PAYLOAD_URL and OVERWRITTEN, found \(value.typeName)")
        }
        guard let url = obj.string("PAYLOAD_URL"), !url.isEmpty else {
            throw Invalid(description: "\(source) has no PAYLOAD_URL string")
        }
        let over = try parseOverwritten(obj["OVERWRITTEN"] ?? .object(JSONObject()), source: "\(source) OVERWRITTEN")
        return PayloadRequest(payloadURL: url, overwritten: over, gitHubToken: obj.string("GH_PAT"))
    }

    /// OVERWRITTEN given as a JSON string or as an object.
    static func parseOverwritten(_ value: JSONValue, source: String) throws -> JSONObject {
        switch value {
        case .null: return JSONObject()
        case .object(let o): return o
        case .string(let s):
            if s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return JSONObject() }
            let parsed: JSONValue
            do { parsed = try JSONValue.parse(s) } catch {
                throw Invalid(description: "\(source) is not valid JSON: \(error)")
            }
            guard let o = parsed.objectValue else {
                throw Invalid(description: "\(source) must be a JSON object, found \(parsed.typeName)")
            }
            return o
        default:
            throw Invalid(description: "\(source) must be a JSON object or a string holding one, found \(value.typeName)")
        }
    }
}
