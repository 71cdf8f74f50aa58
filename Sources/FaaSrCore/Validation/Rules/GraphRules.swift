/// The workflow-graph rules of FaaSr's DAG check (spec/runtime.md §2.2), made independent of
/// `ActionList` order, plus the checks FaaSr leaves to run time (unknown targets, rank 0) and
/// a warning for joins that can never run.
enum GraphRules {
    static func check(_ c: RuleContext) -> [Diagnostic] {
        let g = c.graph
        guard !g.nodes.isEmpty else { return [] }
        var out: [Diagnostic] = []
        out += entry(c)
        out += roots(c)
        out += cycle(c)
        out += unreachable(c)
        out += unknownTargets(c)
        out += ranks(c)
        out += conditionalPredecessors(c)
        out += unsatisfiableJoins(c)
        return out
    }

    // MARK: - Entry and roots

    private static func entry(_ c: RuleContext) -> [Diagnostic] {
        let g = c.graph
        guard let invoke = c.root[WorkflowKey.functionInvoke]?.stringValue, !invoke.isEmpty else { return [] }
        let at = JSONPointer(tokens: [WorkflowKey.functionInvoke])
        guard g.contains(invoke) else {
            var hint = "set it to the action that runs first"
            if let near = SchemaMessages.closest(invoke, among: g.nodes) {
                hint = "did you mean \"\(near)\"?"
            } else if let start = g.faasrStart {
                hint += ", probably \"\(start)\" (no other action invokes it)"
            }
            return [.error(RuleCode.graphEntryMissing, at: at,
                           "\"FunctionInvoke\" names \"\(invoke)\", which is not an action of this workflow", hint: hint)]
        }
        let predecessors = g.predecessors(of: invoke)
        guard !predecessors.isEmpty else { return [] }
        let others = g.roots.filter { $0 != invoke }
        let hint = others.count == 1
            ? "set \"FunctionInvoke\" to \"\(others[0])\", which nothing invokes, or remove \"\(invoke)\" from the InvokeNext of \(RuleContext.list(predecessors))"
            : "remove \"\(invoke)\" from the InvokeNext of \(RuleContext.list(predecessors)); the first action cannot wait for others"
        return [.error(RuleCode.graphEntryHasPredecessors, at: at,
                       "the entry action \"\(invoke)\" is also invoked by \(RuleContext.list(predecessors)); the first action must not have predecessors",
                       hint: hint)]
    }

    private static func roots(_ c: RuleContext) -> [Diagnostic] {
        let g = c.graph
        let roots = g.roots
        if roots.isEmpty {
            return [.error(RuleCode.graphRoots, at: JSONPointer(tokens: [c.tableKey]),
                           "every action is invoked by another one, so the workflow has no first action",
                           hint: "FaaSr needs exactly one action that nothing invokes; break the loop (see the cycle reported)")]
        }
        let first = g.entry.flatMap { roots.contains($0) ? $0 : nil } ?? roots[0]
        return roots.filter { $0 != first }.map { r in
            .error(RuleCode.graphRoots, at: c.pointer(ofAction: r),
                   "action \"\(r)\" is not invoked by any action and is not the entry \"\(first)\"; FaaSr allows exactly one first action, so it would never run",
                   hint: "add \"\(r)\" to the InvokeNext of the action that should run before it, or delete it")
        }
    }

    // MARK: - Cycles and reachability

    private static func cycle(_ c: RuleContext) -> [Diagnostic] {
        guard let path = c.graph.cycle(), path.count >= 2 else { return [] }
        let from = path[path.count - 2], to = path[path.count - 1]
        let closing = c.graph.outgoing(from: from).first { $0.to == to }
        let shown = path.map { "\"\($0)\"" }.joined(separator: " → ")
        let message = path.count == 2
            ? "action \"\(to)\" invokes itself; FaaSr workflows cannot loop"
            : "the actions form a cycle \(shown); FaaSr workflows cannot loop"
        return [.error(RuleCode.graphCycle, at: closing?.pointer ?? c.pointer(ofAction: path[0]), message,
                       hint: "remove \"\(closing?.raw ?? to)\" from the InvokeNext of \"\(from)\", or route the loop through a new action")]
    }

