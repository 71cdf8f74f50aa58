import FaaSrControl
import FaaSrCore
import FaaSrPlatformAPI
@testable import FaaSrPlatforms
import Foundation
import Testing

/// The SLURM platform's requests and checks that need no cluster.
@Suite struct SLURMRequestTests {
    func server(_ extra: [(String, JSONValue)] = []) throws -> SLURMServer {
        var o = JSONObject([.init(key: "FaaSType", value: "SLURM"), .init(key: "Endpoint", value: "hpc:6820"),
                            .init(key: "UserName", value: "alice"), .init(key: "Partition", value: "short")])
        for (k, v) in extra { o[k] = v }
        return try SLURMServer(name: "HPC", entry: o)
    }

    @Test func legacyShapeMatchesV0038() throws {
        var job = SLURMJob(name: "wf-a", script: "#!/bin/bash", environment: [("PAYLOAD_URL", "u"), ("OVERWRITTEN", "{}")],
                           server: try server(), resources: JSONObject([.init(key: "Memory", value: 2048)]))
        job.beginIn = 30
        let body = job.body(version: "v0.0.38")
        #expect(body["script"]?.stringValue == "#!/bin/bash")
        let j = try #require(body["job"])
        #expect(j["environment"]?.objectValue?["PAYLOAD_URL"]?.stringValue == "u")
        #expect(j["memory_per_cpu"]?.numberValue?.intValue == 2048)
        #expect(j["time_limit"]?.numberValue?.intValue == 60)
        #expect(j["partition"]?.stringValue == "short")
        #expect(j["begin_time"]?.stringValue == "now+30")
        #expect(j["current_working_directory"]?.stringValue == "/tmp")
    }

    @Test func modernShapeFromV0039() throws {
        let job = SLURMJob(name: "wf-a", script: "s", environment: [("A", "1")], server: try server(), resources: nil)
        let v39 = job.body(version: "v0.0.39")
        #expect(v39["script"]?.stringValue == "s")
        #expect(v39["job"]?["environment"]?.arrayValue == [.string("A=1")])
        #expect(v39["job"]?["time_limit"]?["number"]?.numberValue?.intValue == 60)
        #expect(v39["job"]?["time_limit"]?["set"]?.boolValue == true)
        let v41 = job.body(version: "v0.0.41")
        #expect(v41["script"] == nil)
        #expect(v41["job"]?["script"]?.stringValue == "s")
    }

