import AsyncHTTPClient
import FaaSrCore
import Foundation

/// Fetches the workflow JSON named by a `PAYLOAD_URL` (spec/runtime.md §1.9): a local path or
/// `file://` URL, an `http(s)://` URL of the JSON itself, or a GitHub location read through
/// the contents API.
public struct WorkflowSource: Sendable {
    /// The GitHub API base (`https://api.github.com`; tests point it at a loopback server).
    public var gitHubAPI: String
    /// Bearer token for GitHub (`GH_PAT`).
    public var token: String?
    /// Secrets by FaaSr name, for an `s3://` workflow (``S3WorkflowLocation``).
    public var environment: [String: String] = [:]
    /// OVERWRITTEN's `DataStores`, the other source of an `s3://` workflow's credentials.
    public var dataStores = JSONObject()

    /// Creates a source.
    public init(gitHubAPI: String = "https://api.github.com", token: String? = nil) {
        self.gitHubAPI = gitHubAPI
        self.token = token
    }

    /// A workflow that cannot be fetched.
    public struct FetchError: Error, CustomStringConvertible {
        /// What failed and how to fix it.
        public let description: String
    }

    /// A GitHub file location.
    public struct GitHubLocation: Equatable, Sendable {
        /// Owner, repository, branch and path inside the repository.
        public var owner, repo, branch, path: String
        /// The contents-API path: `/repos/{owner}/{repo}/contents/{path}?ref={branch}`.
        public var contentsPath: String { "/repos/\(owner)/\(repo)/contents/\(path)?ref=\(branch)" }
    }

    /// Parses `owner/repo/branch/path` or `https://github.com/owner/repo/blob/branch/path`.
    public static func gitHubLocation(_ url: String) -> GitHubLocation? {
        if url.hasPrefix("https://github.com/") || url.hasPrefix("http://github.com/") {
            let parts = url.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            // https: '' github.com owner repo blob branch path...
            guard parts.count >= 8 else { return nil }
            return GitHubLocation(owner: parts[3], repo: parts[4], branch: parts[6],
                                  path: parts[7...].joined(separator: "/"))
        }
        let parts = url.split(separator: "/").map(String.init)
        guard parts.count >= 4 else { return nil }
        return GitHubLocation(owner: parts[0], repo: parts[1], branch: parts[2],
                              path: parts[3...].joined(separator: "/"))
    }

    /// The folder that relative `FunctionLocalFile` paths resolve against, when the workflow
    /// is a local file.
    public static func localFolder(of payloadURL: String) -> URL? {
        guard let file = localFile(payloadURL) else { return nil }
        return file.deletingLastPathComponent()
    }

    static func localFile(_ payloadURL: String) -> URL? {
        if payloadURL.hasPrefix("file://") { return URL(string: payloadURL).map { URL(fileURLWithPath: $0.path) } }
        if payloadURL.hasPrefix("/") || payloadURL.hasPrefix("./") || payloadURL.hasPrefix("../")
            || FileManager.default.fileExists(atPath: payloadURL) {
            return URL(fileURLWithPath: payloadURL).standardizedFileURL
        }
        return nil
    }

    /// Fetches and parses the workflow; it must be a JSON object.
    public func fetch(_ payloadURL: String) async throws -> JSONObject {
        let text: String
        if let file = Self.localFile(payloadURL) {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw FetchError(description: "cannot read the workflow file \(file.path)")
            }
            text = String(decoding: data, as: UTF8.self)
        } else if let s3 = S3WorkflowLocation.parse(payloadURL) {
            text = try await s3.fetch(environment: environment, dataStores: dataStores)
        } else if payloadURL.hasPrefix("http://") || payloadURL.hasPrefix("https://"),
                  !payloadURL.contains("://github.com/") {
            text = try await get(payloadURL, headers: [])
        } else if let loc = Self.gitHubLocation(payloadURL) {
            text = try await fetchGitHubFile(loc)
        } else {
            throw FetchError(description: "PAYLOAD_URL '\(payloadURL)' is neither a file, a URL nor owner/repo/branch/path")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch {
            throw FetchError(description: "the workflow at \(payloadURL) is not valid JSON: \(error)")
        }
        guard let obj = value.objectValue else {
            throw FetchError(description: "the workflow at \(payloadURL) must be a JSON object, found \(value.typeName)")
        }
        return obj
    }

    /// Reads one file through the contents API and decodes its base64 `content`.
    public func fetchGitHubFile(_ loc: GitHubLocation) async throws -> String {
        var headers: [(String, String)] = [("Accept", "application/vnd.github.v3+json"), ("X-GitHub-Api-Version", "2022-11-28")]
        if let token, !token.isEmpty { headers.append(("Authorization", "Bearer \(token)")) }
        let body = try await get(gitHubAPI + loc.contentsPath, headers: headers)
        guard let obj = try? JSONValue.parse(body).objectValue, let content = obj.string("content") else {
            throw FetchError(description: "GitHub contents API answered without a 'content' field for \(loc.path)")
        }
        let cleaned = content.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: cleaned) else {
            throw FetchError(description: "GitHub returned content for \(loc.path) that is not base64")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// GETs a URL and returns the body; non-200 answers are errors carrying GitHub's `message`.
    public func get(_ url: String, headers: [(String, String)]) async throws -> String {
        let data = try await getData(url, headers: headers)
        return String(decoding: data, as: UTF8.self)
    }

    /// GETs a URL and returns the raw body.
    public func getData(_ url: String, headers: [(String, String)]) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "faasr-swift")
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        } catch {
            throw FetchError(description: "GET \(url) failed: \(error)")
        }
        let buffer = try await response.body.collect(upTo: 256 << 20)
        let data = Data(buffer.readableBytesView)
        guard response.status.code == 200 else {
            let message = (try? JSONValue.parse(data).objectValue?.string("message")) ?? nil
            throw FetchError(description: "GET \(url) answered \(response.status.code)\(message.map { ": \($0)" } ?? "")")
        }
        return data
    }
}
