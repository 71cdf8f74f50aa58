import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
@testable import FaaSrRuntime

/// A loopback stand-in for api.github.com that serves files and repository tarballs and
/// checks every request against GitHub's REST description in ../shared/api
/// (github-rest-excerpt.json, API version 2022-11-28):
/// - the path must match an operation of the description (the tarball operation is not in
///   the excerpt; it is checked against GitHub's documented `/repos/{owner}/{repo}/tarball[/{ref}]`),
///   with only the query parameters the operation declares, and the slashes of the
///   multi-segment `path` parameter not percent-encoded;
/// - `Accept` must be a GitHub JSON media type, `X-GitHub-Api-Version` must be `2022-11-28`
///   when sent (the contents API: always), a `User-Agent` must be present, and
///   `Authorization` must be `Bearer {token}` exactly when a token is expected.
/// The file answer carries every property the description's `content-file` schema requires.
/// The tarball answer is a 302 to a codeload-like path on the same server, as GitHub does.
/// It serves through the shared ``LoopbackServer`` (FaaSrPlatformTestSupport).
final class GitHubTestServer: @unchecked Sendable {
    /// One request as received.
    typealias Seen = LoopbackRequest

    /// Files by "owner/repo/branch/path".
    let files: [String: String]
    /// Tarball bytes by "owner/repo" (the default branch) or "owner/repo@ref".
    let tarballs: [String: Data]
    /// The token requests must carry (nil: no Authorization header allowed).
    let token: String?
    private let lock = NSLock()
    private var problemList: [String] = []
    private let templates: [(method: String, template: String, query: Set<String>)]
    private var server: LoopbackServer?

    /// Every request so far.
    var requests: [Seen] { lock.withLock { server }?.requests ?? [] }
    /// Every deviation from the description so far.
    var problems: [String] { lock.withLock { problemList } }
    /// The API base URL to give the runtime.
    var baseURL: String { lock.withLock { server }?.baseURL ?? "http://127.0.0.1:0" }

    init(files: [String: String] = [:], tarballs: [String: Data] = [:], token: String?) throws {
        self.files = files
        self.tarballs = tarballs
        self.token = token
        templates = try Self.loadTemplates()
    }

    /// The operations (method, path template, declared query parameters) of the description.
    static func loadTemplates() throws -> [(method: String, template: String, query: Set<String>)] {
        let url = SharedFixtures.sharedRoot.appendingPathComponent("api/github-rest-excerpt.json")
        let root = try JSONValue.parse(try Data(contentsOf: url))
        let components = root.objectValue?.object("components")?.object("parameters") ?? JSONObject()
        var out: [(String, String, Set<String>)] = []
        for pathItem in (root.objectValue?.object("paths") ?? JSONObject()).members {
            let template = pathItem.key
            for operation in (pathItem.value.objectValue ?? JSONObject()).members {
                let method = operation.key, op = operation.value
                guard let params = op.objectValue?["parameters"]?.arrayValue else { continue }
                var query = Set<String>()
                for p in params {
                    var param = p.objectValue ?? JSONObject()
                    if let ref = param.string("$ref"), let name = ref.split(separator: "/").last {
                        param = components.object(String(name)) ?? JSONObject()
                    }
                    if param.string("in") == "query", let n = param.string("name") { query.insert(n) }
                }
                out.append((method.uppercased(), template, query))
            }
        }
        return out
    }

    /// Whether `path` matches `template` (`{path}` may span several segments).
    static func matches(_ path: String, _ template: String) -> Bool {
        let p = path.split(separator: "/", omittingEmptySubsequences: false)
        let t = template.split(separator: "/", omittingEmptySubsequences: false)
        guard t.count <= p.count else { return false }
        for (i, seg) in t.enumerated() {
            if seg == "{path}" && i == t.count - 1 { return p[i...].allSatisfy { !$0.isEmpty } }
            if seg.hasPrefix("{") { if p[i].isEmpty { return false } else { continue } }
            if seg != p[i] { return false }
        }
        return t.count == p.count
    }

    private func problem(_ m: String) { lock.withLock { problemList.append(m) } }

    /// Checks the headers every GitHub API request needs.
    private func checkHeaders(_ seen: Seen, versionRequired: Bool) {
        let where_ = "\(seen.method) \(seen.path)"
        let accept = seen.headers["accept"] ?? ""
        if !["application/vnd.github.v3+json", "application/vnd.github+json", "application/json"].contains(accept) {
            problem("\(where_): Accept '\(accept)' is not a GitHub JSON media type")
        }
        switch seen.headers["x-github-api-version"] {
        case nil where versionRequired: problem("\(where_): no X-GitHub-Api-Version header")
        case let v? where v != "2022-11-28": problem("\(where_): X-GitHub-Api-Version '\(v)', expected 2022-11-28")
        default: break
        }
        if (seen.headers["user-agent"] ?? "").isEmpty { problem("\(where_): no User-Agent") }
        let auth = seen.headers["authorization"]
        if let token {
            if auth != "Bearer \(token)" { problem("\(where_): Authorization '\(auth ?? "none")', expected Bearer {GH_PAT}") }
        } else if let auth {
            problem("\(where_): Authorization '\(auth)' sent without a token")
        }
    }

