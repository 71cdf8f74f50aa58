import FaaSrCore
import FaaSrStorage
import Foundation

/// A small record an action writes when its function is about to run:
/// `{invocation folder}/platform_jobs/{Action}[.{rank}].json` with the platform's job or run
/// id (`SLURM_JOB_ID`, `GITHUB_RUN_ID`, ...), the host and the start time. `faasr status`
/// reads it to show an action as running, with its job id. Not part of FaaSr's layout; a
/// failure to write it is logged and ignored.
public enum JobMarker {
    /// The folder under the invocation folder.
    public static let folder = "platform_jobs"

    /// Platform and job id from the environment an action runs in.
    public static func job(in env: [String: String]) -> (platform: String, id: String?) {
        let known: [(String, FaaSType)] = [
            ("SLURM_JOB_ID", .slurm), ("GITHUB_RUN_ID", .gitHubActions), ("AWS_LAMBDA_LOG_STREAM_NAME", .lambda),
            ("__OW_ACTIVATION_ID", .openWhisk), ("CLOUD_RUN_EXECUTION", .googleCloud), ("KUBERNETES_SERVICE_HOST", .kubernetes),
        ]
        for (variable, platform) in known {
            if let v = env[variable], !v.isEmpty {
                return (platform.rawValue, platform == .kubernetes ? env["HOSTNAME"] : v)
            }
        }
        return ("local", String(ProcessInfo.processInfo.processIdentifier))
    }

    /// The marker's key for an action (and rank).
    public static func key(folder invocationFolder: String, action: String, rank: Int?) -> String {
        "\(invocationFolder)/\(folder)/\(rank.map { "\(action).\($0)" } ?? action).json"
    }

    static func record(payload: ActionPayload, store: any ObjectStore, environment: [String: String], log: ActionLog) async {
        let (platform, id) = job(in: environment)
        var members: [JSONObject.Member] = [
            .init(key: "Action", value: .string(payload.functionInvoke)),
            .init(key: "Platform", value: .string(platform)),
            .init(key: "Host", value: .string(ProcessInfo.processInfo.hostName)),
            .init(key: "Started", value: .string(ISO8601DateFormatter().string(from: Date()))),
        ]
        if let rank = payload.functionRank { members.insert(.init(key: "Rank", value: .number(JSONNumber(rank))), at: 1) }
        if let id { members.insert(.init(key: "JobID", value: .string(id)), at: members.count - 2) }
        let key = key(folder: payload.invocationFolder, action: payload.functionInvoke, rank: payload.functionRank)
        do { try await store.put(key, data: Data(JSONPrinter.compact(.object(JSONObject(members))).utf8)) } catch {
            log.log(.warning, "could not record the job in \(key): \(error)")
        }
    }
}