    private static func unreachable(_ c: RuleContext) -> [Diagnostic] {
        let g = c.graph
        guard let start = g.entry ?? g.faasrStart else { return [] }
        let roots = Set(g.roots)
        let seen = g.reachable(from: start)
        return g.nodes.filter { !seen.contains($0) && !roots.contains($0) }.map { name in
            let preds = g.predecessors(of: name)
            return .error(RuleCode.graphUnreachable, at: c.pointer(ofAction: name),
                          "action \"\(name)\" can never run: no chain of InvokeNext leads to it from the entry \"\(start)\"",
                          hint: preds.isEmpty ? "invoke it from another action" :
                              "it is invoked only by \(RuleContext.list(preds)), which cannot run either; connect it to the actions that run")
        }
    }

    private static func unknownTargets(_ c: RuleContext) -> [Diagnostic] {
        let g = c.graph
        return g.unknownTargets.map { e in
            var hint = "add an action named \"\(e.to)\", or remove this entry"
            if let near = SchemaMessages.closest(e.to, among: g.nodes) {
                hint = "did you mean \"\(near)\"?"
            } else if e.raw.contains("[") {
                hint = "FaaSr 2 writes a condition as {\"True\": [\"A\"], \"False\": [\"B\"]}, not Name[TRUE]"
            } else if e.raw.contains("("), e.rank == nil {
                hint = "arguments cannot be given here; put them in the action's \"Arguments\" and write only the name"
            } else if e.to.contains(where: { $0 == "(" || $0 == " " }) {
                hint = "write only the action's name, optionally with a rank such as \"Name(3)\""
            }
            return .error(RuleCode.graphUnknownTarget, at: e.pointer,
                          "\(SchemaMessages.describe(e.pointer)) names \"\(e.raw)\", but there is no action \"\(e.to)\"",
                          hint: hint)
        }
    }

    // MARK: - Ranks

    private static func ranks(_ c: RuleContext) -> [Diagnostic] {
        let g = c.graph
        var out: [Diagnostic] = []
        for e in g.edges where e.rank == 0 {
            out.append(.error(RuleCode.graphRankZero, at: e.pointer,
                              "\"\(e.raw)\" asks for zero copies of \"\(e.to)\", so it never runs (FaaSr even takes it for a first action)",
                              hint: "write \"\(e.to)\" for one copy, or \"\(e.to)(N)\" with N of at least 1"))
        }
        /// The ranked edge entering each ranked action.
        func rankedEdge(into name: String) -> WorkflowEdge? { g.incoming(to: name).first { ($0.rank ?? 1) > 1 } }
        for name in g.nodes {
            guard let ranked = rankedEdge(into: name) else { continue }
            let incoming = g.incoming(to: name)
            if incoming.count > 1 {
                let others = incoming.filter { $0 != ranked }.map(\.from)
                let sameSource = others.allSatisfy { $0 == ranked.from }
                let message = sameSource
                    ? "ranked action \"\(name)\" (\"\(ranked.raw)\") is invoked \(incoming.count) times by \"\(ranked.from)\"; a ranked action can have only one incoming edge"
                    : "ranked action \"\(name)\" (\"\(ranked.raw)\" from \"\(ranked.from)\") is also invoked by \(RuleContext.list(Array(Set(others)).sorted())); a ranked action can have only one predecessor"
                out.append(.error(RuleCode.graphRankedFanIn, at: c.pointer(ofAction: name), message,
                                  hint: "invoke \"\(name)\" from one place only; to join several actions first, add an unranked action that they all invoke"))
            }
            for p in g.predecessors(of: name) {
                guard let pr = rankedEdge(into: p) else { continue }
                out.append(.error(RuleCode.graphRankedPredecessor, at: c.pointer(ofAction: name),
                                  "ranked action \"\(name)\" (\"\(ranked.raw)\") follows ranked action \"\(p)\" (\"\(pr.raw)\"); FaaSr does not allow a ranked action after a ranked one",
                                  hint: "put an unranked action between \"\(p)\" and \"\(name)\" that collects the copies' results"))
            }
        }
        return out
    }

