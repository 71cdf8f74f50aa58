import FaaSrCore
import Foundation

/// Cloud Run's own names, limits and endpoints; what every platform has (fields, secrets,
/// images, timer support) is in FaaSrCore's platform facts table. Sources: spec/platforms.md
/// §8, the Run v2, Cloud Scheduler v1 and Secret Manager v1 discovery documents in ../shared/api.
public enum GoogleCloudFacts {
    /// The shared facts (fields, secrets, images, timers): FaaSrCore's platform facts table.
    public static var facts: PlatformFacts { FaaSType.googleCloud.facts }

    /// The secret holding the service account's key for server `server` (`{Server}_SecretKey`).
    public static func keySecret(server: String) -> String {
        facts.secrets.first { $0.field == "SecretKey" }!.secretName(server: server)
    }

    /// A server field's default from the facts table (`Region`, `TokenUri`, `Endpoint`).
    public static func defaultValue(_ field: String) -> String? {
        facts.fields.first { $0.name == field }?.defaultValue?.stringValue
    }

    /// CPUs when neither `Resources.CPUsPerTask` nor the server's `CPUsPerTask` is set (FaaSr's).
    public static let defaultCPU = 1
    /// Memory when no `Resources.Memory`, `MaxMemory` nor server `Memory` is set (MiB; FaaSr's).
    public static let defaultMemoryMiB = 512
    /// Task timeout when no `Resources.TimeLimit`, `MaxRuntime` nor server `TimeLimit` is set (s; FaaSr's).
    public static let defaultTimeoutSeconds = 3600

    /// A Cloud Run job id: a lowercase letter first, then lowercase letters, digits and
    /// hyphens, no hyphen last, at most 63 characters.
    public static let maxJobNameLength = 63

    /// The job of action `action` in workflow `workflow`: FaaSr's `{WorkflowName}-{Action}`,
    /// lower-cased (Cloud Run refuses capitals; FaaSr sends the name as it is and fails).
    public static func jobName(_ functionName: String) -> String { functionName.lowercased() }

    /// Why `name` is not a valid job id, or nil when it is.
    public static func jobNameProblem(_ name: String) -> String? {
        let allowed = name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if name.isEmpty || name.count > maxJobNameLength { return "is \(name.count) characters; Cloud Run allows 1 to \(maxJobNameLength)" }
        if !allowed { return "may hold only letters, digits and hyphens" }
        if !(name.first.map { ("a"..."z").contains($0) } ?? false) { return "must start with a letter" }
        if name.hasSuffix("-") { return "must not end with a hyphen" }
        return nil
    }

    /// The Cloud Scheduler job of a timer on job `job`.
    public static func timerName(job: String) -> String { "\(job)-timer" }

    /// gcloud's endpoint overrides (`api_endpoint_overrides/<api>`): the API's root URL.
    public enum API: String, Sendable, CaseIterable {
        case run, cloudscheduler, secretmanager

        /// The discovery document's `rootUrl`.
        public var defaultRoot: String { "https://\(rawValue).googleapis.com/" }
        /// The version path the methods are under.
        public var version: String { self == .run ? "v2" : "v1" }
        /// `CLOUDSDK_API_ENDPOINT_OVERRIDES_<API>`, as gcloud reads it.
        public var overrideVariable: String { "CLOUDSDK_API_ENDPOINT_OVERRIDES_\(rawValue.uppercased())" }

        /// `{root}{version}`, from the override variable when set, else Google's.
        public func base(environment: [String: String]) -> String {
            let root = environment[overrideVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultRoot
            return GoogleCloudFacts.versioned(root, version)
        }
    }

    /// `root` with `/version` appended unless it ends with it (also accepts FaaSr's
    /// `Endpoint` form `run.googleapis.com/v2/projects/`).
    static func versioned(_ root: String, _ version: String) -> String {
        var s = root.trimmingCharacters(in: .whitespaces)
        if !s.contains("://") { s = "https://" + s }
        while s.hasSuffix("/") { s.removeLast() }
        if s.hasSuffix("/projects") { s.removeLast("/projects".count) }
        return s.hasSuffix("/\(version)") ? s : "\(s)/\(version)"
    }
}
