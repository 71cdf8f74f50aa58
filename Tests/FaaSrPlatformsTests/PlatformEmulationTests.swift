import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing

/// One workflow on all six platforms, end to end (``SixPlatformFixture``): `faasr register`
/// registers every server, `faasr invoke` starts it, and each platform's invocation becomes a
/// `faasr run` with the payload in that platform's delivery form (``PlatformEmulator``); the
/// SLURM action runs as a real job. Data and logs live on moto's S3.
@Suite(.serialized) struct PlatformEmulationTests {
    @Test(.timeLimit(.minutes(10))) func oneWorkflowRunsAcrossAllSixPlatforms() async throws {
        guard let f = try await SixPlatformFixture.make() else { return }
        let emulator = PlatformEmulator(faasr: f.faasr, environment: f.containerEnvironment)
        emulator.watch(github: f.github)
        emulator.watch(openWhisk: f.openWhisk)
        emulator.watch(google: f.google)
        emulator.watch(kubernetes: f.kubernetes)
        emulator.watchLambda(endpoint: f.s3.endpoint)

        // As a user would: the secrets into the platforms' stores first (GitHub repository
        // secrets are only ever written by `secrets push`, as in FaaSr), then register.
        let push = try await f.cli(["secrets", "push", "wf.json"])
        #expect(push.status == 0, "\(push.out)\(push.err)")
        let register = try await f.cli(["register", "wf.json"])
        #expect(register.status == 0, "\(register.out)\(register.err)")
        let invoke = try await f.cli(["invoke", "wf.json", "--wait", "--timeout", "300"])
        // Six runs are emulated (SLURM runs its own): start, left, right, cloud, and the join
        // twice: each of its predecessors (cloud, hpc) starts it, and its fan-in gate lets one
        // run the function (spec/runtime.md §2.5).
        let settled = await emulator.settle(expected: 6, timeout: 120)
        emulator.stop()
        let runs = emulator.runs
        let report = runs.map { "[\($0.delivery.platform) \($0.delivery.action ?? "?") exit \($0.status) env \($0.delivery.environment.keys.sorted()) empty \($0.delivery.environment.filter { $0.value.isEmpty }.keys.sorted())]\n\($0.out.suffix(1500))\n\($0.err.suffix(1500))" }.joined(separator: "\n")
        #expect(invoke.status == 0, "\(invoke.out)\(invoke.err)\n\(report)")
        #expect(settled, "the runs did not settle: \(report)")

        // Each platform started exactly its action, once, in its own delivery form; the join
        // once per predecessor, and only one of those ran the function.
        let started = Dictionary(grouping: emulator.deliveries, by: \.platform).mapValues { $0.map { $0.action ?? "?" } }
        #expect(started == ["GitHubActions": ["start"], "Lambda": ["left"], "OpenWhisk": ["right"],
                            "GoogleCloud": ["cloud"], "Kubernetes": ["join", "join"]], "\(started)")
        let joins = runs.filter { $0.delivery.platform == "Kubernetes" }
        #expect(joins.filter { $0.out.contains("Starting Python function combine") }.count == 1, "\(report)")
        for run in runs { #expect(run.status == 0, "\(run.delivery.platform) \(run.delivery.action ?? "?"): \(run.err.suffix(3000))") }
        let lambda = try #require(runs.first { $0.delivery.platform == "Lambda" })
        #expect(lambda.delivery.arguments.first == "--event" && lambda.delivery.environment.isEmpty, "a Lambda event, nothing in env")
        let ow = try #require(runs.first { $0.delivery.platform == "OpenWhisk" })
        #expect(try JSONParser.parse(Array((ow.delivery.arguments.first ?? "").utf8))["OVERWRITTEN"]?.objectValue != nil, "OpenWhisk parameters carry an object")
        let gh = try #require(runs.first { $0.delivery.platform == "GitHubActions" })
        #expect(gh.delivery.environment["S3_SecretKey"] == f.s3.secretKey, "repository secrets reach the GitHub job's env")
        let join = try #require(runs.first { $0.delivery.platform == "Kubernetes" })
        #expect(join.delivery.environment["K8s_Token"] == SixPlatformFixture.k8sToken, "the Job reads the workflow's Secret")
        #expect(!(join.delivery.environment["OVERWRITTEN"] ?? "").contains(f.s3.secretKey), "no credentials inline in the Job")

        // The data: 2 × 385 from Lambda → Cloud Run, 385 from SLURM, added once by the join.
        let store = try f.store()
        let total = try await store.getData("\(f.folder)/total.txt")
        #expect(String(decoding: total, as: UTF8.self) == "1155\n")
        #expect(try await store.list(prefix: "\(f.folder)/never.txt").keys.isEmpty, "the False branch did not run")

        // faasr status: every action done once on its platform, the branch not taken skipped.
        let status = try await f.cli(["status", "wf.json", "--json"])
        #expect(status.status == 0, "\(status.err)")
        let actions = try JSONParser.parse(Array(status.out.utf8))["actions"]?.arrayValue ?? []
        var states: [String: String] = [:]
        for a in actions { states[a["action"]?.stringValue ?? ""] = a["state"]?.stringValue }
        #expect(states == ["start": "done", "left": "done", "cloud": "done", "right": "done", "hpc": "done",
                           "join": "done", "never": "skipped"], "\(status.out)")
        let hpc = actions.first { $0["action"]?.stringValue == "hpc" }
        #expect(hpc?["platform"]?.stringValue == "SLURM" && Int(hpc?["jobID"]?.stringValue ?? "") != nil, "\(hpc.map { "\($0)" } ?? "")")
        let logs = try await store.list(prefix: "\(f.log)/\(f.name)/").keys
        #expect(logs.filter { $0.hasSuffix("/join.txt") }.count == 1, "the join ran exactly once")
        #expect(logs.filter { $0.hasSuffix(".done") }.count == 6, "\(logs)")

        let unregister = try await f.cli(["unregister", "wf.json"])
        #expect(unregister.status == 0, "\(unregister.out)\(unregister.err)")
        let printed = [push, register, invoke, status, unregister].map { $0.out + $0.err }.joined()
        #expect(!printed.contains(f.s3.secretKey) && !printed.contains(SixPlatformFixture.owKey), "no secret is printed")
        #expect(f.github.problems == [] && f.openWhisk.problems == [] && f.google.problems == [] && f.kubernetes.problems == [])
        await f.stop()
    }
}
