import FaaSrCore
import Testing
@testable import FaaSrRuntime

/// spec/runtime.md §6, scenarios 7–14 (DAG validation).
@Suite struct GraphTests {
    func workflow(_ a: [(String, [JSONValue])]) -> Workflow { Workflow(root: .object(TestWorkflow.make(a))) }
    func graph(_ a: [(String, [JSONValue])]) -> WorkflowGraph { WorkflowGraph(workflow(a)) }

    func error(_ a: [(String, [JSONValue])], _ invoke: String? = nil) -> String? {
        do { _ = try graph(a).faasrCheck(functionInvoke: invoke ?? a[0].0); return nil } catch { return error.description }
    }

    @Test func s07_unknownFunctionInvoke() {
        #expect(error([("s", [])], "zz")?.hasPrefix("FunctionInvoke does not refer to a valid function") == true)
    }

    @Test func s08_loops() {
        #expect(error([("s", ["a"]), ("a", ["b"]), ("b", ["a"])]) == "Function loop found from node b to a")
        #expect(error([("a", ["b"]), ("b", ["a"])]) == "Function loop found: no initial action")
        #expect(error([("s", ["s"])]) == "Function loop found: no initial action")
    }

    @Test func s09_s10_unreachable() {
        #expect(error([("s", ["j"]), ("t", ["j"]), ("j", [])]) == "Unreachable state found: t")
        #expect(error([("s", []), ("x", [])]) == "Unreachable state found: x")
    }

    @Test func s11_rankWithMultiplePredecessors() {
        let m = "Function with rank cannot have multiple predecessors"
        #expect(error([("s", ["a", "b"]), ("a", ["w(2)"]), ("b", ["w(2)"]), ("w", [])])?.hasPrefix(m) == true)
        #expect(error([("s", ["a", "b"]), ("a", ["w(2)"]), ("b", ["w"]), ("w", [])])?.hasPrefix(m) == true)
        // FaaSr accepts a→w, b→w(2) (order quirk); we reject it in any order.
        #expect(error([("s", ["a", "b"]), ("a", ["w"]), ("b", ["w(2)"]), ("w", [])])?.hasPrefix(m) == true)
    }

    @Test func s12_rankAfterRank() {
        #expect(error([("s", ["a(2)"]), ("a", ["b(2)"]), ("b", [])])?
            .hasPrefix("Function with rank cannot have predecessor with rank - offending functions: b(2) and a(2)") == true)
    }

    @Test func s13_conditionalEdges() {
        #expect(error([("s", ["a", ["True": ["j"]]]), ("a", ["j"]), ("j", [])])?.hasPrefix("Mixed predecessor types") == true)
        #expect(error([("s", ["a", "b"]), ("a", [["True": ["j"]]]), ("b", [["False": ["j"]]]), ("j", [])])?
            .hasPrefix("Multiple conditional sources") == true)
    }

    @Test func s14_unknownTargetRejected() {
        // FaaSr passes validation and fails at trigger time; we reject it up front.
        #expect(error([("s", ["nope"])])?.contains("'nope', which is not an action") == true)
        #expect(error([("s", ["a(0)"]), ("a", [])])?.contains("rank must be at least 1") == true)
    }

    @Test func predecessorsExpandRanks() throws {
        let g = graph([("s", ["w(3)"]), ("w", ["j"]), ("j", [])])
        #expect(try g.faasrCheck(functionInvoke: "j") == ["w.1", "w.2", "w.3"])
        #expect(try g.faasrCheck(functionInvoke: "w") == ["s"])
        #expect(try g.faasrCheck(functionInvoke: "s") == [])
        let dup = graph([("s", ["a", "a"]), ("a", [])])
        #expect(try dup.faasrCheck(functionInvoke: "a") == ["s", "s"])
        let one = graph([("s", ["w(1)"]), ("w", [])])
        #expect(try one.faasrCheck(functionInvoke: "w") == ["s"])
    }

    @Test func targetParsing() {
        #expect(SuccessorText.parse("a(3)") == ("a", 3))
        #expect(SuccessorText.parse("a") == ("a", nil))
        #expect(SuccessorText.parse("a(x)") == ("a", nil))
    }

    @Test func conditionalSelection() throws {
        let g = workflow([("s", ["x", ["True": ["y"]]]), ("x", []), ("y", [])])
        #expect(try Successors.targets(of: "s", in: g, result: true).map(\.name) == ["x", "y"])
        #expect(try Successors.targets(of: "s", in: g, result: false).map(\.name) == ["x"])
        #expect(throws: RuntimeFailure.self) { try Successors.targets(of: "s", in: g, result: nil) }
    }
}
