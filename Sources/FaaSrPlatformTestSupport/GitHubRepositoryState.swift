import CSodium
import Crypto
import FaaSrCore
import Foundation
import Yams

/// One repository as GitHub keeps it, for ``GitHubAPIServer``: files per branch with their
/// git blob sha (update and delete need the current sha: none → 422, a stale one → 409),
/// commits, Actions secrets sealed to the repository's Curve25519 key (opened with libsodium
/// on arrival, as GitHub does), and workflow dispatches, which GitHub only accepts for a
/// workflow file on the ref that declares `workflow_dispatch` and the inputs sent.
public final class GitHubRepositoryState: @unchecked Sendable {
    /// A setup failure.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// One accepted dispatch.
    public struct Dispatch: Sendable, Equatable {
        public var workflowFile: String
        public var ref: String
        public var inputs: [String: String]
        public var runID: Int
    }

    public let owner: String
    public let repo: String
    /// Branch names; the first is the default.
    public let branches: [String]
    /// The key id GitHub reports with the public key.
    public let keyID = "568250167242549743"
    private let publicKey: [UInt8]
    private let secretKey: [UInt8]
    private let lock = NSLock()
    private var files: [String: [String: [UInt8]]]
    private var secretValues: [String: (value: String, created: String, updated: String)] = [:]
    private var dispatchList: [Dispatch] = []
    private var commitCount = 0

    init(owner: String, repo: String, branches: [String]) throws {
        self.owner = owner
        self.repo = repo
        self.branches = branches
        var pk = [UInt8](repeating: 0, count: Int(crypto_box_publickeybytes()))
        var sk = [UInt8](repeating: 0, count: Int(crypto_box_secretkeybytes()))
        guard sodium_init() >= 0, crypto_box_keypair(&pk, &sk) == 0 else { throw Failure(description: "libsodium failed") }
        publicKey = pk
        secretKey = sk
        files = Dictionary(uniqueKeysWithValues: branches.map { ($0, [:]) })
    }

    // MARK: What tests read and seed

    /// The text of `path` on `branch` (default branch when nil).
    public func file(_ path: String, branch: String? = nil) -> String? {
        lock.withLock { files[branch ?? branches[0]]?[path].map { String(decoding: $0, as: UTF8.self) } }
    }
    /// Every path on `branch`, sorted.
    public func paths(branch: String? = nil) -> [String] { lock.withLock { (files[branch ?? branches[0]] ?? [:]).keys.sorted() } }
    /// Puts a file in place, as a push would (one commit).
    public func seed(_ path: String, _ text: String, branch: String? = nil) {
        lock.withLock { files[branch ?? branches[0]]?[path] = Array(text.utf8); commitCount += 1 }
    }
    /// Commits made so far (every create, update and delete is one).
    public var commits: Int { lock.withLock { commitCount } }
    /// Secret values as GitHub decrypted them, by upper-cased name.
    public var secrets: [String: String] { lock.withLock { secretValues.mapValues(\.value) } }
    /// Accepted dispatches, in order.
    public var dispatches: [Dispatch] { lock.withLock { dispatchList } }

