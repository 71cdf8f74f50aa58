import Foundation
import FaaSrTestSupport
import Testing

/// Issue 10, the CLI column: `faasr validate` exits 0 exactly for the accepted items, and
/// `faasr run` refuses the others before it runs anything (its own schema and graph checks).
@Suite("faasr validate / run: malformed InvokeNext")
struct MalformedInvokeNextCLITests {
    @Test(arguments: MalformedInvokeNext.cases)
    func validateAndRunAgree(_ c: MalformedInvokeNext.Case) throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("wf.json")
        try MalformedInvokeNext.workflowText(c).write(to: file, atomically: true, encoding: .utf8)
        let validate = try FaasrExecutable.run(["validate", file.path])
        #expect((validate.status == 0) == c.accepted, "\(c): \(validate.out)\(validate.err)")
        let run = try FaasrExecutable.run(
            ["run", "--workflow", file.path, "--overwritten", #"{"FunctionInvoke":"A"}"#, "--store-dir", dir.appendingPathComponent("s3").path,
             "--trigger-dir", dir.appendingPathComponent("q").path, "--work-dir", dir.appendingPathComponent("w").path,
             "--rpc-port", "0", "--quiet"], inheritEnvironment: false)
        let text = run.out + run.err
        let refused = text.contains("JSON not compliant with FaaSr schema") || text.contains("InvokeNext of A")
        #expect(refused == !c.accepted, "\(c): \(text)")
    }
}
