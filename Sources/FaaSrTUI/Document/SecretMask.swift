import FaaSrCore

/// Where credential values can sit in a workflow, and the two ways the designer keeps them
/// out of sight: masked for the screen (the save preview), removed for `:export`.
/// The designer never logs anything, so screens and exported files are the only outlets.
public enum SecretMask {
    /// What a masked value looks like.
    public static let dots = "••••••"

    /// Field names that hold credentials (servers, stores, `VMConfig`).
    public static let credentialKeys: Set<String> = ["Token", "AccessKey", "SecretKey", "API.key", "APIkey", "Password"]

    /// Whether the value at `pointer` is a credential: a credential key of a compute server,
    /// data store or `VMConfig`, or any value of a server's `SecretsList`.
    public static func isCredential(_ pointer: JSONPointer) -> Bool {
        let t = pointer.tokens
        switch t.first {
        case WorkflowKey.computeServers?:
            if t.count == 3 { return credentialKeys.contains(t[2]) }
            return t.count == 4 && t[2] == "SecretsList"
        case WorkflowKey.dataStores?: return t.count == 3 && credentialKeys.contains(t[2])
        case WorkflowKey.vmConfig?: return t.count == 2 && credentialKeys.contains(t[1])
        default: return false
        }
    }

    /// Pointers of every non-empty credential value in `root`, in document order.
    public static func credentialPointers(in root: JSONValue) -> [JSONPointer] {
        var out: [JSONPointer] = []
        func scan(_ table: String) {
            for m in root[table]?.objectValue?.members ?? [] {
                let base = JSONPointer(tokens: [table, m.key])
                for f in m.value.objectValue?.members ?? [] {
                    let p = base.appending(f.key)
                    if f.key == "SecretsList", table == WorkflowKey.computeServers {
                        for s in f.value.objectValue?.members ?? [] where !(s.value.stringValue ?? "").isEmpty { out.append(p.appending(s.key)) }
                    } else if credentialKeys.contains(f.key), !(f.value.stringValue ?? "").isEmpty {
                        out.append(p)
                    }
                }
            }
        }
        scan(WorkflowKey.computeServers)
        scan(WorkflowKey.dataStores)
        for f in root[WorkflowKey.vmConfig]?.objectValue?.members ?? [] where credentialKeys.contains(f.key) && !(f.value.stringValue ?? "").isEmpty {
            out.append(JSONPointer(tokens: [WorkflowKey.vmConfig, f.key]))
        }
        return out
    }

    /// `root` with every credential value replaced by ``dots``.
    public static func masked(_ root: JSONValue) -> JSONValue {
        var r = root
        for p in credentialPointers(in: root) { _ = r.setValue(.string(dots), at: p) }
        return r
    }

    /// The text a save of `doc` writes, with credentials masked (for the save preview).
    public static func maskedText(_ doc: DesignDocument) -> String {
        JSONPrinter.print(masked(doc.root), format: doc.format)
    }

    /// `root` with every credential value removed.
    public static func stripped(_ root: JSONValue) -> JSONValue {
        var r = root
        for p in credentialPointers(in: root).reversed() { _ = r.removeValue(at: p) }
        return r
    }
}