    /// The git blob sha of `bytes`, as GitHub reports file shas.
    public static func blobSHA(_ bytes: [UInt8]) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Array("blob \(bytes.count)\0".utf8) + bytes)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Operations

    func answer(_ operation: String, parameters p: [String: String], body: JSONValue, baseURL: String) -> GitHubReply {
        guard p["owner"]?.lowercased() == owner.lowercased(), p["repo"]?.lowercased() == repo.lowercased() else {
            return .error(404, "Not Found")
        }
        return lock.withLock {
            switch operation {
            case "repos/get-content": return getContent(p["path"] ?? "", ref: p["ref"])
            case "repos/create-or-update-file-contents": return putFile(p["path"] ?? "", body)
            case "repos/delete-file": return deleteFile(p["path"] ?? "", body)
            case "actions/create-workflow-dispatch": return dispatch(p["workflow_id"] ?? "", body, baseURL: baseURL)
            case "actions/get-repo-public-key":
                return .json(200, ["key_id": .string(keyID), "key": .string(Data(publicKey).base64EncodedString())])
            case "actions/get-repo-secret":
                guard let s = secretValues[(p["secret_name"] ?? "").uppercased()] else { return .error(404, "Not Found") }
                return .json(200, ["name": .string((p["secret_name"] ?? "").uppercased()), "created_at": .string(s.created), "updated_at": .string(s.updated)])
            case "actions/create-or-update-repo-secret": return putSecret(p["secret_name"] ?? "", body)
            case "actions/delete-repo-secret":
                return secretValues.removeValue(forKey: (p["secret_name"] ?? "").uppercased()) == nil ? .error(404, "Not Found") : .empty(204)
            default:
                return .error(404, "Not Found (\(operation) is not served by the test server)")
            }
        }
    }

    private func branch(_ name: String?) -> String? {
        let b = name.map { $0.hasPrefix("refs/heads/") ? String($0.dropFirst(11)) : $0 } ?? branches[0]
        return files[b] == nil ? nil : b
    }

    private func getContent(_ path: String, ref: String?) -> GitHubReply {
        guard let b = branch(ref), let tree = files[b] else { return .error(404, "No commit found for the ref \(ref ?? "")") }
        if let bytes = tree[path] { return .json(200, .object(entry(path, bytes, branch: b, withContent: true))) }
        let prefix = path + "/"
        var children: [String: JSONValue] = [:]
        for (p, bytes) in tree where p.hasPrefix(prefix) {
            let rest = p.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                let dir = prefix + rest[..<slash]
                children[dir] = .object(folderEntry(String(dir), branch: b))
            } else {
                children[p] = .object(entry(p, bytes, branch: b, withContent: false))
            }
        }
        if children.isEmpty { return .error(404, "Not Found") }
        return .json(200, .array(children.keys.sorted().map { children[$0]! }))
    }

    private func links(_ path: String, branch: String, sha: String) -> (selfURL: String, git: String, html: String) {
        ("https://api.github.com/repos/\(owner)/\(repo)/contents/\(path)?ref=\(branch)",
         "https://api.github.com/repos/\(owner)/\(repo)/git/blobs/\(sha)",
         "https://github.com/\(owner)/\(repo)/blob/\(branch)/\(path)")
    }

    private func entry(_ path: String, _ bytes: [UInt8], branch: String, withContent: Bool) -> JSONObject {
        let sha = Self.blobSHA(bytes)
        let l = links(path, branch: branch, sha: sha)
        var o = JSONObject()
        o["type"] = "file"
        if withContent {
            // Base64 in lines of 60 characters, as GitHub sends it.
            let b64 = Data(bytes).base64EncodedString()
            o["encoding"] = "base64"
            o["content"] = .string(stride(from: 0, to: b64.count, by: 60).map { i -> String in
                let start = b64.index(b64.startIndex, offsetBy: i)
                return String(b64[start..<(b64.index(start, offsetBy: 60, limitedBy: b64.endIndex) ?? b64.endIndex)])
            }.joined(separator: "\n") + "\n")
        }
        o["size"] = .number(JSONNumber(bytes.count))
        o["name"] = .string(String(path.split(separator: "/").last ?? ""))
        o["path"] = .string(path)
        o["sha"] = .string(sha)
        o["url"] = .string(l.selfURL)
        o["git_url"] = .string(l.git)
        o["html_url"] = .string(l.html)
        o["download_url"] = .string("https://raw.githubusercontent.com/\(owner)/\(repo)/\(branch)/\(path)")
        o["_links"] = ["self": .string(l.selfURL), "git": .string(l.git), "html": .string(l.html)]
        return o
    }

    private func folderEntry(_ path: String, branch: String) -> JSONObject {
        var o = entry(path, [], branch: branch, withContent: false)
        o["type"] = "dir"
        o["size"] = 0
        o["download_url"] = .null
        return o
    }

    private func commit(_ message: String) -> JSONValue {
        commitCount += 1
        let sha = Self.blobSHA(Array("commit \(commitCount) \(message)".utf8))
        return ["sha": .string(sha), "message": .string(message), "url": .string("https://api.github.com/repos/\(owner)/\(repo)/git/commits/\(sha)")]
    }

    private func putFile(_ path: String, _ body: JSONValue) -> GitHubReply {
        guard let b = branch(body["branch"]?.stringValue) else { return .error(404, "Branch \(body["branch"]?.stringValue ?? "") not found") }
        guard let content = body["content"]?.stringValue, let data = Data(base64Encoded: content) else {
            return .error(422, "Invalid request.", errors: ["content is not valid Base64"])
        }
        let existing = files[b]?[path]
        if let existing {
            guard let sha = body["sha"]?.stringValue else { return .error(422, "Invalid request.\n\n\"sha\" wasn't supplied.") }
            guard sha == Self.blobSHA(existing) else { return .error(409, "\(path) does not match \(sha)") }
        }
        files[b]?[path] = Array(data)
        let c = commit(body["message"]?.stringValue ?? "")
        return .json(existing == nil ? 201 : 200, ["content": .object(entry(path, Array(data), branch: b, withContent: false)), "commit": c])
    }

    private func deleteFile(_ path: String, _ body: JSONValue) -> GitHubReply {
        guard let b = branch(body["branch"]?.stringValue) else { return .error(404, "Branch not found") }
        guard let existing = files[b]?[path] else { return .error(404, "Not Found") }
        guard body["sha"]?.stringValue == Self.blobSHA(existing) else { return .error(409, "\(path) does not match \(body["sha"]?.stringValue ?? "")") }
        files[b]?[path] = nil
        return .json(200, ["content": .null, "commit": commit(body["message"]?.stringValue ?? "")])
    }

    private func dispatch(_ workflowID: String, _ body: JSONValue, baseURL: String) -> GitHubReply {
        guard let b = branch(body["ref"]?.stringValue) else { return .error(422, "No ref found for: \(body["ref"]?.stringValue ?? "")") }
        guard let bytes = files[b]?[".github/workflows/\(workflowID)"] else { return .error(404, "Not Found") }
        guard let yaml = try? Yams.compose(yaml: String(decoding: bytes, as: UTF8.self)) else {
            return .error(422, "Workflow file is not valid YAML")
        }
        guard let dispatchNode = YAMLPath.child(YAMLPath.child(yaml, "on"), "workflow_dispatch") ?? YAMLPath.sequenceHas(YAMLPath.child(yaml, "on"), "workflow_dispatch") else {
            return .error(422, "Workflow does not have 'workflow_dispatch' trigger")
        }
        let declared = YAMLPath.child(dispatchNode, "inputs")?.mapping.map { Array($0) } ?? []
        var inputs: [String: String] = [:]
        var total = 0
        for member in body["inputs"]?.objectValue?.members ?? [] {
            let text = member.value.stringValue ?? JSONPrinter.compact(member.value)
            inputs[member.key] = text
            total += text.count
        }
        let unexpected = inputs.keys.filter { k in !declared.contains { $0.key.string == k } }.sorted()
        if !unexpected.isEmpty { return .error(422, "Unexpected inputs provided: \(unexpected)") }
        for (key, value) in declared where YAMLPath.child(value, "required")?.bool == true && inputs[key.string ?? ""] == nil {
            return .error(422, "Required input '\(key.string ?? "")' not provided")
        }
        if total > 65_535 { return .error(422, "inputs are too large") }
        let runID = 30_433_642 + dispatchList.count
        dispatchList.append(Dispatch(workflowFile: workflowID, ref: b, inputs: inputs, runID: runID))
        guard body["return_run_details"]?.boolValue == true else { return .empty(204) }
        return .json(200, ["workflow_run_id": .number(JSONNumber(runID)),
                           "run_url": .string("\(baseURL)/repos/\(owner)/\(repo)/actions/runs/\(runID)"),
                           "html_url": .string("https://github.com/\(owner)/\(repo)/actions/runs/\(runID)")])
    }

    private func putSecret(_ name: String, _ body: JSONValue) -> GitHubReply {
        let upper = name.uppercased()
        guard let first = upper.first, !first.isNumber, !upper.hasPrefix("GITHUB_"),
              upper.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            return .error(422, "Invalid request.", errors: ["secret names can only contain alphanumeric characters or underscores and must not start with a number or GITHUB_"])
        }
        guard body["key_id"]?.stringValue == keyID else { return .error(422, "Invalid request.", errors: ["key_id does not match the repository's key"]) }
        guard let sealed = Data(base64Encoded: body["encrypted_value"]?.stringValue ?? ""), sealed.count >= Int(crypto_box_sealbytes()) else {
            return .error(422, "Invalid request.", errors: ["encrypted_value is not a sealed box"])
        }
        var plain = [UInt8](repeating: 0, count: sealed.count - Int(crypto_box_sealbytes()))
        let box = Array(sealed)
        guard crypto_box_seal_open(&plain, box, UInt64(box.count), publicKey, secretKey) == 0 else {
            return .error(422, "Invalid request.", errors: ["encrypted_value could not be decrypted with the repository key"])
        }
        let now = "2026-12-05T09:00:00Z"
        let existing = secretValues[upper]
        secretValues[upper] = (String(decoding: plain, as: UTF8.self), existing?.created ?? now, now)
        return existing == nil ? .json(201, .object(JSONObject())) : .empty(204)
    }
}

/// Reading YAML the way GitHub does: keys compared as text, so `on` is a key whether or not
/// it is quoted (YAML 1.1 would read a plain `on` as true).
public enum YAMLPath {
    /// The value of `key` in a mapping.
    public static func child(_ node: Node?, _ key: String) -> Node? {
        node?.mapping?.first { $0.key.string == key }?.value
    }

    /// `node` itself when it is a sequence naming `event` (`on: [workflow_dispatch]`), or a
    /// scalar that is `event`.
    static func sequenceHas(_ node: Node?, _ event: String) -> Node? {
        if node?.string == event { return Node([(Node, Node)]()) }
        return node?.sequence?.contains { $0.string == event } == true ? Node([(Node, Node)]()) : nil
    }
}
