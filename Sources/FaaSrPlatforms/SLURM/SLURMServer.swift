import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// One SLURM compute server's settings (spec/platforms.md §9), with FaaSr's defaults:
/// `Endpoint` (http:// added when it has no scheme), `UserName`, `APIVersion`, and the job
/// size `Partition`, `Nodes`, `Tasks`, `CPUsPerTask`, `Memory` (MB), `TimeLimit` (minutes),
/// `WorkingDirectory`, each overridable per action by `ActionList.X.Resources`.
struct SLURMServer: Sendable {
    let name: String
    let endpoint: String
    let userName: String
    /// `APIVersion` as written (`v0.0.38`); nil when absent.
    let apiVersion: String?
    let entry: JSONObject

    /// The secret holding the token: `{Server}_Token`.
    var tokenSecret: String { "\(name)_Token" }

    init(name: String, entry: JSONObject) throws {
        self.name = name
        self.entry = entry
        guard var e = entry["Endpoint"]?.stringValue?.trimmingCharacters(in: .whitespaces), !e.isEmpty else {
            throw PlatformError(serverName: name, request: "read ComputeServers.\(name)",
                                message: "the SLURM server has no Endpoint; set it to slurmrestd's address, e.g. http://login-node:6820")
        }
        if !e.contains("://") { e = "http://" + e }
        while e.hasSuffix("/") { e.removeLast() }
        guard URL(string: e)?.host != nil else {
            throw PlatformError(serverName: name, request: "read ComputeServers.\(name)",
                                message: "Endpoint '\(e)' is not a URL; write it as http://host:port")
        }
        endpoint = e
        let user = entry["UserName"]?.stringValue ?? ""
        userName = user.isEmpty ? "ubuntu" : user
        let v = entry["APIVersion"]?.stringValue ?? ""
        apiVersion = v.isEmpty ? nil : (v.hasPrefix("v") ? v : "v" + v)
    }

    /// A job setting: the action's `Resources[key]`, else the server's, else `fallback`.
    func setting(_ key: String, resources: JSONObject?, fallback: String) -> String {
        for source in [resources, entry] {
            guard let value = source?[key] else { continue }
            switch value {
            case .string(let s) where !s.isEmpty: return s
            case .number(let n): return n.text
            default: continue
            }
        }
        return fallback
    }

    /// An integer job setting.
    func number(_ key: String, resources: JSONObject?, fallback: Int) -> Int {
        Int(setting(key, resources: resources, fallback: String(fallback))) ?? fallback
    }
}

/// slurmrestd API versions: which request shape each takes.
enum SLURMAPIVersion {
    /// `v0.0.38` → (0, 0, 38); nil when it is not of that form.
    static func parts(_ version: String) -> [Int]? {
        let digits = version.hasPrefix("v") ? String(version.dropFirst()) : version
        let parts = digits.split(separator: ".").compactMap { Int($0) }
        return parts.count == 3 ? parts : nil
    }

    /// v0.0.39 and later: `environment` is a list of `KEY=VALUE`, numbers are `{set, number}`.
    static func isModern(_ version: String) -> Bool {
        guard let p = parts(version) else { return false }
        return p.lexicographicallyPrecedes([0, 0, 39]) == false
    }

    /// The versions whose `/slurm/{v}/job/submit` an OpenAPI document lists, newest first.
    static func served(byOpenAPI document: JSONValue) -> [String] {
        let paths = document["paths"]?.objectValue?.keys ?? []
        let versions = paths.compactMap { path -> String? in
            let segments = path.split(separator: "/")
            guard segments.count == 4, segments[0] == "slurm", segments[2] == "job", segments[3] == "submit" else { return nil }
            return String(segments[1])
        }
        return Array(Set(versions)).sorted { (parts($0) ?? []).lexicographicallyPrecedes(parts($1) ?? []) }.reversed()
    }

    /// The version to use: the workflow's `APIVersion` when the server serves it, else the
    /// newest one it serves.
    static func choose(configured: String?, served: [String]) -> String? {
        if let configured, served.contains(configured) { return configured }
        return served.first
    }
}
