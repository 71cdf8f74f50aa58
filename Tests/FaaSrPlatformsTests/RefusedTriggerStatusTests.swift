import FaaSrControl
import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing

/// `faasr status` after a successor's platform refused its trigger: the predecessor finished
/// (its `.done` is written before triggering) and logged "could not trigger {action}", so the
/// successor is failed, not skipped as a branch not taken (and `faasr invoke --wait` exits 1).
@Suite struct RefusedTriggerStatusTests {
    @Test func aRefusedTriggerMakesTheSuccessorFailedNotSkipped() async throws {
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("wf.json").path
        try """
        {"WorkflowName": "wf", "FunctionInvoke": "s", "DefaultDataStore": "S3",
         "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "o", "ActionRepoName": "r", "Branch": "main"}},
         "DataStores": {"S3": {"Endpoint": "http://127.0.0.1:9", "Bucket": "b", "Region": "us-east-1"}},
         "ActionList": {"s": {"FunctionName": "f", "FaaSServer": "GH", "Type": "Python", "InvokeNext": [{"True": ["a"], "False": ["b"]}]},
                        "a": {"FunctionName": "g", "FaaSServer": "GH", "Type": "Python"},
                        "b": {"FunctionName": "g", "FaaSServer": "GH", "Type": "Python"}}}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let target = try ControlTarget(path: path, secrets: SecretValues(environment: [:], envFile: nil), environment: [:])
        let store = try LocalFolderStore(root: dir.appendingPathComponent("store"))
        let folder = "\(target.logRoot)/2026-01-01T00-00-00/run1"
        try await store.put("\(folder)/function_completions/s.done", data: Data("True".utf8))
        try await store.put("\(folder)/s.txt", data: Data("[0.1] [INFO] Action s\n[0.2] [ERROR] could not trigger a\n[0.2] [ERROR] GH: POST /dispatches → HTTP 404\n".utf8))
        let report = try await InvocationReport.read(target, store: store, timestamp: "2026-01-01T00-00-00", id: "run1")
        let states = Dictionary(uniqueKeysWithValues: report.actions.map { ($0.action, $0.state) })
        #expect(states == ["s": .done, "a": .failed, "b": .skipped])
        #expect(report.finished && report.failed)
    }
}
