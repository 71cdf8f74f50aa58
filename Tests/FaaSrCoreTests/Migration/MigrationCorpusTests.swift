import Foundation
import FaaSrTestSupport
import Testing
@testable import FaaSrCore

@Suite("1.x migration over the corpus")
struct MigrationCorpusTests {
    /// Runs the schema oracle (`../shared/tools/faasr-schema-check`) on files; nil when Python
    /// or jsonschema is missing outside CI.
    static func oracle(_ paths: [String], schema: String? = nil) throws -> [String: Bool]? {
        let tool = SharedFixtures.sharedRoot.appendingPathComponent("tools/faasr-schema-check").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", tool] + (schema.map { ["--schema", $0] } ?? []) + paths
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        var result: [String: Bool] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            if parts.count >= 2 { result[String(parts[0])] = parts[1] == "valid" }
        }
        if result.isEmpty {
            if SharedFixtures.isCI { Issue.record("the schema oracle did not run (python3 + jsonschema needed)") }
            return nil
        }
        return result
    }

    /// The number of targets in a 1.x file's `InvokeNext`/`Next` lists (conditional or not).
    static func legacyEdgeCount(_ wf: Workflow) -> Int {
        var n = 0
        for m in wf.root["FunctionList"]?.objectValue?.members ?? [] {
            let v: JSONValue? = m.value["InvokeNext"] ?? m.value["Next"]
            if v?.stringValue != nil { n += 1; continue }
            for item in v?.arrayValue ?? [] {
                if item.stringValue != nil { n += 1; continue }
                for key in ["True", "False"] {
                    guard let b = item[key] else { continue }
                    n += b.arrayValue?.count ?? 1
                }
            }
        }
        return n
    }

    /// Every parseable 1.x corpus file converts without losing an edge; every one that is
    /// valid 1.x converts to a file the 2.x schema oracle accepts.
    @Test func convertsEveryOneXFile() throws {
        guard try SharedFixtures.require() else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("faasr-migration-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var sources: [String] = [], converted: [String: String] = [:]
        var cleanCount = 0
        for url in SharedFixtures.corpusFiles() {
            guard let wf = try? Workflow(bytes: Array(Data(contentsOf: url))), wf.format == .v1 else { continue }
            let result = Migrator.migrate(wf, options: MigrationOptions(fileName: url.lastPathComponent))
            let out = result.workflow
            #expect(out.format == .v2, "\(url.lastPathComponent)")
            #expect(out.legacyFeatures.filter { $0.kind != .inlineCredential }.isEmpty, "\(url.lastPathComponent)")
            #expect(out.inlineCredentialPointers.isEmpty)
            // Same number of edges (1.x targets are one edge each, conditional or not).
            let edges1 = Self.legacyEdgeCount(wf)
            #expect(out.graph.edges.count == edges1, "\(url.lastPathComponent)")
            let report = Validator().validate(text: out.serializedCanonical())
            // Graph and reference problems the 1.x file already had (an unknown target, a
            // template's placeholder server names) survive conversion unchanged: not new errors.
            let inherited = Set(Validator().validate(wf.document.root).filter { $0.severity == .error }.map(\.code))
            let newErrors = report.errors.filter { !inherited.contains($0.code) }
            if result.todos.allSatisfy({ $0.message.hasPrefix("create these secrets") || $0.message.hasPrefix("check \"WorkflowName\"") }) {
                // Nothing left for the user but secrets and the name: the validator must agree.
                #expect(newErrors.isEmpty, "\(url.lastPathComponent): \(newErrors.map(\.description))")
                cleanCount += 1
            }
            let target = dir.appendingPathComponent(url.lastPathComponent)
            try out.serializedCanonical().write(to: target, atomically: true, encoding: .utf8)
            sources.append(url.path)
            converted[url.path] = target.path
        }
        #expect(sources.count == 60)
        #expect(cleanCount >= 58)
        let schema1 = SharedFixtures.sharedRoot.appendingPathComponent("schema/FaaSr-1.x.schema.json").path
        guard let valid1 = try Self.oracle(sources, schema: schema1),
              let valid2 = try Self.oracle(Array(converted.values)) else { return }
        let validOneX = sources.filter { valid1[$0] == true }
        #expect(validOneX.count == 9)
        for s in validOneX {
            #expect(valid2[converted[s]!] == true, "\(s)")
            let text = try String(contentsOfFile: converted[s]!, encoding: .utf8)
            let original = try Workflow(bytes: Array(Data(contentsOf: URL(fileURLWithPath: s))))
            let inherited = Set(Validator().validate(original.document.root).filter { $0.severity == .error }.map(\.code))
            #expect(Validator().validate(text: text).errors.filter { !inherited.contains($0.code) }.isEmpty, "\(s)")
        }
        // Beyond the requirement: how many of all 1.x files come out valid 2.x.
        #expect(valid2.values.filter { $0 }.count >= 58)
    }
}
