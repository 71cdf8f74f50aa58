import Testing
@testable import FaaSrCore

/// One minimal workflow per graph rule (spec/runtime.md §2.2 and the checks FaaSr leaves to run time).
@Suite("Graph rules")
struct GraphRuleTests {
    typealias F = ValidationFixtures

    /// The graph diagnostics of a workflow built from (action, InvokeNext) pairs.
    func graph(_ actions: [(String, JSONValue?)], entry: String = "a") -> [Diagnostic] {
        F.all.validate(F.graph(actions, entry: entry)).filter { $0.code.hasPrefix("graph.") }
    }

    func codes(_ actions: [(String, JSONValue?)], entry: String = "a") -> [String] {
        graph(actions, entry: entry).map(\.code)
    }

    @Test func aPlainChainIsFine() {
        #expect(codes([("a", ["b"]), ("b", ["c(3)"]), ("c", nil)]).isEmpty)
        #expect(F.all.validate(F.graph([("a", ["b"]), ("b", nil)], entry: "a")).filter { $0.severity == .error }.isEmpty)
    }

    @Test func entryMustBeAnAction() throws {
        let ds = graph([("start", ["end"]), ("end", nil)], entry: "strat")
        let d = try #require(ds.first)
        #expect(ds.map(\.code) == ["graph.entry-missing"])
        #expect(d.pointer == "/FunctionInvoke")
        #expect(d.message == "\"FunctionInvoke\" names \"strat\", which is not an action of this workflow")
        #expect(d.hint == "did you mean \"start\"?")
    }

    @Test func entryHasNoPredecessors() throws {
        let ds = graph([("a", ["b"]), ("b", nil), ("c", ["a"])], entry: "a")
        #expect(ds.map(\.code) == ["graph.entry-has-predecessors"])
        #expect(ds[0].hint?.contains("set \"FunctionInvoke\" to \"c\"") == true)
    }

    @Test func exactlyOneRoot() throws {
        let ds = graph([("a", ["b"]), ("b", nil), ("lonely", ["b"])])
        #expect(ds.map(\.code) == ["graph.roots"])
        #expect(ds[0].pointer == "/ActionList/lonely")
        #expect(ds[0].message.contains("FaaSr allows exactly one first action"))
    }

    @Test func cyclesAreNamedByTheirPath() throws {
        let ds = graph([("a", ["b"]), ("b", ["c"]), ("c", ["b"])])
        let d = try #require(ds.first { $0.code == "graph.cycle" })
        #expect(d.message == "the actions form a cycle \"b\" → \"c\" → \"b\"; FaaSr workflows cannot loop")
        #expect(d.pointer == "/ActionList/c/InvokeNext/0")
        #expect(d.hint == "remove \"b\" from the InvokeNext of \"c\", or route the loop through a new action")
        let selfLoop = graph([("a", ["b"]), ("b", ["b"])])
        #expect(selfLoop.contains { $0.code == "graph.cycle" && $0.message.contains("\"b\" invokes itself") })
    }

    @Test func everyCycleWithoutARootHasNoFirstAction() {
        #expect(Set(codes([("a", ["b"]), ("b", ["a"])])) == ["graph.cycle", "graph.roots", "graph.entry-has-predecessors"])
    }

    @Test func unreachableActions() throws {
        // "x" and "y" invoke each other, nothing leads to them.
        let ds = graph([("a", ["b"]), ("b", nil), ("x", ["y"]), ("y", ["x"])])
        let unreachable = ds.filter { $0.code == "graph.unreachable" }
        #expect(unreachable.map(\.pointer) == ["/ActionList/x", "/ActionList/y"])
        #expect(unreachable[0].message == "action \"x\" can never run: no chain of InvokeNext leads to it from the entry \"a\"")
    }

    @Test func unknownTargets() throws {
        let ds = graph([("a", ["b", "lgo"]), ("b", nil), ("log", nil)].map { ($0.0, $0.1) })
        let d = try #require(ds.first { $0.code == "graph.unknown-target" })
        #expect(d.pointer == "/ActionList/a/InvokeNext/1")
        #expect(d.message == "InvokeNext item 2 of action \"a\" names \"lgo\", but there is no action \"lgo\"")
        #expect(d.hint == "did you mean \"log\"?")
        let inBranch = graph([("a", [["True": ["b"], "False": ["nowhere"]]]), ("b", nil)])
        #expect(inBranch.contains { $0.code == "graph.unknown-target" && $0.pointer == "/ActionList/a/InvokeNext/0/False/0" })
    }

    @Test func rankZero() throws {
        let ds = graph([("a", ["b(0)"]), ("b", nil)])
        let d = try #require(ds.first { $0.code == "graph.rank-zero" })
        #expect(d.pointer == "/ActionList/a/InvokeNext/0")
        #expect(d.hint == "write \"b\" for one copy, or \"b(N)\" with N of at least 1")
    }

