import FaaSrCore

/// One `InvokeNext` entry: `Name` / `Name(N)`, or a `{True: [...], False: [...]}` object.
public enum InvokeItem: Equatable, Sendable {
    /// An unconditional successor.
    case plain(InvokeTarget)
    /// Successors chosen by the function's boolean result (a missing branch is empty).
    case conditional(whenTrue: [InvokeTarget], whenFalse: [InvokeTarget])
}

/// A successor name and how many ranked copies to start (`Name(N)`; 1 when no `(N)`).
public struct InvokeTarget: Equatable, Sendable {
    /// The action name.
    public var name: String
    /// The number of copies (`N`).
    public var count: Int
    /// Creates a target.
    public init(name: String, count: Int) { self.name = name; self.count = count }

    /// Splits `Name(N)`; anything without a well-formed `(N)` is `Name` with count 1,
    /// as FaaSr does. `Name(0)` gives count 0 (rejected by validation).
    public static func parse(_ text: String) -> InvokeTarget {
        guard text.hasSuffix(")"), let open = text.firstIndex(of: "(") else {
            return InvokeTarget(name: text, count: 1)
        }
        let digits = text[text.index(after: open)..<text.index(before: text.endIndex)]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits) else {
            return InvokeTarget(name: String(text[..<open]), count: 1)
        }
        return InvokeTarget(name: String(text[..<open]), count: n)
    }
}

/// The DAG of a workflow's `ActionList`, and FaaSr's `check_dag` (spec/runtime.md §2.2)
/// with the fixes of §7 (unknown targets and rank 0 rejected, rank checks independent of
/// key order).
public struct ActionGraph: Sendable {
    /// Action names in `ActionList` order.
    public let actions: [String]
    /// Each action's `InvokeNext` items, in order.
    public let invokeNext: [String: [InvokeItem]]

    /// A graph that FaaSr would refuse to run.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        /// The message (FaaSr's wording where FaaSr has one).
        public let description: String
    }

    /// Reads the graph from an `ActionList` object.
    public init(actionList: JSONObject) {
        var names: [String] = []
        var next: [String: [InvokeItem]] = [:]
        for m in actionList.members where !names.contains(m.key) {
            names.append(m.key)
            next[m.key] = Self.items(m.value.objectValue?["InvokeNext"])
        }
        actions = names
        invokeNext = next
    }

    static func items(_ value: JSONValue?) -> [InvokeItem] {
        guard let value else { return [] }
        switch value {
        case .string(let s): return [.plain(.parse(s))]
        case .array(let arr):
            return arr.compactMap { v in
                if let s = v.stringValue { return .plain(.parse(s)) }
                if let o = v.objectValue {
                    let t = (o["True"]?.arrayValue ?? []).compactMap(\.stringValue).map(InvokeTarget.parse)
                    let f = (o["False"]?.arrayValue ?? []).compactMap(\.stringValue).map(InvokeTarget.parse)
                    return .conditional(whenTrue: t, whenFalse: f)
                }
                return nil
            }
        default: return []
        }
    }

    /// Every (source, target, conditional?) edge, in order.
    var edges: [(from: String, to: InvokeTarget, conditional: Bool)] {
        var out: [(String, InvokeTarget, Bool)] = []
        for a in actions {
            for item in invokeNext[a] ?? [] {
                switch item {
                case .plain(let t): out.append((a, t, false))
                case .conditional(let t, let f):
                    for x in t + f { out.append((a, x, true)) }
                }
            }
        }
        return out
    }

    /// The copy count of each action (1 unless some edge says `Name(N)`).
    public var ranks: [String: Int] {
        var r: [String: Int] = [:]
        for e in edges { r[e.to.name] = max(r[e.to.name] ?? 1, e.to.count) }
        return r
    }

    /// Predecessors of each action (duplicates kept, as FaaSr).
    public var predecessors: [String: [String]] {
        var p: [String: [String]] = [:]
        for e in edges { p[e.to.name, default: []].append(e.from) }
        return p
    }

    /// The entry action: the first action no edge points at.
    public var entry: String? {
        let targets = Set(edges.map(\.to.name))
        return actions.first { !targets.contains($0) }
    }

    /// Validates the graph for running `functionInvoke`, and returns its predecessor list
    /// with ranked predecessors expanded to `P.1 ... P.N` (the `.done` names to wait for).
    public func validate(functionInvoke: String) throws(Invalid) -> [String] {
        guard actions.contains(functionInvoke) else {
            throw Invalid(description: "FunctionInvoke does not refer to a valid function: '\(functionInvoke)' is not an action of ActionList")
        }
        let known = Set(actions)
        var incoming: [String: [(String, Int, Bool)]] = [:]
        for e in edges {
            guard known.contains(e.to.name) else {
                throw Invalid(description: "InvokeNext of \(e.from) names '\(e.to.name)', which is not an action of ActionList")
            }
            guard e.to.count >= 1 else {
                throw Invalid(description: "InvokeNext of \(e.from) starts \(e.to.name)(0): a rank must be at least 1")
            }
            incoming[e.to.name, default: []].append((e.from, e.to.count, e.conditional))
        }
        for a in actions {
            let inc = incoming[a] ?? []
            if inc.count > 1 && inc.contains(where: { $0.1 > 1 }) {
                throw Invalid(description: "Function with rank cannot have multiple predecessors: \(a)")
            }
        }
        guard let entry else {
            throw Invalid(description: "Function loop found: no initial action")
        }
        // DFS with a recursion stack.
        var visited = Set<String>()
        var onStack = Set<String>()
        func successors(_ a: String) -> [String] {
            var out: [String] = []
            for item in invokeNext[a] ?? [] {
                switch item {
                case .plain(let t): out.append(t.name)
                case .conditional(let t, let f): out += (t + f).map(\.name)
                }
            }
            return out
        }
        func dfs(_ node: String) throws(Invalid) {
            visited.insert(node)
            onStack.insert(node)
            for s in successors(node) {
                if onStack.contains(s) {
                    throw Invalid(description: "Function loop found from node \(node) to \(s)")
                }
                if !visited.contains(s) { try dfs(s) }
            }
            onStack.remove(node)
        }
        try dfs(entry)
        for a in actions where !visited.contains(a) {
            throw Invalid(description: "Unreachable state found: \(a)")
        }
        let rank = ranks
        for a in actions where (rank[a] ?? 1) > 1 {
            for (p, _, _) in incoming[a] ?? [] where (rank[p] ?? 1) > 1 {
                throw Invalid(description: "Function with rank cannot have predecessor with rank - offending functions: \(a)(\(rank[a]!)) and \(p)(\(rank[p]!))")
            }
        }
        for a in actions {
            let inc = incoming[a] ?? []
            let conditional = inc.filter { $0.2 }
            if !conditional.isEmpty && conditional.count != inc.count {
                throw Invalid(description: "Mixed predecessor types detected for \(a): it has both conditional and unconditional incoming edges")
            }
            if Set(conditional.map(\.0)).count > 1 {
                throw Invalid(description: "Multiple conditional sources detected for \(a): \(Set(conditional.map(\.0)).sorted().joined(separator: ", "))")
            }
        }
        var expanded: [String] = []
        for p in predecessors[functionInvoke] ?? [] {
            let n = rank[p] ?? 1
            if n > 1 { expanded += (1...n).map { "\(p).\($0)" } } else { expanded.append(p) }
        }
        return expanded
    }
}
