import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatformTestSupport
@testable import FaaSrPlatforms
import FaaSrTestSupport
import Foundation
import Testing

/// The job-submit request shapes against ../shared/api/slurmrestd-v0.0.38-excerpt.json (the
/// document slurmrestd 22.05.8 serves at /openapi/v3), and the shape chosen from the OpenAPI
/// document a server serves. The cluster the tests start serves only v0.0.36–v0.0.38, so the
/// v0.0.39+ shape is checked here, through a loopback slurmrestd whose document adds v0.0.39.
@Suite struct SLURMAPIDescriptionTests {
    static let file = "slurmrestd-v0.0.38-excerpt.json"

    static func document() throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: SharedFixtures.sharedRoot.appendingPathComponent("api/\(file)"))))
    }

    /// The description with every path also served under `version` (what a newer slurmrestd lists).
    static func document(adding version: String) throws -> JSONValue {
        var root = try document().objectValue!
        var paths = root["paths"]!.objectValue!
        for member in paths.members { paths[member.key.replacingOccurrences(of: "v0.0.38", with: version)] = member.value }
        root["paths"] = .object(paths)
        return .object(root)
    }

    static func job(beginIn: Int? = nil) throws -> SLURMJob {
        let server = try SLURMServer(name: "HPC", entry: JSONObject([
            .init(key: "FaaSType", value: "SLURM"), .init(key: "Endpoint", value: "http://127.0.0.1:1"),
            .init(key: "UserName", value: "alice"), .init(key: "Partition", value: "debug")]))
        var job = SLURMJob(name: "wf-a", script: "#!/bin/bash\ntrue", environment: [("PAYLOAD_URL", "s3://b/k"), ("OVERWRITTEN", "{}")],
                           server: server, resources: JSONObject([.init(key: "Nodes", value: 2), .init(key: "Memory", value: 2048)]))
        job.beginIn = beginIn
        return job
    }

    @Test func legacyBodyMatchesTheDescriptionsSubmitSchema() throws {
        guard try SharedFixtures.require() else { return }
        let description = try APIDescription.load(Self.file)
        let submit = try #require(description.operation("POST", "/slurm/v0.0.38/job/submit"))
        let schema = try #require(submit.bodySchema)
        let served = SLURMAPIVersion.served(byOpenAPI: try Self.document())
        #expect(served == ["v0.0.38"])
        let version = try #require(SLURMAPIVersion.choose(configured: nil, served: served))
        #expect(!SLURMAPIVersion.isModern(version))
        let body = try Self.job().body(version: version)
        #expect(schema.violations(of: body).isEmpty, "\(schema.violations(of: body))")
        #expect(body["job"]?["nodes"]?.arrayValue == [2, 2])
        // A timer's begin time is the one known difference: the description says int64, 22.05.8
        // refuses a number ("Unable to parse time") and takes sbatch's `now+N`.
        let timed = try Self.job(beginIn: 30).body(version: version)
        #expect(schema.violations(of: timed).map { "\($0)" }.allSatisfy { $0.contains("begin_time") })
        #expect(schema.violations(of: timed).count == 1)
        // The v0.0.39+ body is not a v0.0.38 body (environment is a KEY=VALUE list there).
        let modern = try Self.job().body(version: "v0.0.39")
        #expect(schema.violations(of: modern).contains { "\($0)".contains("environment") })
    }

    @Test func newerShapeIsChosenFromTheServedDocumentAndAPIVersionPinsTheOld() async throws {
        guard try SharedFixtures.require() else { return }
        let checker = DescriptionChecker(try APIDescription.load(Self.file), file: Self.file)
        let openapi = try Self.document(adding: "v0.0.39")
        let submitted = Locked<[LoopbackRequest]>([])
        let server = LoopbackServer { request in
            if request.path == "/openapi/v3" { return .json(200, openapi) }
            if request.path.hasPrefix("/slurm/v0.0.39/") {
                if request.path.hasSuffix("/job/submit") { submitted.mutate { $0.append(request) } }
                return .json(200, ["job_id": 39, "errors": []])
            }
            switch checker.check(request) {
            case .failure(let f): return .json(f.status, ["errors": [["error": .string(f.message)]]])
            case .success(let (op, _, _)):
                if op.template.hasSuffix("/job/submit") { submitted.mutate { $0.append(request) } }
                let reply: LoopbackReply = .json(200, op.template.hasSuffix("/job/submit") ? ["job_id": 38, "errors": []] : ["errors": [], "pings": []])
                return reply
            }
        }
        try await server.start()
        defer { Task { await server.stop() } }
        func platform(_ apiVersion: String?) throws -> SLURMPlatform {
            var entry = JSONObject([.init(key: "FaaSType", value: "SLURM"), .init(key: "Endpoint", value: .string(server.baseURL)),
                                    .init(key: "UserName", value: "alice"), .init(key: "Partition", value: "debug")])
            if let apiVersion { entry["APIVersion"] = .string(apiVersion) }
            return try SLURMPlatform(context: PlatformContext(serverName: "HPC", server: entry, workflowName: "wf",
                                                              secrets: ["HPC_Token": Self.token()], environment: [:]))
        }
        func request(_ p: SLURMPlatform) -> TriggerRequest {
            TriggerRequest(action: "a", rank: nil, serverName: "HPC", server: p.server.entry, overwritten: JSONObject([.init(key: "FunctionInvoke", value: "a")]),
                           payloadURL: "s3://b/k", functionName: "wf-a")
        }

        let newest = try platform(nil)
        let plan = try await newest.plan(Deployment(workflow: try Workflow(text: #"{"WorkflowName":"wf"}"#), actions: ["a"], payloadURL: "s3://b/k"))
        #expect(plan.changes.first?.detail.contains("jobs use v0.0.39 (v0.0.39+ request shape)") == true, "\(plan.changes)")
        #expect(try await newest.submit(request(newest)).jobID == "39")
        let modern = try JSONParser.parse(try #require(submitted.value.last).body)
        #expect(modern["job"]?["environment"]?.arrayValue?.contains(.string("PAYLOAD_URL=s3://b/k")) == true, "\(modern)")
        #expect(modern["job"]?["time_limit"]?["number"] == 60)

        let pinned = try platform("v0.0.38")
        #expect(try await pinned.submit(request(pinned)).jobID == "38")
        let legacy = try #require(submitted.value.last)
        #expect(legacy.path == "/slurm/v0.0.38/job/submit")
        #expect(try JSONParser.parse(legacy.body)["job"]?["environment"]?["PAYLOAD_URL"] == "s3://b/k")
        #expect(checker.problems == [], "the v0.0.38 requests match the description")
    }

    /// An unsigned HS256-shaped token for alice that has not expired (the loopback server does not verify it).
    static func token() -> String {
        func b64(_ s: String) -> String {
            Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        return "\(b64(#"{"alg":"HS256"}"#)).\(b64("{\"exp\":\(Int(Date().timeIntervalSince1970) + 3600),\"sun\":\"alice\"}")).sig"
    }
}
