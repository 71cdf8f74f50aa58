import Crypto
import Foundation

/// Kubernetes names made from FaaSr's: WorkflowName and action names may hold capitals,
/// underscores and dots and be long, while Job, CronJob, Secret and container names must be
/// DNS-1123 labels (lowercase letters, digits and `-`, starting and ending with a letter or
/// digit, at most 63 characters; a CronJob's at most 52, because Kubernetes appends 11
/// characters to name the Jobs it starts). FaaSr sends `WorkflowName` unchanged and the API
/// server refuses it (spec/platforms.md §10).
public enum KubernetesNames {
    /// The longest DNS-1123 label.
    public static let maxLabel = 63
    /// The longest CronJob name.
    public static let maxCronJob = 52

    /// `raw` as a DNS-1123 label of at most `limit` characters: lowercased, every run of other
    /// characters turned into one `-`, no `-` at either end. A name that had to be shortened
    /// ends in `-` and 8 hex digits of its SHA-256, so long names that share a prefix stay
    /// apart. Never empty (`faasr` stands in for a name with no letter or digit).
    public static func label(_ raw: String, limit: Int = maxLabel) -> String {
        var out = ""
        var dash = false
        for scalar in raw.unicodeScalars {
            let c = Character(scalar)
            if c.isASCII, c.isLetter || c.isNumber {
                if dash, !out.isEmpty { out.append("-") }
                out.append(Character(c.lowercased()))
                dash = false
            } else {
                dash = true
            }
        }
        if out.isEmpty { out = "faasr" }
        guard out.count > limit else { return out }
        let digest = SHA256.hash(data: Data(raw.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        var head = String(out.prefix(limit - 9))
        while head.hasSuffix("-") { head.removeLast() }
        return head + "-" + digest
    }

    /// Whether `name` is a DNS-1123 label of at most `limit` characters.
    public static func isLabel(_ name: String, limit: Int = maxLabel) -> Bool {
        guard !name.isEmpty, name.count <= limit, name.first != "-", name.last != "-" else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The Secret holding a workflow's credentials.
    public static func secret(workflow: String) -> String { label("faasr-" + workflow) }

    /// The CronJob of an action's timer.
    public static func cronJob(function: String) -> String { label(function, limit: maxCronJob - 6) + "-timer" }

    /// A new Job's name: the function's label and 5 random characters (as `generateName` would
    /// add), at most 63 characters in all.
    public static func job(function: String) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        let suffix = String((0..<5).map { _ in alphabet.randomElement()! })
        return label(function, limit: maxLabel - 6) + "-" + suffix
    }

    /// A label value (at most 63 characters of `[a-z0-9-]`, here always lowercase).
    public static func labelValue(_ raw: String) -> String { label(raw) }
}
