/// Which generation of the FaaSr workflow format a file is written in.
public enum WorkflowFormat: String, Hashable, Sendable {
    /// The R package's format (`FunctionList`), 2023–24.
    case v1 = "1.x"
    /// The Python backend's format (`ActionList`), 2025+.
    case v2 = "2.x"
    /// Neither key: not recognisably a workflow.
    case unknown
}

/// A trace of the 1.x format found in a file, with where it is.
public struct LegacyFeature: Hashable, Sendable, CustomStringConvertible {
    /// The kinds of 1.x traits.
    public enum Kind: String, Hashable, Sendable {
        case functionList, loggingServer, actionname, nextKey, conditionalSuffix, scalarInvokeNext,
             nullInvokeNext, rankField, inlineCredential, legacyServerField, storeProtocol, actionNameUnderscore
    }

    public var kind: Kind
    public var pointer: JSONPointer
    public var description: String

    public init(_ kind: Kind, at pointer: JSONPointer, _ description: String) {
        self.kind = kind
        self.pointer = pointer
        self.description = description
    }
}

extension Workflow {
    /// The format generation: `ActionList` → 2.x, else `FunctionList` → 1.x (no corpus file
    /// has both); a file with neither but a 1.x-only `LoggingServer` is 1.x too.
    public var format: WorkflowFormat {
        if root.contains(WorkflowKey.actionList) { return .v2 }
        if root.contains("FunctionList") || root.contains("LoggingServer") { return .v1 }
        return .unknown
    }

    /// Every 1.x trait in the file, in document order: `FunctionList`, `LoggingServer`,
    /// `Actionname`, `Next`, `Name[TRUE]` targets, scalar or null `InvokeNext`, `Rank`,
    /// inline credentials, old server fields (`RepoName`, `Ref`, `SSL`, ...), store `Protocol`,
    /// and action names with `_`.
    public var legacyFeatures: [LegacyFeature] {
        var out: [LegacyFeature] = []
        let listKey = root.contains(WorkflowKey.actionList) ? WorkflowKey.actionList : "FunctionList"
        if listKey == "FunctionList", root.contains("FunctionList") {
            out.append(LegacyFeature(.functionList, at: JSONPointer(tokens: ["FunctionList"]), "the action table is the 1.x \"FunctionList\""))
        }
        if root.contains("LoggingServer") {
            out.append(LegacyFeature(.loggingServer, at: JSONPointer(tokens: ["LoggingServer"]), "\"LoggingServer\" is the 1.x name of \"LoggingDataStore\""))
        }
        for m in root[listKey]?.objectValue?.members ?? [] {
            let p = JSONPointer(tokens: [listKey, m.key])
            if !ActionName.isValid(m.key) {
                out.append(LegacyFeature(.actionNameUnderscore, at: p, "action name \"\(m.key)\" is not a 2.x name"))
            }
            guard let a = m.value.objectValue else { continue }
            if a.contains("Actionname") {
                out.append(LegacyFeature(.actionname, at: p.appending("Actionname"), "\"Actionname\" is the oldest name of \"FunctionName\""))
            }
            if a.contains("Next") {
                out.append(LegacyFeature(.nextKey, at: p.appending("Next"), "\"Next\" is the oldest name of \"InvokeNext\""))
            }
            if a.contains("Rank") {
                out.append(LegacyFeature(.rankField, at: p.appending("Rank"), "\"Rank\" is set by the 1.x runtime, not written by users"))
            }
            let ip = p.appending(a.contains("InvokeNext") ? "InvokeNext" : "Next")
            switch a["InvokeNext"] ?? a["Next"] {
            case .string(let s)?:
                out.append(LegacyFeature(.scalarInvokeNext, at: ip, "InvokeNext is a single string"))
                if LegacyTarget(s)?.condition != nil {
                    out.append(LegacyFeature(.conditionalSuffix, at: ip, "\"\(s)\" uses the 1.x [TRUE]/[FALSE] form"))
                }
            case .null?:
                out.append(LegacyFeature(.nullInvokeNext, at: ip, "InvokeNext is null"))
            case .array(let items)?:
                for (i, item) in items.enumerated() {
                    if let s = item.stringValue, LegacyTarget(s)?.condition != nil {
                        out.append(LegacyFeature(.conditionalSuffix, at: ip.appending(i), "\"\(s)\" uses the 1.x [TRUE]/[FALSE] form"))
                    }
                }
            default: break
            }
        }
        for m in root[WorkflowKey.computeServers]?.objectValue?.members ?? [] {
            let p = JSONPointer(tokens: [WorkflowKey.computeServers, m.key])
            for key in m.value.objectValue?.keys ?? [] {
                if Migrator.serverCredentialKeys.contains(key), !(m.value[key]?.stringValue ?? "").isEmpty {
                    out.append(LegacyFeature(.inlineCredential, at: p.appending(key), "credential \"\(key)\" is written in the file"))
                } else if Migrator.legacyServerKeys.contains(key) {
                    out.append(LegacyFeature(.legacyServerField, at: p.appending(key), "\"\(key)\" is a 1.x server field"))
                }
            }
        }
        for m in root[WorkflowKey.dataStores]?.objectValue?.members ?? [] {
            let p = JSONPointer(tokens: [WorkflowKey.dataStores, m.key])
            for key in m.value.objectValue?.keys ?? [] {
                if key == "AccessKey" || key == "SecretKey", !(m.value[key]?.stringValue ?? "").isEmpty {
                    out.append(LegacyFeature(.inlineCredential, at: p.appending(key), "credential \"\(key)\" is written in the file"))
                } else if key == "Protocol" {
                    out.append(LegacyFeature(.storeProtocol, at: p.appending(key), "\"Protocol\" is a 1.x store field"))
                }
            }
        }
        return out
    }
}
