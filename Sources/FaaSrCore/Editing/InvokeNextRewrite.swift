/// What to do with one `InvokeNext` target while rewriting a list.
enum TargetRewrite {
    case keep
    case replace(String)
    case remove
}

extension WorkflowEditor {
    /// Rewrites the target strings of `action`'s `InvokeNext` (plain, ranked, conditional
    /// and bare-string forms); other items are kept as they are. Records one change per
    /// rewritten list and returns the number of targets changed or removed.
    @discardableResult
    mutating func rewriteTargets(of action: String,
                                 _ transform: (Successor) -> TargetRewrite) throws(EditError) -> Int {
        let p = Workflow.actionListPointer.appending(action).appending(Action.Key.invokeNext)
        guard let value = root.value(at: p) else { return 0 }
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
        var newValue = value
        switch value {
        case .string(let s):
            newValue = apply(Successor(raw: s, pointer: p)).map(JSONValue.string) ?? .array([])
        case .array(let items):
            var out: [JSONValue] = []
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
            newValue = .array(out)
        default:
            return 0
        }
        if touched > 0 { try set(p, newValue) }
        return touched
    }
}