    // MARK: - Conditional predecessors

    private static func conditionalPredecessors(_ c: RuleContext) -> [Diagnostic] {
        let g = c.graph
        var out: [Diagnostic] = []
        for name in g.nodes {
            let incoming = g.incoming(to: name)
            let conditional = incoming.filter { $0.branch != .always }
            guard !conditional.isEmpty else { continue }
            let plain = incoming.filter { $0.branch == .always }
            if !plain.isEmpty {
                out.append(.error(RuleCode.graphMixedPredecessors, at: c.pointer(ofAction: name),
                                  "action \"\(name)\" is invoked both on a condition (by \(RuleContext.list(unique(conditional.map(\.from))))) and unconditionally (by \(RuleContext.list(unique(plain.map(\.from))))); FaaSr does not allow mixing the two",
                                  hint: "invoke \"\(name)\" either always or only on a condition; add an intermediate action if you need both"))
            }
            let sources = unique(conditional.map(\.from))
            if sources.count > 1 {
                out.append(.error(RuleCode.graphConditionalSources, at: c.pointer(ofAction: name),
                                  "action \"\(name)\" is invoked on conditions of several actions (\(RuleContext.list(sources))); FaaSr allows conditional invocation from one action only",
                                  hint: "let one action decide; the others can invoke an intermediate action"))
            }
        }
        return out
    }

    /// A join waits for all its predecessors; if one runs only when a condition is true and
    /// another only when the same condition is false, the join waits forever (spec §2.5).
    private static func unsatisfiableJoins(_ c: RuleContext) -> [Diagnostic] {
        let g = c.graph
        guard let start = g.entry ?? g.faasrStart else { return [] }
        let deciders = unique(g.edges.filter { $0.branch != .always && g.contains($0.to) }.map(\.from))
        guard !deciders.isEmpty else { return [] }
        // For each deciding action and branch: the actions that run only on that branch.
        var onlyOn: [(decider: String, branch: Branch, actions: Set<String>)] = []
        let everything = g.reachable(from: start)
        for d in deciders {
            for branch in [Branch.onTrue, .onFalse] {
                let without = Self.reachable(from: start, in: g, skipping: { $0.from == d && $0.branch == branch })
                onlyOn.append((d, branch, everything.subtracting(without)))
            }
        }
        var out: [Diagnostic] = []
        for name in g.nodes {
            let preds = g.predecessors(of: name)
            guard preds.count > 1 else { continue }
            for d in deciders {
                let t = onlyOn.first { $0.decider == d && $0.branch == .onTrue }!.actions
                let f = onlyOn.first { $0.decider == d && $0.branch == .onFalse }!.actions
                let onTrue = preds.filter { t.contains($0) }, onFalse = preds.filter { f.contains($0) }
                guard let a = onTrue.first, let b = onFalse.first else { continue }
                out.append(.warning(RuleCode.graphUnsatisfiableJoin, at: c.pointer(ofAction: name),
                                    "action \"\(name)\" waits for both \"\(a)\" and \"\(b)\", but \"\(a)\" runs only when \"\(d)\" returns true and \"\(b)\" only when it returns false, so \"\(name)\" can never run",
                                    hint: "invoke \"\(name)\" from each branch through separate actions, or let the branches meet before \"\(name)\" unconditionally"))
                break
            }
        }
        return out
    }

    /// Actions reachable from `start` when the edges matching `skip` are removed.
    private static func reachable(from start: String, in g: WorkflowGraph, skipping skip: (WorkflowEdge) -> Bool) -> Set<String> {
        var seen: Set<String> = [start]
        var stack = [start]
        while let v = stack.popLast() {
            for e in g.outgoing(from: v) where !skip(e) && g.contains(e.to) && seen.insert(e.to).inserted {
                stack.append(e.to)
            }
        }
        return seen
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
