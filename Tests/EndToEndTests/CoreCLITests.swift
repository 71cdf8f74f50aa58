import Foundation
import FaaSrTestSupport
import Testing
@testable import FaaSrCore

@Suite("faasr fmt, convert, secrets")
struct CoreCLITests {
    private let messy = "{\"b\": 1.0, \"a\":[1,\n  2],\"b\": 5}"

    @Test func fmtCheckReportsAndLeavesFilesAlone() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("wf.json")
        try messy.write(to: file, atomically: true, encoding: .utf8)
        let r = try FaasrExecutable.run(["fmt", "--check", file.path])
        #expect(r.status == 1)
        #expect(r.out.contains("would reformat"))
        #expect(try String(contentsOf: file, encoding: .utf8) == messy)
    }

    @Test func fmtRewritesAtomicallyKeepingModeAndContent() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("wf.json")
        try messy.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let r = try FaasrExecutable.run(["fmt", file.path])
        #expect(r.status == 0)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == "{\n  \"b\": 1.0,\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": 5\n}\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["wf.json"])
        let again = try FaasrExecutable.run(["fmt", "--check", file.path])
        #expect(again.status == 0)
    }

    @Test func fmtReportsSyntaxErrorsLikeACompiler() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.json")
        try "{\n  \"a\": [1,]\n}".write(to: file, atomically: true, encoding: .utf8)
        let r = try FaasrExecutable.run(["fmt", file.path])
        #expect(r.status == 2)
        #expect(r.err.contains("\(file.path):2:11: error:"))
        #expect(r.err.contains("hint:"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "{\n  \"a\": [1,]\n}")
    }

    @Test func fmtPreservesLayoutOnRequest() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let r = try FaasrExecutable.run(["fmt", "--preserve-layout", "-"], stdin: "{\r\n    \"a\":  [1]\r\n}")
        #expect(r.out == "{\r\n    \"a\": [\r\n        1\r\n    ]\r\n}")
    }

    @Test func convertWritesValidTwoXAndReportsTodos() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("old_flow.json"), output = dir.appendingPathComponent("new.json")
        try """
        {"FunctionInvoke": "get_data", "DefaultDataStore": "S3",
         "FunctionList": {"get_data": {"FunctionName": "get", "FaaSServer": "GH", "InvokeNext": "fit[TRUE]"},
                          "fit": {"FunctionName": "fit", "FaaSServer": "GH"}},
         "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Token": "ghp_SECRETVALUE"}},
         "DataStores": {"S3": {"Endpoint": "https://s3", "Bucket": "b", "AccessKey": "AKIAVALUE", "SecretKey": "SKVALUE"}}}
        """.write(to: input, atomically: true, encoding: .utf8)
        let r = try FaasrExecutable.run(["convert", input.path, "-o", output.path])
        #expect(r.status == 0)
        #expect(r.err.contains("warning: create these secrets"))
        #expect(r.err.contains("GH_PAT, S3_AccessKey, S3_SecretKey"))
        #expect(r.err.contains("\(input.path):2:"))
        #expect(!r.err.contains("validation error"))
        let text = try String(contentsOf: output, encoding: .utf8)
        for secret in ["ghp_SECRETVALUE", "AKIAVALUE", "SKVALUE"] {
            #expect(!text.contains(secret))
            #expect(!r.err.contains(secret))
        }
        #expect(Validator().validate(text: text).errors.isEmpty)
        #expect(try Workflow(text: text).workflowName == "old-flow")
    }

    @Test func secretsListsNamesNeverValues() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let wf = """
        {"ActionList": {"a": {"FaaSServer": "AWS"}}, "ComputeServers": {"AWS": {"FaaSType": "Lambda", "AccessKey": "AKIAVALUE"}},
         "DataStores": {"S3": {"Bucket": "b", "SecretKey": "SKVALUE"}}, "Secrets": ["API_TOKEN"]}
        """
        let r = try FaasrExecutable.run(["secrets", "-"], stdin: wf)
        #expect(r.status == 0)
        for name in ["GH_PAT", "AWS_AccessKey", "AWS_SecretKey", "S3_AccessKey", "S3_SecretKey", "API_TOKEN"] {
            #expect(r.out.contains(name))
        }
        #expect(r.err.contains("-:1:") || r.err.contains("-:2:"))
        #expect(!(r.out + r.err).contains("AKIAVALUE"))
        #expect(!(r.out + r.err).contains("SKVALUE"))
        let names = try FaasrExecutable.run(["secrets", "--names-only", "-"], stdin: wf)
        #expect(names.out == "GH_PAT\nAWS_AccessKey\nAWS_SecretKey\nS3_AccessKey\nS3_SecretKey\nAPI_TOKEN\n")
        let json = try FaasrExecutable.run(["secrets", "--json", "-"], stdin: wf)
        #expect(try JSONDocument(text: json.out).root.arrayValue?.count == 6)
    }
}
