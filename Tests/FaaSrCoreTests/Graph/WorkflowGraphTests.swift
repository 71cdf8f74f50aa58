import Testing
@testable import FaaSrCore

@Suite("Workflow graph")
struct WorkflowGraphTests {
    private func graph(_ nodes: [String], _ edges: [(String, String)], entry: String? = nil) -> WorkflowGraph {
        WorkflowGraph(nodes: nodes, edges: edges.map { WorkflowEdge(from: $0.0, to: $0.1) }, functionInvoke: entry)
    }

    @Test func buildsFromWorkflow() throws {
        let g = try ModelFixtures.workflow().graph
        #expect(g.nodes == ["start", "work", "done"])
        #expect(g.edges.map(\.to) == ["work", "done", "done"])
        #expect(g.edges[0].rank == 3)
        #expect(g.edges[1].branch == .onTrue)
        #expect(g.entry == "start")
        #expect(g.successors(of: "start") == ["work", "done"])
        #expect(g.predecessors(of: "done") == ["start", "work"])
        #expect(g.roots == ["start"])
        #expect(g.leaves == ["done"])
        #expect(g.rank(of: "work") == 3)
        #expect(g.rank(of: "start") == nil)
        #expect(g.topologicalOrder() == ["start", "work", "done"])
        #expect(g.cycle() == nil)
        #expect(g.unreachable().isEmpty)
        #expect(g.unknownTargets.isEmpty)
        #expect(g.depths() == ["start": 0, "work": 1, "done": 2])
    }

    @Test func findsCyclePath() {
        let g = graph(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "d"), ("d", "b")])
        #expect(g.topologicalOrder() == nil)
        #expect(g.cycle() == ["b", "c", "d", "b"])
        #expect(!g.isAcyclic)
        #expect(g.depths() == nil)
    }

    @Test func findsSelfLoop() {
        let g = graph(["a", "b"], [("a", "b"), ("b", "b")])
        #expect(g.cycle() == ["b", "b"])
        #expect(g.roots == ["a"])
    }

    @Test func reportsUnknownTargetsAndUnreachable() {
        let g = graph(["a", "b", "c"], [("a", "ghost"), ("c", "b")], entry: "a")
        #expect(g.unknownTargets.map(\.to) == ["ghost"])
        #expect(g.successors(of: "a").isEmpty)
        #expect(g.unreachable() == ["b", "c"])
        #expect(g.roots == ["a", "c"])
        #expect(g.canReach(from: "c", to: "b"))
        #expect(!g.canReach(from: "b", to: "c"))
        #expect(g.reachable(from: "c") == ["c", "b"])
    }

    @Test func entryNeedsAnAction() {
        let g = graph(["a"], [], entry: "missing")
        #expect(g.entry == nil)
        #expect(g.faasrStart == "a")
        #expect(g.unreachable().isEmpty)
    }

    @Test func noRootWhenEverythingIsTargeted() {
        let g = graph(["a", "b"], [("a", "b"), ("b", "a")])
        #expect(g.faasrStart == nil)
        #expect(g.cycle() == ["a", "b", "a"])
    }

    @Test func keepsDuplicateEdges() {
        let g = graph(["s", "a"], [("s", "a"), ("s", "a")])
        #expect(g.incoming(to: "a").count == 2)
        #expect(g.predecessors(of: "a") == ["s"])
        #expect(g.topologicalOrder() == ["s", "a"])
    }

    @Test func handlesLongChainsWithoutRecursion() {
        let n = 5000
        let nodes = (0..<n).map { "n\($0)" }
        let edges = (1..<n).map { (nodes[$0 - 1], nodes[$0]) } + [(nodes[n - 1], nodes[0])]
        let g = graph(nodes, edges)
        #expect(g.cycle()?.count == n + 1)
        let acyclic = graph(nodes, Array(edges.dropLast()))
        #expect(acyclic.topologicalOrder()?.count == n)
        #expect(acyclic.reachable(from: "n0").count == n)
    }
}
