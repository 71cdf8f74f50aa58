import Foundation
import FaaSrTestSupport
import Testing
@testable import FaaSrCore

/// `faasr validate` as a user runs it: output like a compiler, exit 0/1/2, JSON for tools.
@Suite("faasr validate")
struct ValidateCLITests {
    static let valid = """
        {"WorkflowName": "demo", "FunctionInvoke": "a", "DefaultDataStore": "S",
         "ActionList": {"a": {"FaaSServer": "G", "FunctionName": "fa", "Type": "R", "InvokeNext": ["b"]},
                        "b": {"FaaSServer": "G", "FunctionName": "fb", "Type": "R"}},
         "ComputeServers": {"G": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "UseSecretStore": true}},
         "DataStores": {"S": {"Bucket": "b"}}}

        """

    func write(_ files: [String: String]) throws -> URL {
        let dir = try FaasrExecutable.temporaryDirectory()
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func exitStatusesAndCompilerStyleOutput() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let cycle = Self.valid.replacingOccurrences(of: "\"Type\": \"R\"}}", with: "\"Type\": \"R\", \"InvokeNext\": [\"a\"]}}")
        let dir = try write(["ok.json": Self.valid, "cycle.json": cycle, "broken.json": "{\n  \"a\": 1,\n}\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let ok = try FaasrExecutable.run(["validate", dir.appendingPathComponent("ok.json").path])
        #expect(ok.status == 0)
        #expect(ok.out.hasSuffix("1 file checked: 1 valid (0 errors, 0 warnings)\n"))

        let bad = dir.appendingPathComponent("cycle.json").path
        let r = try FaasrExecutable.run(["validate", bad])
        #expect(r.status == 1)
        #expect(r.out.contains("\(bad):3:"))
        #expect(r.out.contains(": error: the actions form a cycle \"a\" → \"b\" → \"a\"; FaaSr workflows cannot loop [graph.cycle]\n    hint: "))
        #expect(!r.out.contains("\u{1B}["))  // no colour when not a terminal

        let broken = dir.appendingPathComponent("broken.json").path
        let b = try FaasrExecutable.run(["validate", broken])
        #expect(b.status == 2)
        #expect(b.out.contains("\(broken):3:1: error: "))

        let missing = try FaasrExecutable.run(["validate", dir.appendingPathComponent("nope.json").path, bad])
        #expect(missing.status == 2)
        #expect(missing.err.contains("nope.json: error: cannot read the file: no such file"))
    }

    @Test func warningsAsErrorsAndJSON() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let warned = Self.valid.replacingOccurrences(of: "\"UseSecretStore\": true", with: "\"Token\": \"t0k3n\"")
        let dir = try write(["w.json": warned])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("w.json").path
        #expect(try FaasrExecutable.run(["validate", path]).status == 0)
        #expect(try FaasrExecutable.run(["validate", "--warnings-as-errors", path]).status == 1)
        let j = try FaasrExecutable.run(["validate", "--json", path])
        #expect(j.status == 0)
        let doc = try JSONDocument(text: j.out)
        let d = try #require(doc.root["files"]?[0]?["diagnostics"]?[0])
        #expect(d["code"] == "ref.inline-credential")
        #expect(d["severity"] == "warning")
        #expect(d["pointer"] == "/ComputeServers/G/Token")
        #expect(d["line"]?.numberValue?.intValue == 4)
        #expect(!j.out.contains("t0k3n"))
        #expect(doc.root["summary"]?["warnings"]?.numberValue?.intValue == 1)
    }

    /// `--schema-only` over the whole corpus gives the oracle's count (2.x schema forced).
    @Test func schemaOnlyOverTheCorpus() throws {
        guard try FaasrExecutable.require() != nil, try SharedFixtures.require() else { return }
        let r = try FaasrExecutable.run(["validate", "--schema-only", "--schema", "2.x", "--json", SharedFixtures.corpusDirectory.path])
        #expect(r.status == 2)  // six files are not JSON
        let doc = try JSONDocument(text: r.out)
        #expect(doc.root["summary"]?["valid"]?.numberValue?.intValue == 246)
        #expect(doc.root["summary"]?["unreadable"]?.numberValue?.intValue == 6)
        #expect(doc.root["summary"]?["files"]?.numberValue?.intValue == 405)
    }
}
