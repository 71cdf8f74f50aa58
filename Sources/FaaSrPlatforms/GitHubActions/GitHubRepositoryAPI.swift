import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// The GitHub REST operations FaaSr uses on one repository (contents, workflow dispatch,
/// Actions secrets; API version 2022-11-28), over ``PlatformHTTP``. Every failure is a
/// ``PlatformError`` naming the server, the request, the status and what to do.
public struct GitHubRepositoryAPI: Sendable {
    /// A file as the contents API gives it.
    public struct File: Sendable, Equatable {
        /// The path in the repository.
        public var path: String
        /// The blob sha (needed to update or delete it).
        public var sha: String
        /// The decoded text (nil for a folder entry).
        public var text: String?
    }

    /// The API base, e.g. `https://api.github.com`.
    public var base: String
    /// `owner`.
    public var owner: String
    /// `repo`.
    public var repo: String
    /// The token sent as `Authorization: Bearer`.
    var token: String
    /// The secret the token came from (for messages; never its value).
    public var tokenName: String
    /// The HTTP client (names the compute server in errors).
    public var http: PlatformHTTP

    /// Creates a client.
    public init(base: String, owner: String, repo: String, token: String, tokenName: String, http: PlatformHTTP) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.owner = owner
        self.repo = repo
        self.token = token
        self.tokenName = tokenName
        self.http = http
    }

    // MARK: Contents

    /// The file at `path` on `ref`, or nil when there is none.
    public func file(_ path: String, ref: String) async throws -> File? {
        let response = try await http.expect(request("GET", contents(path) + "?ref=" + escape(ref)), [200, 404], hint: hint)
        guard response.status == 200 else { return nil }
        let value = try json(response, "GET", contents(path))
        guard let sha = value["sha"]?.stringValue else { return nil }
        let encoded = (value["content"]?.stringValue ?? "").filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: encoded) else {
            throw PlatformError(serverName: http.serverName, request: "GET \(contents(path))", status: 200,
                                message: "GitHub sent content that is not base64; try again")
        }
        return File(path: path, sha: sha, text: String(decoding: data, as: UTF8.self))
    }

    /// The entries of the folder `path` on `ref` (files without their text); empty when the
    /// folder does not exist.
    public func folder(_ path: String, ref: String) async throws -> [File] {
        let response = try await http.expect(request("GET", contents(path) + "?ref=" + escape(ref)), [200, 404], hint: hint)
        guard response.status == 200, let entries = try json(response, "GET", contents(path)).arrayValue else { return [] }
        return entries.compactMap { entry in
            guard entry["type"]?.stringValue == "file", let p = entry["path"]?.stringValue,
                  let sha = entry["sha"]?.stringValue else { return nil }
            return File(path: p, sha: sha, text: nil)
        }
    }

    /// Creates (`sha` nil) or replaces the file at `path` on `branch`; returns its new sha.
    @discardableResult
    public func putFile(_ path: String, text: String, sha: String?, branch: String, message: String) async throws -> String {
        var body = JSONObject()
        body["message"] = .string(message)
        body["content"] = .string(Data(text.utf8).base64EncodedString())
        body["branch"] = .string(branch)
        if let sha { body["sha"] = .string(sha) }
        let response = try await http.expect(request("PUT", contents(path), body: .object(body)), [200, 201], hint: hint)
        return try json(response, "PUT", contents(path))["content"]?["sha"]?.stringValue ?? ""
    }

    /// Deletes the file at `path` (whose current sha is `sha`) on `branch`.
    public func deleteFile(_ path: String, sha: String, branch: String, message: String) async throws {
        let body: JSONValue = ["message": .string(message), "sha": .string(sha), "branch": .string(branch)]
        _ = try await http.expect(request("DELETE", contents(path), body: body), [200], hint: hint)
    }

    // MARK: Workflow dispatch

    /// Starts the workflow file `file` on `ref` with `inputs`; returns the run id when
    /// GitHub tells it (200 with run details; 204 without).
    public func dispatch(file: String, ref: String, inputs: [(String, String)]) async throws -> Int? {
        let path = "/repos/\(owner)/\(repo)/actions/workflows/\(escape(file))/dispatches"
        let body: JSONValue = [
            "ref": .string(ref),
            "inputs": .object(JSONObject(inputs.map { JSONObject.Member(key: $0.0, value: .string($0.1)) })),
            "return_run_details": true,
        ]
        let response = try await http.expect(request("POST", path, body: body), [200, 204]) { status, said in
            dispatchHint(status, said, file: file, ref: ref)
        }
        guard response.status == 200 else { return nil }
        return try json(response, "POST", path)["workflow_run_id"]?.numberValue?.intValue
    }

    // MARK: Actions secrets

    /// The repository's public key for secrets: its id and the 32 key bytes.
    public func publicKey() async throws -> (id: String, key: [UInt8]) {
        let path = "/repos/\(owner)/\(repo)/actions/secrets/public-key"
        let value = try json(try await http.expect(request("GET", path), [200], hint: hint), "GET", path)
        guard let id = value["key_id"]?.stringValue, let text = value["key"]?.stringValue,
              let key = Data(base64Encoded: text), key.count == SealedBox.publicKeyBytes else {
            throw PlatformError(serverName: http.serverName, request: "GET \(path)", status: 200,
                                message: "GitHub's answer has no usable key_id and 32-byte key; try again")
        }
        return (id, Array(key))
    }

    /// Whether the repository has the secret `name` (GitHub compares names without case).
    public func hasSecret(_ name: String) async throws -> Bool {
        let path = "/repos/\(owner)/\(repo)/actions/secrets/\(escape(name))"
        return try await http.expect(request("GET", path), [200, 404], hint: hint).status == 200
    }

    /// Seals `value` to `key` and stores it as the secret `name`; true when it was new.
    @discardableResult
    public func putSecret(_ name: String, value: String, key: (id: String, key: [UInt8])) async throws -> Bool {
        let path = "/repos/\(owner)/\(repo)/actions/secrets/\(escape(name))"
        let sealed = try SealedBox.seal(Array(value.utf8), to: key.key)
        let body: JSONValue = ["encrypted_value": .string(Data(sealed).base64EncodedString()), "key_id": .string(key.id)]
        return try await http.expect(request("PUT", path, body: body), [201, 204], hint: hint).status == 201
    }

    // MARK: Requests and messages

    func request(_ method: String, _ path: String, body: JSONValue? = nil) -> PlatformRequest {
        var headers = [("Accept", GitHubActionsFacts.accept), ("X-GitHub-Api-Version", GitHubActionsFacts.apiVersion),
                       ("User-Agent", GitHubActionsFacts.userAgent), ("Authorization", "Bearer \(token)")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return PlatformRequest(method: method, url: base + path, headers: headers,
                               body: body.map { Array(JSONPrinter.compact($0).utf8) })
    }

    private func contents(_ path: String) -> String {
        "/repos/\(owner)/\(repo)/contents/" + path.split(separator: "/").map { escape(String($0)) }.joined(separator: "/")
    }

    private func escape(_ segment: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    private func json(_ response: PlatformResponse, _ method: String, _ path: String) throws -> JSONValue {
        do { return try JSONParser.parse(response.body) } catch {
            throw PlatformError(serverName: http.serverName, request: "\(method) \(path)", status: response.status,
                                message: "GitHub's answer is not JSON (\(PlatformHTTP.excerpt(response.text))); check that \(base) is a GitHub API base")
        }
    }

    /// What to do about a GitHub status, with GitHub's own message.
    func hint(_ status: Int, _ body: String) -> String {
        let said = Self.message(body).map { " GitHub said: \($0)." } ?? ""
        switch status {
        case 401:
            return "GitHub refused the token.\(said) Check that the secret \(tokenName) holds a valid personal access token (classic, with the repo and workflow scopes)."
        case 403:
            return "the token lacks a permission, or the rate limit was hit.\(said) The secret \(tokenName) needs the repo and workflow scopes (fine-grained: contents, actions and secrets read/write) on \(owner)/\(repo)."
        case 404:
            return "not found.\(said) Check UserName (\(owner)), ActionRepoName (\(repo)) and Branch of the server, and that the token in \(tokenName) can see the repository."
        case 409:
            return "the repository changed meanwhile.\(said) Run the command again."
        case 422:
            return "GitHub refused the request's content.\(said) Fix what it names and run the command again."
        default:
            return PlatformHTTP.genericHint(status, body)
        }
    }

    private func dispatchHint(_ status: Int, _ body: String, file: String, ref: String) -> String {
        let said = Self.message(body).map { " GitHub said: \($0)." } ?? ""
        switch status {
        case 404:
            return "no workflow file \(GitHubActionsFacts.workflowsFolder)/\(file) in \(owner)/\(repo), or the token in \(tokenName) cannot see it.\(said) Run `faasr register` for this workflow first."
        case 422:
            return "GitHub refused to start \(file) on \(ref).\(said) The file must be on branch \(ref) and declare the inputs OVERWRITTEN and PAYLOAD_URL; run `faasr register` again."
        default:
            return hint(status, body)
        }
    }

    /// GitHub's `message` (and the first error's), from an error body.
    static func message(_ body: String) -> String? {
        guard let value = try? JSONParser.parse(Array(body.utf8)), let message = value["message"]?.stringValue else {
            return body.isEmpty ? nil : PlatformHTTP.excerpt(body)
        }
        if let first = value["errors"]?[0], let detail = first["message"]?.stringValue ?? first["code"]?.stringValue {
            return "\(message) (\(detail))"
        }
        return message
    }
}
