/// Warns about keys written twice in one object: JSON readers (and FaaSr) silently keep only
/// the last one, so the first is dead text that looks live.
enum DuplicateKeyRule {
    static func check(_ value: JSONValue) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var path: [String] = []
        walk(value, &path, &out)
        return out
    }

    private static func walk(_ value: JSONValue, _ path: inout [String], _ out: inout [Diagnostic]) {
        switch value {
        case .object(let o):
            for key in o.hasDuplicateKeys ? o.duplicateKeys : [] {
                let n = o.members.count { $0.key == key }
                let pointer = JSONPointer(tokens: path + [key])
                let where_ = path.isEmpty ? "the workflow" : SchemaMessages.describe(JSONPointer(tokens: path))
                out.append(.warning(RuleCode.jsonDuplicateKey, at: pointer,
                                    "\"\(key)\" appears \(n) times in \(where_); only the last one counts",
                                    hint: "merge the entries into one \"\(key)\" and delete the others"))
            }
            for m in o.lastValueMembers {
                path.append(m.key)
                walk(m.value, &path, &out)
                path.removeLast()
            }
        case .array(let a):
            for (i, v) in a.enumerated() {
                path.append(String(i))
                walk(v, &path, &out)
                path.removeLast()
            }
        default:
            break
        }
    }
}