    func handle(_ seen: Seen) -> LoopbackReply {
        let path = seen.path
        if path.hasPrefix("/codeload/") {
            // The redirect target: repository tarball bytes.
            let parts = path.split(separator: "/").map(String.init) // codeload owner repo legacy.tar.gz ref...
            guard parts.count >= 5 else { return LoopbackReply(status: 404, body: []) }
            let ref = parts[4...].joined(separator: "/")
            let key = "\(parts[1])/\(parts[2])" + (ref == "refs/heads/main" ? "" : "@\(ref)")
            guard let data = tarballs[key] else { return LoopbackReply(status: 404, body: []) }
            return LoopbackReply(status: 200, body: Array(data), headers: ["Content-Type": "application/x-gzip"])
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let queryItems = URLComponents(string: "http://x/?\(seen.query)")?.queryItems ?? []
        if parts.count >= 5, parts[1] == "repos", parts[4] == "tarball" {
            checkHeaders(seen, versionRequired: false)
            if !(parts.count == 5 || parts.count == 6) { problem("\(path): not /repos/{owner}/{repo}/tarball[/{ref}]") }
            let ref = parts.count > 5 ? parts[5...].joined(separator: "/") : nil
            guard tarballs["\(parts[2])/\(parts[3])" + (ref.map { "@\($0)" } ?? "")] != nil else { return notFound() }
            return LoopbackReply(status: 302, body: [], headers: [
                "Location": "\(baseURL)/codeload/\(parts[2])/\(parts[3])/legacy.tar.gz/\(ref ?? "refs/heads/main")"])
        }
        guard let op = templates.first(where: { $0.method == seen.method && Self.matches(path, $0.template) }) else {
            problem("\(seen.method) \(path) matches no operation of github-rest-excerpt.json")
            return notFound()
        }
        for item in queryItems where !op.query.contains(item.name) {
            problem("\(path): query parameter '\(item.name)' is not declared by \(op.template)")
        }
        if path.contains("%2F") || path.contains("%2f") { problem("\(path): the multi-segment path has encoded slashes") }
        checkHeaders(seen, versionRequired: true)
        guard op.template == "/repos/{owner}/{repo}/contents/{path}" else { return notFound() }
        let owner = parts[2], repo = parts[3]
        let filePath = parts[5...].joined(separator: "/")
        let ref = queryItems.first { $0.name == "ref" }?.value ?? "main"
        guard let text = files["\(owner)/\(repo)/\(ref)/\(filePath)"] else { return notFound() }
        // Base64 in lines of 60 characters, as GitHub sends it.
        let b64 = Data(text.utf8).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(b64)
        while !rest.isEmpty { lines.append(String(rest.prefix(60))); rest = rest.dropFirst(60) }
        let name = (filePath as NSString).lastPathComponent
        let html = "https://github.com/\(owner)/\(repo)/blob/\(ref)/\(filePath)"
        let selfURL = "https://api.github.com/repos/\(owner)/\(repo)/contents/\(filePath)?ref=\(ref)"
        let git = "https://api.github.com/repos/\(owner)/\(repo)/git/blobs/0123456789abcdef0123456789abcdef01234567"
        let body = JSONValue.object(JSONObject([
            .init(key: "type", value: "file"), .init(key: "encoding", value: "base64"),
            .init(key: "size", value: .number(JSONNumber(text.utf8.count))), .init(key: "name", value: .string(name)),
            .init(key: "path", value: .string(filePath)), .init(key: "content", value: .string(lines.joined(separator: "\n") + "\n")),
            .init(key: "sha", value: "0123456789abcdef0123456789abcdef01234567"), .init(key: "url", value: .string(selfURL)),
            .init(key: "git_url", value: .string(git)), .init(key: "html_url", value: .string(html)),
            .init(key: "download_url", value: .string("https://raw.githubusercontent.com/\(owner)/\(repo)/\(ref)/\(filePath)")),
            .init(key: "_links", value: .object(JSONObject([
                .init(key: "self", value: .string(selfURL)), .init(key: "git", value: .string(git)), .init(key: "html", value: .string(html))]))),
        ]))
        return LoopbackReply(status: 200, body: Array(body.compactText.utf8))
    }

    private func notFound() -> LoopbackReply {
        LoopbackReply(status: 404, body: Array(#"{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}"#.utf8))
    }

    /// Starts listening on a free loopback port.
    func start() async throws {
        // JSON answers carry GitHub's content type; the tarball sets its own.
        let server = LoopbackServer(contentType: "application/json; charset=utf-8") { [self] request in handle(request) }
        lock.withLock { self.server = server }
        try await server.start()
    }

    /// Stops the server.
    func stop() async {
        await lock.withLock { server }?.stop()
    }
}
