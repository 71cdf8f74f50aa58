import Foundation

/// The single-node SLURM cluster the tests use (slurmctld, slurmd, slurmrestd with JWT on
/// 127.0.0.1), as `scripts/test` describes it after `scripts/slurm-up`:
/// `FAASR_TEST_SLURM_ENDPOINT`, `_API`, `_USER`, `_TOKEN`, `_JWT_KEY`, `_PARTITION`, `_JOB_DIR`.
/// By hand: `eval "$(scripts/slurm-up --state-dir /tmp/slurm)"`, then the tests, then
/// `scripts/slurm-down --state-dir /tmp/slurm`.
public struct TestSLURMCluster: Sendable, CustomStringConvertible {
    /// slurmrestd's URL.
    public var endpoint: String
    /// The API version it serves (v0.0.38).
    public var apiVersion: String
    /// The job user.
    public var user: String
    /// A valid token for `user`.
    public var token: String
    /// The HS256 key file (to mint tokens, expired ones too).
    public var jwtKeyFile: String
    /// The partition.
    public var partition: String
    /// A folder the job user can write (job output).
    public var jobDirectory: String

    /// Endpoint and user; the token is masked.
    public var description: String { "TestSLURMCluster(\(endpoint), user \(user), token ****)" }

    /// Thrown under `CI=true` when the cluster is not configured.
    public struct NotConfigured: Error, CustomStringConvertible {
        /// The missing variable.
        public let variable: String
        public var description: String { "\(variable) is not set: SLURM tests need the cluster scripts/test starts (scripts/slurm-up)" }
    }

    /// Reads the cluster from the environment; nil (skip) when absent, an error under CI.
    public static func require() throws -> TestSLURMCluster? {
        let env = ProcessInfo.processInfo.environment
        func value(_ name: String) throws -> String? {
            if let v = env[name], !v.isEmpty { return v }
            if SharedFixtures.isCI { throw NotConfigured(variable: name) }
            return nil
        }
        guard let endpoint = try value("FAASR_TEST_SLURM_ENDPOINT"), let token = try value("FAASR_TEST_SLURM_TOKEN"),
              let key = try value("FAASR_TEST_SLURM_JWT_KEY"), let jobs = try value("FAASR_TEST_SLURM_JOB_DIR") else {
            print("skipped: no SLURM cluster (FAASR_TEST_SLURM_* unset; scripts/test starts one)")
            return nil
        }
        return TestSLURMCluster(endpoint: endpoint, apiVersion: env["FAASR_TEST_SLURM_API"] ?? "v0.0.38",
                                user: env["FAASR_TEST_SLURM_USER"] ?? "faasrjob", token: token, jwtKeyFile: key,
                                partition: env["FAASR_TEST_SLURM_PARTITION"] ?? "debug", jobDirectory: jobs)
    }
}