    @Test func rankedActionWithSeveralPredecessors() throws {
        // a → b, a → c, b → w(2), c → w: FaaSr's order-dependent check would even let c → w(2) pass.
        let ds = graph([("a", ["b", "c"]), ("b", ["w(2)"]), ("c", ["w"]), ("w", nil)])
        #expect(ds.map(\.code) == ["graph.ranked-fan-in"])
        #expect(ds[0].pointer == "/ActionList/w")
        #expect(ds[0].message.contains("is also invoked by \"c\""))
        // Rank 1 is no rank.
        #expect(codes([("a", ["b", "c"]), ("b", ["w(1)"]), ("c", ["w"]), ("w", nil)]).isEmpty)
    }

    @Test func rankedActionAfterRankedAction() throws {
        let ds = graph([("a", ["b(2)"]), ("b", ["c(3)"]), ("c", nil)])
        #expect(ds.map(\.code) == ["graph.ranked-predecessor"])
        #expect(ds[0].pointer == "/ActionList/c")
        #expect(ds[0].message.contains("follows ranked action \"b\" (\"b(2)\")"))
        // A ranked action may follow an unranked one and precede an unranked one.
        #expect(codes([("a", ["b(2)"]), ("b", ["c"]), ("c", ["d(2)"]), ("d", nil)]).isEmpty)
    }

    @Test func mixedConditionalAndUnconditionalPredecessors() throws {
        let ds = graph([("a", ["b", ["True": ["c"]]]), ("b", ["c"]), ("c", nil)])
        #expect(ds.map(\.code) == ["graph.mixed-predecessors"])
        #expect(ds[0].pointer == "/ActionList/c")
        #expect(ds[0].message.contains("on a condition (by \"a\") and unconditionally (by \"b\")"))
    }

    @Test func conditionalPredecessorsFromOneSourceOnly() throws {
        let ds = graph([("a", ["b", ["True": ["c"], "False": []]]), ("b", [["False": ["c"]]]), ("c", nil)])
        #expect(ds.map(\.code) == ["graph.conditional-sources"])
        #expect(ds[0].message.contains("(\"a\" and \"b\")"))
        // Both branches of one action may lead to the same target.
        #expect(codes([("a", [["True": ["c"], "False": ["c"]]]), ("c", nil)]).isEmpty)
    }

    @Test func joinWaitingOnBothBranchesOfOneConditionIsAWarning() throws {
        // s → {True: [t], False: [f]}, t → j, f → j: j waits for a .done that never comes.
        let ds = graph([("s", [["True": ["t"], "False": ["f"]]]), ("t", ["j"]), ("f", ["j"]), ("j", nil)], entry: "s")
        #expect(ds.map(\.code) == ["graph.unsatisfiable-join"])
        #expect(ds[0].severity == .warning)
        #expect(ds[0].pointer == "/ActionList/j")
        #expect(ds[0].message.contains("\"t\" runs only when \"s\" returns true and \"f\" only when it returns false"))
        // A join after branches that meet again unconditionally is fine.
        #expect(codes([("s", [["True": ["t"], "False": ["f"]]]), ("t", ["m"]), ("f", ["m"]), ("m", ["j"]),
                       ("x", nil), ("j", nil)], entry: "s").filter { $0 == "graph.unsatisfiable-join" }.count == 1)
        #expect(codes([("s", ["u", ["True": ["t"]]]), ("u", ["j"]), ("t", ["j"]), ("j", nil)], entry: "s").isEmpty)
    }

    @Test func legacyFilesUseTheirFunctionListAndConditions() throws {
        let w: JSONValue = [
            "FunctionInvoke": "a", "DefaultDataStore": "S",
            "FunctionList": [
                "a": ["FaaSServer": "G", "FunctionName": "fa", "InvokeNext": ["b[TRUE]", "c[FALSE]"]],
                "b": ["FaaSServer": "G", "FunctionName": "fb", "InvokeNext": "d"],
                "c": ["FaaSServer": "G", "FunctionName": "fc", "Next": "e"],
                "d": ["FaaSServer": "G", "FunctionName": "fd"],
            ],
            "ComputeServers": ["G": ["FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r"]],
            "DataStores": ["S": ["Bucket": "b"]],
        ]
        let ds = F.all.validate(w)
        #expect(ds.contains { $0.code == RuleCode.formatLegacy && $0.severity == .warning })
        let graphFindings = ds.filter { $0.code.hasPrefix("graph.") }
        #expect(graphFindings.map(\.code) == ["graph.unknown-target"])
        #expect(graphFindings.first?.pointer == "/FunctionList/c/Next")
        // 1.x inline credentials are not demanded in full mode.
        #expect(!ds.contains { $0.code == "schema.required" })
    }
}
