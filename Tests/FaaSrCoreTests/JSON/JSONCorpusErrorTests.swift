import Foundation
import FaaSrTestSupport
import Testing
@testable import FaaSrCore

@Suite("JSON errors over the corpus")
struct JSONCorpusErrorTests {
    /// The six corpus files that are not JSON, with the line:column Python's `json` reports
    /// (computed once with `json.load`; the reference for "the right line:col").
    static let expected: [(file: String, line: Int, column: Int)] = [
        ("Ashish-Ramrakhiani__FaaSr-workflow-public__cross_platform_benchmark@342fff60.json", 35, 19),
        ("Ashish-Ramrakhiani__FaaSr-workflow-public__rworkflow_osn@c216ea80.json", 96, 1),
        ("Ashish-Ramrakhiani__FaaSr-workflow-public__test-experiment@2a9c4ffb.json", 17, 5),
        ("FaaSr__FaaSr-workflow__rworkflow@4b6db237.json", 67, 1),
        ("renatof__FaaSr-workflow__tutorialAWS@9ea96a8c.json", 34, 9),
        ("vahid-dan__FaaSr__examples__simple_sequence@f39eecb0.json", 39, 9),
    ]

    @Test func unparseableFilesReportPythonsPosition() throws {
        guard try SharedFixtures.require() else { return }
        for e in Self.expected {
            let bytes = Array(try Data(contentsOf: SharedFixtures.corpusDirectory.appendingPathComponent(e.file)))
            do {
                _ = try Workflow(bytes: bytes)
                Issue.record("\(e.file) parsed")
            } catch {
                #expect(error.location.line == e.line, "\(e.file)")
                #expect(error.location.column == e.column, "\(e.file)")
            }
        }
    }
}
