/// What to do with one `InvokeNext` target while rewriting a list.
enum TargetRewrite {
    case keep
    case replace(String)
    case remove
}

/// Rewrites the target strings of one `InvokeNext` value (plain, ranked, conditional and
/// bare-string forms); other items are kept as they are. Returns the new value and the
/// number of targets changed or removed.
func rewriteInvokeNext(_ value: JSONValue, at p: JSONPointer,
                       _ transform: (Successor) -> TargetRewrite) -> (value: JSONValue, touched: Int) {
    var touched = 0
    func apply(_ s: Successor) -> String? {
        switch transform(s) {
        case .keep: return s.raw
        case .replace(let t):
            if t != s.raw { touched += 1 }
            return t
        case .remove:
            touched += 1
            return nil
        }
    }
    switch value {
    case .string(let s):
        let out = apply(Successor(raw: s, pointer: p)).map(JSONValue.string) ?? .array([])
        return (out, touched)
    case .array(let items):
        var out: [JSONValue] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            switch item {
            case .string(let s):
                if let t = apply(Successor(raw: s, pointer: p.appending(i))) { out.append(.string(t)) }
            case .object(var o) where o.keys.allSatisfy({ $0 == "True" || $0 == "False" }):
                for (key, branch) in [("True", Branch.onTrue), ("False", Branch.onFalse)] {
                    guard let list = o[key]?.arrayValue else { continue }
                    var kept: [JSONValue] = []
                    for (j, e) in list.enumerated() {
                        guard let s = e.stringValue else { kept.append(e); continue }
                        let succ = Successor(raw: s, branch: branch, pointer: p.appending(i).appending(key).appending(j))
                        if let t = apply(succ) { kept.append(.string(t)) }
                    }
                    o[key] = .array(kept)
                }
                out.append(.object(o))
            default:
                out.append(item)
            }
        }
        return (.array(out), touched)
    default:
        return (value, 0)
    }
}

extension WorkflowEditor {
    /// Rewrites the targets of `action`'s `InvokeNext`; returns the number changed or removed.
    @discardableResult
    mutating func rewriteTargets(of action: String,
                                 _ transform: (Successor) -> TargetRewrite) throws(EditError) -> Int {
        let p = Workflow.actionListPointer.appending(action).appending(Action.Key.invokeNext)
        guard let value = root.value(at: p) else { return 0 }
        let (newValue, touched) = rewriteInvokeNext(value, at: p, transform)
        if touched > 0 { try set(p, newValue) }
        return touched
    }

    /// Rewrites the targets of every action in one pass over `ActionList` (linear in the
    /// workflow's size); returns, per action touched, the number of targets changed or removed.
    @discardableResult
    mutating func rewriteAllTargets(_ transform: (String, Successor) -> TargetRewrite) throws(EditError) -> [(action: String, count: Int)] {
        let listPointer = Workflow.actionListPointer
        guard let list = try object(listPointer) else { return [] }
        var members = list.members
        var report: [(action: String, count: Int)] = []
        for k in members.indices {
            guard case .object(var a) = members[k].value, let value = a[Action.Key.invokeNext] else { continue }
            let name = members[k].key
            let p = listPointer.appending(name).appending(Action.Key.invokeNext)
            let (newValue, touched) = rewriteInvokeNext(value, at: p) { transform(name, $0) }
            guard touched > 0 else { continue }
            a[Action.Key.invokeNext] = newValue
            members[k].value = .object(a)
            changes.append(WorkflowChange(kind: .modified, pointer: p, oldValue: value, newValue: newValue))
            report.append((name, touched))
        }
        if !report.isEmpty {
            root.setValue(.object(JSONObject(members)), at: listPointer)
        }
        return report
    }
}
