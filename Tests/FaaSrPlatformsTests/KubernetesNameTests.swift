import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing

/// FaaSr names (WorkflowName and action names as users write them) made into Kubernetes
/// names: checked as properties over many generated odd names, and against the API server.
@Suite struct KubernetesNameTests {
    /// A small seeded generator, so a failure names a reproducible input.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = ["A", "z", "0", "9", "_", "-", ".", " ", "--", "é", "日本", "🚀", "/", "Workflow", "STEP", "x_y", "\t"]

    static func oddNames(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix(state: seed)
        return (0..<count).map { _ in
            let n = Int.random(in: 0...80, using: &rng)
            return (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }
    }

    @Test func everyNameBecomesAValidLabelWithinItsLimit() {
        for raw in Self.oddNames(count: 2000, seed: 12) {
            let label = KubernetesNames.label(raw)
            #expect(KubernetesNames.isLabel(label), "\(raw.debugDescription) → \(label)")
            #expect(KubernetesNames.label(label) == label, "not stable: \(raw.debugDescription)")
            let cron = KubernetesNames.cronJob(function: raw)
            #expect(KubernetesNames.isLabel(cron, limit: KubernetesNames.maxCronJob), "cron \(raw.debugDescription) → \(cron)")
            let job = KubernetesNames.job(function: raw)
            #expect(KubernetesNames.isLabel(job), "job \(raw.debugDescription) → \(job)")
            #expect(KubernetesNames.isLabel(KubernetesNames.secret(workflow: raw)))
        }
    }

    @Test func readableNamesStayReadableAndLongOnesStayApart() {
        #expect(KubernetesNames.label("My_Workflow-Next_Step") == "my-workflow-next-step")
        #expect(KubernetesNames.label("__a..b__") == "a-b")
        #expect(KubernetesNames.label("") == "faasr" && KubernetesNames.label("日本") == "faasr")
        let long = String(repeating: "Pipeline_", count: 10)
        let a = KubernetesNames.label(long + "a"), b = KubernetesNames.label(long + "b")
        #expect(a != b && a.count <= 63 && b.count <= 63)
        #expect(KubernetesNames.label(long + "a") == a)   // the same name always maps the same way
        #expect(KubernetesNames.isLabel("a-b") && !KubernetesNames.isLabel("-a") && !KubernetesNames.isLabel("A")
            && !KubernetesNames.isLabel(String(repeating: "a", count: 64)))
    }

    @Test func theAPIServerAcceptsJobsAndTimersOfOddWorkflowNames() async throws {
        guard try SharedFixtures.require() else { return }
        let server = try KubernetesServer(token: KubernetesFixture.token, namespaces: ["default", "faasr"])
        try await server.start()
        defer { Task { await server.stop() } }
        let names = ["My_Workflow", "ALL.CAPS.and.dots", String(repeating: "VeryLongWorkflowName_", count: 5), "-leading-", "Ünïcödé wf"]
        for name in names + Self.oddNames(count: 5, seed: 7) {
            let platform = try KubernetesFixture.platform(server, workflowName: name)
            let wf = try KubernetesFixture.workflow(name: name)
            try await platform.apply(try await platform.plan(KubernetesFixture.deployment(wf)))
            let action = "Step_\(name.count)"
            let request = TriggerRequest(action: action, rank: nil, serverName: "K8s", server: KubernetesFixture.entry(server),
                                         overwritten: JSONObject(), payloadURL: "p", functionName: "\(name)-\(action)")
            let receipt = try await platform.submit(request)
            #expect(server.object("jobs", receipt.jobID ?? "", namespace: "faasr") != nil, "\(name.debugDescription)")
            try await platform.setTimer(TimerRequest(cron: "0 0 * * *", request: request))
            #expect(server.object("cronjobs", KubernetesNames.cronJob(function: request.functionName), namespace: "faasr") != nil)
        }
        #expect(server.problems == [])
    }
}
