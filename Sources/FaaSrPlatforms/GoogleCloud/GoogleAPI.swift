import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Calls to Google's REST APIs (Cloud Run Admin v2, Cloud Scheduler v1, Secret Manager v1) as
/// one service account: a Bearer token from ``GoogleAccessTokens``, JSON bodies, Google's
/// error bodies (`{"error": {"code", "message", "status"}}`) turned into messages saying what
/// to fix, and long-running operations waited for.
struct GoogleAPI: Sendable {
    let serverName: String
    let account: GoogleServiceAccount
    let secretName: String
    let project: String
    let region: String
    var http: PlatformHTTP
    /// Seconds between polls of a long-running operation.
    var pollInterval: Double
    /// How long to wait for one (seconds).
    var waitLimit: Double

    /// Sends `method url` with a token; a 401 (a token revoked meanwhile) is tried once more
    /// with a new token.
    func send(_ method: String, _ url: String, body: JSONValue? = nil, idempotent: Bool? = nil) async throws -> PlatformResponse {
        var response = try await once(method, url, body: body, idempotent: idempotent)
        if response.status == 401 {
            GoogleAccessTokens.forget(account)
            response = try await once(method, url, body: body, idempotent: idempotent)
        }
        return response
    }

    /// Sends and throws a ``PlatformError`` unless the status is in `expected`.
    func expect(_ method: String, _ url: String, body: JSONValue? = nil, idempotent: Bool? = nil,
                _ expected: Set<Int> = [200]) async throws -> PlatformResponse {
        let response = try await send(method, url, body: body, idempotent: idempotent)
        guard expected.contains(response.status) else { throw failure(method, url, response) }
        return response
    }

    /// The error for an unexpected answer.
    func failure(_ method: String, _ url: String, _ response: PlatformResponse) -> PlatformError {
        let label = PlatformRequest(method: method, url: url).label
        return PlatformError(serverName: serverName, request: label, status: response.status,
                             message: hint(response.status, response.text, request: label))
    }

    private func once(_ method: String, _ url: String, body: JSONValue?, idempotent: Bool?) async throws -> PlatformResponse {
        let token = try await GoogleAccessTokens.token(for: account, http: http, secretName: secretName)
        return try await http.send(PlatformJSON.request(method, url, auth: "Bearer \(token)", body: body, idempotent: idempotent))
    }

    /// Google's statuses, said with what to do.
    func hint(_ status: Int, _ body: String, request: String) -> String {
        let error = ((try? JSONParser.parse(Array(body.utf8))) ?? .null)["error"]
        let message = error?["message"]?.stringValue ?? PlatformHTTP.excerpt(body)
        let code = error?["status"]?.stringValue.map { "\($0): " } ?? ""
        let said = message.isEmpty ? "" : " Google said: \(code)\(message)"
        let api = request.contains(":run") || request.contains("/jobs") && request.contains("/v2/") ? "Cloud Run Admin"
            : request.contains("/secrets") ? "Secret Manager" : "Cloud Scheduler"
        switch status {
        case 400:
            return "Google refused the request's content.\(said)"
        case 401:
            return "Google refused the access token; check that \(secretName) is a current key of \(account.clientEmail).\(said)"
        case 403:
            return "the service account \(account.clientEmail) lacks a permission for this in project \(project), or the \(api) API is not enabled there; grant it the role \(Self.role(api)) (and Service Account User on itself) or enable the API.\(said)"
        case 404:
            return "not found in project \(project), region \(region); check Namespace (the project id) and Region, and run `faasr register` first.\(said)"
        case 409:
            return "conflicts with what is there (it exists already, or changed meanwhile); run the command again.\(said)"
        case 429:
            return "the \(api) quota of project \(project) is used up for now; wait a minute and run the command again, or ask for more quota.\(said)"
        case 500...599:
            return "Google failed (tried again where that is safe); try again later.\(said)"
        default:
            return "unexpected answer.\(said)"
        }
    }

    static func role(_ api: String) -> String {
        switch api {
        case "Secret Manager": "roles/secretmanager.admin"
        case "Cloud Scheduler": "roles/cloudscheduler.admin"
        default: "roles/run.admin"
        }
    }

    /// Waits until the long-running `operation` is done (polling `GET {root}/{name}`) and
    /// returns it; throws when it ends with an error or the wait runs out.
    func wait(_ operation: JSONValue, root: String, what: String) async throws -> JSONValue {
        var current = operation
        let started = Date()
        while current["done"]?.boolValue != true {
            guard let name = current["name"]?.stringValue else { return current }
            guard Date().timeIntervalSince(started) < waitLimit else {
                throw PlatformError(serverName: serverName, request: what,
                                    message: "the operation \(name) was not done after \(Int(waitLimit)) s; look at it in the Cloud console and run the command again")
            }
            try await Task.sleep(nanoseconds: UInt64(pollInterval * 1_000_000_000))
            current = PlatformJSON.parse(try await expect("GET", "\(root)/\(name)"))
        }
        if let error = current["error"], error != .null {
            throw PlatformError(serverName: serverName, request: what,
                                message: "Google could not do it: \(error["message"]?.stringValue ?? JSONPrinter.compact(error)); fix what it names and run the command again")
        }
        return current
    }
}
