import Foundation
import FaaSrTestSupport
import Testing
@testable import FaaSrCore

/// `--schema-only` must give the independent oracle's verdict (`../shared/tools/faasr-schema-check`,
/// Python `jsonschema`) on every corpus file. A disagreement fails the test unless it is in
/// ``allowedDisagreements`` and explained in docs/compatibility.md.
@Suite("Schema verdicts agree with the oracle", .serialized)
struct OracleAgreementTests {
    /// File name → why we deliberately differ (each one documented in docs/compatibility.md).
    /// Empty: on the corpus the schema-only verdict agrees with the oracle everywhere.
    static let allowedDisagreements: [String: String] = [:]

    struct OracleLine {
        var valid: Bool
        var message: String
    }

    /// Runs the oracle over the corpus folder (optionally with another schema).
    static func runOracle(schema: String? = nil) throws -> [String: OracleLine]? {
        let tool = SharedFixtures.sharedRoot.appendingPathComponent("tools/faasr-schema-check")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var args = ["python3", tool.path]
        if let schema { args += ["--schema", SharedFixtures.sharedRoot.appendingPathComponent("schema/\(schema)").path] }
        process.arguments = args + [SharedFixtures.corpusDirectory.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus <= 1 else {
            // No python3 or no jsonschema: a failure under CI (scripts/setup installs both).
            let why = String(decoding: errData, as: UTF8.self)
            if SharedFixtures.isCI { Issue.record("the oracle could not run: \(why)") }
            return nil
        }
        var result: [String: OracleLine] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let cols = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard cols.count >= 2 else { continue }
            let name = URL(fileURLWithPath: String(cols[0])).lastPathComponent
            result[name] = OracleLine(valid: cols[1] == "valid", message: cols.count > 2 ? String(cols[2]) : "")
        }
        return result
    }

    static func loadCorpus() throws -> [(name: String, bytes: [UInt8])] {
        try SharedFixtures.corpusFiles().map { ($0.lastPathComponent, Array(try Data(contentsOf: $0))) }
    }

    /// With the 2.x schema forced, as the oracle runs by default, on all 405 files.
    @Test func officialSchemaVerdictsMatchOnEveryFile() throws {
        guard try SharedFixtures.require(), let oracle = try Self.runOracle() else { return }
        let files = try Self.loadCorpus()
        #expect(files.count == 405)
        #expect(oracle.count == files.count)
        let validator = Validator(options: ValidationOptions(rules: .schemaOnly, schema: .v2))
        var disagreements: [String] = []
        var valid = 0
        for (name, bytes) in files {
            let ours = validator.validate(bytes: bytes).isValid
            if ours { valid += 1 }
            guard let theirs = oracle[name] else { Issue.record("oracle has no line for \(name)"); continue }
            if ours != theirs.valid, Self.allowedDisagreements[name] == nil {
                disagreements.append("\(name): ours \(ours ? "valid" : "invalid"), oracle \(theirs.valid ? "valid" : "invalid: \(theirs.message)")")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        #expect(valid == 246)
    }

    /// `--schema-only` picks the schema by generation: 2.x for `ActionList`, 1.x for `FunctionList`
    /// files, compared with the oracle run with the same schema.
    @Test func generationSchemaVerdictsMatch() throws {
        guard try SharedFixtures.require(), let v2 = try Self.runOracle(),
              let v1 = try Self.runOracle(schema: "FaaSr-1.x.schema.json") else { return }
        let validator = Validator(options: .schemaOnly)
        var disagreements: [String] = []
        var v1Valid = 0, v1Files = 0
        for (name, bytes) in try Self.loadCorpus() {
            let report = validator.validate(bytes: bytes)
            let isV1 = report.root.map { FaaSrSchema.matching($0) == .v1 } ?? false
            let oracle = isV1 ? v1 : v2
            if isV1 {
                v1Files += 1
                if report.isValid { v1Valid += 1 }
            }
            guard let theirs = oracle[name] else { continue }
            if report.isValid != theirs.valid, Self.allowedDisagreements[name] == nil {
                disagreements.append("\(name) (\(isV1 ? "1.x" : "2.x")): oracle says \(theirs.message)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        #expect(v1Files == 60)  // the 61st 1.x file does not parse
        #expect(v1Valid == 9)
    }

    /// For every invalid file we report an error at the oracle's first error pointer (or at a
    /// member of it: we point at the offending key, jsonschema at the object holding it).
    @Test func errorsPointWhereTheOraclePoints() throws {
        guard try SharedFixtures.require(), let oracle = try Self.runOracle() else { return }
        let validator = Validator(options: ValidationOptions(rules: .schemaOnly, schema: .v2))
        var misses: [String] = []
        for (name, bytes) in try Self.loadCorpus() {
            guard let theirs = oracle[name], !theirs.valid, !theirs.message.hasPrefix("JSON:") else { continue }
            let pointerText = String(theirs.message.prefix { $0 != ":" })
            let pointer = JSONPointer(pointerText == "/" ? "" : pointerText)
            let ours = validator.validate(bytes: bytes).errors.map(\.pointer)
            if !ours.contains(where: { $0 == pointer || $0.parent == pointer }) {
                misses.append("\(name): oracle \(theirs.message); ours \(ours)")
            }
        }
        #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
    }

    /// Every unparseable corpus file gets one `json.syntax` error at the line:col Python reports.
    @Test func unparseableFilesReportPythonsLineAndColumn() throws {
        guard try SharedFixtures.require(), let oracle = try Self.runOracle() else { return }
        var checked = 0
        for (name, bytes) in try Self.loadCorpus() {
            guard let theirs = oracle[name], theirs.message.hasPrefix("JSON:") else { continue }
            let report = Validator().validate(bytes: bytes)
            #expect(report.isUnparseable, "\(name)")
            let d = try #require(report.diagnostics.first)
            #expect(d.code == RuleCode.jsonSyntax)
            // "JSON: Expecting ',' delimiter: line 96 column 1 (char 2980)"
            let words = theirs.message.split(separator: " ")
            let line = words.firstIndex(of: "line").flatMap { Int(words[$0 + 1]) }
            let column = words.firstIndex(of: "column").flatMap { Int(words[$0 + 1]) }
            #expect(d.location?.line == line && d.location?.column == column,
                    "\(name): ours \(d.location?.description ?? "-"), Python \(theirs.message)")
            checked += 1
        }
        #expect(checked == 6)
    }
}