    @Test func versionsComeFromTheOpenAPIDocument() throws {
        let doc = try JSONParser.parse(Array(#"{"paths":{"/slurm/v0.0.37/job/submit":{},"/slurm/v0.0.38/job/submit":{},"/slurm/v0.0.38/ping":{},"/slurm/v0.0.36/job/submit":{}}}"#.utf8))
        let served = SLURMAPIVersion.served(byOpenAPI: doc)
        #expect(served == ["v0.0.38", "v0.0.37", "v0.0.36"])
        #expect(SLURMAPIVersion.choose(configured: "v0.0.37", served: served) == "v0.0.37")
        #expect(SLURMAPIVersion.choose(configured: "v0.0.40", served: served) == "v0.0.38")
        #expect(try server().endpoint == "http://hpc:6820")
    }

    func jwt(_ claims: String) -> String {
        func b64(_ s: String) -> String { Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_") }
        return "\(b64(#"{"alg":"HS256"}"#)).\(b64(claims)).sig"
    }

    @Test func expiredOrForeignTokensAreRefusedWithAFix() throws {
        let past = Int(Date().timeIntervalSince1970) - 10
        let expired = try SLURMToken(jwt("{\"exp\":\(past),\"sun\":\"alice\"}"), secretName: "HPC_Token", serverName: "HPC")
        #expect(throws: PlatformError.self) { try expired.check(userName: "alice", secretName: "HPC_Token", serverName: "HPC") }
        do { try expired.check(userName: "alice", secretName: "HPC_Token", serverName: "HPC") } catch {
            #expect("\(error)".contains("expired") && "\(error)".contains("scontrol token username=alice"))
            #expect(!"\(error)".contains(expired.text))
        }
        let bob = try SLURMToken(jwt("{\"exp\":\(past + 10_000),\"sun\":\"bob\"}"), secretName: "HPC_Token", serverName: "HPC")
        #expect(throws: PlatformError.self) { try bob.check(userName: "alice", secretName: "HPC_Token", serverName: "HPC") }
        #expect(throws: PlatformError.self) { try SLURMToken("not-a-token", secretName: "HPC_Token", serverName: "HPC") }
    }

    @Test func scriptRunsContainerOrNativeRuntime() {
        let s = SLURMJobScript.action(jobName: "wf-a", image: "img:1", passed: ["PAYLOAD_URL", "OVERWRITTEN"])
        #expect(s.contains(#"run --rm --network host -v "$PWD:$PWD" -e FAASR_RPC_PORT=0 -e SLURM_JOB_ID -e PAYLOAD_URL -e OVERWRITTEN 'img:1'"#))
        #expect(s.contains(#"echo "faasr: $runtime run" 'img:1'"#))
        #expect(s.contains("FAASR_BIN") && s.contains("FAASR_SLURM_RUNTIME"))
        #expect(SLURMJobScript.quote("a'b") == "'a'\"'\"'b'")
    }

    @Test func triggerPassesOnOnlyFaaSrSecrets() {
        let s = PlatformTrigger.secrets(inEnvironment: ["GH_PAT": "g", "HPC_Token": "t", "S3_AccessKey": "a", "HOME": "/root", "_Token": "x", "S3_SecretKey": ""])
        #expect(Set(s.keys) == ["GH_PAT", "HPC_Token", "S3_AccessKey"])
    }

    @Test func unknownFaaSTypeNamesTheSupportedOnes() {
        let context = PlatformContext(serverName: "X", server: JSONObject([.init(key: "FaaSType", value: "Nimbus")]),
                                      workflowName: "w", secrets: [:], environment: [:])
        #expect(throws: PlatformError.self) { try PlatformCatalog.platform(for: context) }
        do { _ = try PlatformCatalog.platform(for: context) } catch { #expect("\(error)".contains("SLURM")) }
    }

    @Test func dotEnvFiles() throws {
        let parsed = try SecretValues.parse("# c\nexport A=1\nB = \"two words\"\nC='x#y' \nD=v # note\n", file: ".env")
        #expect(parsed.map(\.0) == ["A", "B", "C", "D"])
        #expect(parsed.map(\.1) == ["1", "two words", "x#y", "v"])
        #expect(throws: ControlError.self) { try SecretValues.parse("A=1\nnonsense\n", file: ".env") }
        do { _ = try SecretValues.parse("S=secretvalue\nbad line\n", file: ".env") } catch {
            #expect("\(error)".contains(".env:2") && !"\(error)".contains("secretvalue"))
        }
    }

    @Test func aJobRunsTheActionsImageOrTheDefaultForItsType() throws {
        let entry = try server().entry
        let platform = try SLURMPlatform(context: PlatformContext(serverName: "HPC", server: entry, workflowName: "wf",
                                                                  secrets: [:], environment: [:]))
        func script(type: String?, container: String?) -> String {
            let request = TriggerRequest(action: "a", rank: nil, serverName: "HPC", server: entry, overwritten: JSONObject(),
                                         payloadURL: "u", functionName: "wf-a", container: container, type: type)
            return platform.job(for: request, name: "wf-a").script
        }
        #expect(script(type: "R", container: nil).contains("faasr/slurm-r:latest"))
        #expect(!script(type: "R", container: nil).contains("faasr/slurm-python"))
        #expect(script(type: "Python", container: nil).contains("faasr/slurm-python:latest"))
        #expect(script(type: nil, container: "").contains("faasr/slurm-python:latest"))
        #expect(script(type: "R", container: "lab/r-geo:2").contains("lab/r-geo:2"))
    }
}
