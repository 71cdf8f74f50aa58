import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrCore

/// Issue 10: only `faasr convert` renames actions, and it reports each rename with where the
/// name stood; fmt and validate keep a file's own names.
@Suite("faasr convert: every rename reported")
struct ConvertRenameCLITests {
    /// A 1.x file with two names that break the 2.x rule; `get-data` is taken, so `get_data`
    /// becomes `get-data-2`.
    let legacy = """
    {"FunctionInvoke": "get_data", "DefaultDataStore": "S3", "WorkflowName": "wf",
     "FunctionList": {
      "get_data": {"FunctionName": "get", "FaaSServer": "GH", "InvokeNext": ["fit_model", "get-data"]},
      "fit_model": {"FunctionName": "fit", "FaaSServer": "GH"},
      "get-data": {"FunctionName": "other", "FaaSServer": "GH"}},
     "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r"}},
     "DataStores": {"S3": {"Endpoint": "https://s3", "Bucket": "b"}}}
    """

    @Test func convertReportsEachRenameWithItsPlace() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("old.json"), output = dir.appendingPathComponent("new.json")
        try legacy.write(to: input, atomically: true, encoding: .utf8)
        let r = try FaasrExecutable.run(["convert", input.path, "-o", output.path])
        #expect(r.status == 0, "\(r.err)")
        let renames = r.err.split(separator: "\n").filter { $0.contains("renamed action") }
        #expect(renames.count == 2, "\(r.err)")
        #expect(renames.contains { $0.hasPrefix("\(input.path):3:") && $0.contains("\"get_data\" to \"get-data-2\"") }, "\(renames)")
        #expect(renames.contains { $0.hasPrefix("\(input.path):4:") && $0.contains("\"fit_model\" to \"fit-model\"") }, "\(renames)")
        let converted = try Workflow(text: String(contentsOf: output, encoding: .utf8))
        #expect(converted.actionNames.sorted() == ["fit-model", "get-data", "get-data-2"])
        #expect(converted.functionInvoke == "get-data-2")
        #expect(converted.graph.edges.map { "\($0.from)>\($0.to)" }.sorted() == ["get-data-2>fit-model", "get-data-2>get-data"])
    }

    /// A 2.x file with `_` names: fmt and validate keep the names (validate flags them);
    /// convert, the command that renames, renames them and says so for each.
    @Test func onlyConvertRenamesATwoXFile() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("v2.json")
        let text = legacy.replacingOccurrences(of: "FunctionList", with: "ActionList")
            .replacingOccurrences(of: "\"FaaSServer\": \"GH\"", with: "\"FaaSServer\": \"GH\", \"Type\": \"R\"")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let asWritten = ["fit_model", "get-data", "get_data"]
        let fmt = try FaasrExecutable.run(["fmt", "-"], stdin: text)
        #expect(fmt.status == 0)
        #expect(try Workflow(text: fmt.out).actionNames.sorted() == asWritten)
        let validate = try FaasrExecutable.run(["validate", file.path])
        #expect(validate.status != 0, "a 2.x file with '_' in action names is flagged")
        #expect((validate.out + validate.err).contains("get_data"))
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        let convert = try FaasrExecutable.run(["convert", file.path])
        #expect(convert.status == 0)
        let renames = convert.err.split(separator: "\n").filter { $0.contains("renamed action") }
        #expect(renames.count == 2, "\(convert.err)")
        #expect(try Workflow(text: convert.out).actionNames.sorted() == ["fit-model", "get-data", "get-data-2"])
    }
}
