import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrCore

/// Issue 10: platform facts live in one table, so the FaaSType names are spelled (as string
/// literals) in one Swift source file under Sources/: PlatformFacts.swift. The official schema
/// spells them too, but it is a JSON resource, not Swift.
@Suite struct PlatformNameSpellingTests {
    @Test func faasTypeNamesAreSpelledOnlyInTheFactsTable() throws {
        let sources = SharedFixtures.packageRoot.appendingPathComponent("Sources")
        let files = (FileManager.default.enumerator(atPath: sources.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100, "found the package's Swift sources")
        for type in FaaSType.allCases {
            let literal = "\"\(type.rawValue)\""
            let spelling = try files.filter {
                try String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8).contains(literal)
            }
            #expect(spelling == ["FaaSrCore/Platforms/PlatformFacts.swift"], "\(literal) is spelled in \(spelling)")
        }
        let schema = FaaSrSchema.v2.text
        for type in FaaSType.allCases { #expect(schema.contains("\"\(type.rawValue)\""), "the schema knows \(type.rawValue)") }
    }
}
