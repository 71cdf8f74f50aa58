/// FaaSr's `check_dag` (spec/runtime.md §2.2) as a rule set on ``WorkflowGraph``, with the
/// fixes of §7: unknown targets and rank 0 are rejected, and the rank checks do not depend on
/// `ActionList` order. Messages keep FaaSr's wording (the runtime logs them, and people search
/// for them); the validator's ``GraphRules`` say the same with hints.
extension WorkflowGraph {
    /// A graph FaaSr would refuse to run.
    public struct CheckFailure: Error, CustomStringConvertible, Equatable, Sendable {
        /// The message (FaaSr's wording where FaaSr has one).
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// How many copies of `name` run: the largest `N` of the `name(N)` edges entering it, 1
    /// when it has no ranked incoming edge (also for roots).
    public func copies(of name: String) -> Int {
        incoming(to: name).map(\.copies).max().map { max($0, 1) } ?? 1
    }

    /// Whether an edge entering `name` comes from a conditional branch.
    public func hasConditionalIncoming(_ name: String) -> Bool {
        incoming(to: name).contains { $0.branch != .always }
    }

    /// Checks the graph as FaaSr does before running `functionInvoke`, and returns the
    /// `.done` names it waits for: its predecessors in edge order (duplicates kept, as FaaSr),
    /// a ranked predecessor `P` of N copies expanded to `P.1 ... P.N`.
    public func faasrCheck(functionInvoke: String) throws(CheckFailure) -> [String] {
        guard contains(functionInvoke) else {
            throw CheckFailure("FunctionInvoke does not refer to a valid function: '\(functionInvoke)' is not an action of ActionList")
        }
        for e in edges {
            guard contains(e.to) else {
                throw CheckFailure("InvokeNext of \(e.from) names '\(e.to)', which is not an action of ActionList")
            }
            guard e.copies >= 1 else {
                throw CheckFailure("InvokeNext of \(e.from) starts \(e.to)(0): a rank must be at least 1")
            }
        }
        for a in nodes {
            let inc = incoming(to: a)
            if inc.count > 1 && inc.contains(where: { $0.copies > 1 }) {
                throw CheckFailure("Function with rank cannot have multiple predecessors: \(a)")
            }
        }
        guard let start = faasrStart else { throw CheckFailure("Function loop found: no initial action") }
        try faasrLoopCheck(from: start)
        for a in nodes {
            let n = copies(of: a)
            guard n > 1 else { continue }
            for e in incoming(to: a) where copies(of: e.from) > 1 {
                throw CheckFailure("Function with rank cannot have predecessor with rank - offending functions: \(a)(\(n)) and \(e.from)(\(copies(of: e.from)))")
            }
        }
        for a in nodes {
            let inc = incoming(to: a)
            let conditional = inc.filter { $0.branch != .always }
            if !conditional.isEmpty && conditional.count != inc.count {
                throw CheckFailure("Mixed predecessor types detected for \(a): it has both conditional and unconditional incoming edges")
            }
            let sources = Set(conditional.map(\.from))
            if sources.count > 1 {
                throw CheckFailure("Multiple conditional sources detected for \(a): \(sources.sorted().joined(separator: ", "))")
            }
        }
        var expanded: [String] = []
        for e in incoming(to: functionInvoke) {
            let n = copies(of: e.from)
            if n > 1 { expanded += (1...n).map { "\(e.from).\($0)" } } else { expanded.append(e.from) }
        }
        return expanded
    }

    /// FaaSr's depth-first walk from `start` with a recursion stack: the first edge back onto
    /// the stack is a loop; an action the walk never reaches is unreachable. Iterative.
    private func faasrLoopCheck(from start: String) throws(CheckFailure) {
        var visited: Set<String> = [start]
        var onStack: Set<String> = [start]
        var stack: [(node: String, next: [WorkflowEdge], at: Int)] = [(start, outgoing(from: start), 0)]
        while let top = stack.last {
            guard top.at < top.next.count else {
                onStack.remove(top.node)
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].at += 1
            let s = top.next[top.at].to
            if onStack.contains(s) { throw CheckFailure("Function loop found from node \(top.node) to \(s)") }
            if visited.insert(s).inserted {
                onStack.insert(s)
                stack.append((s, outgoing(from: s), 0))
            }
        }
        for a in nodes where !visited.contains(a) { throw CheckFailure("Unreachable state found: \(a)") }
    }
}
