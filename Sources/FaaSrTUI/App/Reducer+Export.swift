import FaaSrCore
import TUIKit

/// What `:export` is about to write, and what the user should know first.
public struct ExportPlan: Equatable, Sendable {
    /// The files as the document has them (credentials left out).
    public var files: [ExportFile]
    /// The same files with every `InvokeNext` in the builder's import form; nil when the
    /// document needs no change for that import.
    public var builderSafeFiles: [ExportFile]?
    /// Problems to read before exporting: errors the builder will list, import hazards.
    public var warnings: [String]
}

/// `:export [FOLDER]`: the workflow and layout files the web builder imports. The file being
/// edited is never written; existing files, an invalid workflow and shapes the builder's
/// import breaks on are shown in one dialog first.
extension AppState {
    /// Plans the export into `folder` (default: the workflow file's folder) and asks the
    /// runner which of its files exist already.
    func exportEffects(folder: String? = nil) -> [Effect] {
        let name = doc.string(WorkflowKey.workflowName).flatMap { $0.isEmpty ? nil : $0 } ?? "unnamed-workflow"
        var dir = folder ?? filePath.map { p -> String in
            let parts = p.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            return parts.joined(separator: "/")
        } ?? ""
        if !dir.isEmpty && !dir.hasSuffix("/") { dir += "/" }
        var warnings: [String] = []
        var workflowPath = dir + name + ".json"
        // `demo-flow.json` open with WorkflowName `demo-flow`: the export must not replace it.
        if let open = filePath, AppState.samePath(open, workflowPath) {
            workflowPath = dir + name + ".webbuilder.json"
            warnings.append("\(name).json is the file being edited: the workflow goes to \(name).webbuilder.json (the builder reads any name)")
        }
        let layoutPath = dir + name + "-layout.json"
        let errors = problems.filter { $0.severity == .error }
        if let first = errors.first {
            warnings.append("the workflow is invalid (\(errors.count) error(s), first: \(first.message)); the builder lists them and offers only Download Anyway")
        }
        let hazards = WebBuilderExport.importHazards(doc)
        warnings += hazards
        let layout = ExportFile(path: layoutPath, text: WebBuilderExport.layoutText(doc))
        let plan = ExportPlan(
            files: [ExportFile(path: workflowPath, text: WebBuilderExport.workflowText(doc)), layout],
            builderSafeFiles: hazards.isEmpty ? nil : [ExportFile(path: workflowPath, text: WebBuilderExport.workflowText(doc, builderSafe: true)), layout],
            warnings: warnings)
        return [.checkExport(plan)]
    }

    /// The runner found `existing` of the plan's files on disk: export at once when there is
    /// nothing to say, else ask.
    mutating func exportChecked(_ plan: ExportPlan, existing: [String]) -> [Effect] {
        if plan.warnings.isEmpty && existing.isEmpty { return [.export(files: plan.files)] }
        guard mode == .normal else { return [] }
        let safe = plan.builderSafeFiles != nil
        mode = .confirm(title: "Export for the web builder",
                        message: "Write \(plan.files.map { AppState.fileName($0.path) }.joined(separator: " and "))?",
                        details: plan.warnings + existing.map { "overwrites \($0)" },
                        purpose: .export(plan))
        toast = safe ? "s writes the builder-safe InvokeNext order (True/False object first, lists not strings)" : nil
        return []
    }

    /// A key in the export dialog: `y` writes the files as the document has them, `s` the
    /// builder-safe form (when offered); anything else cancels.
    mutating func handleExportKey(_ key: Key, _ plan: ExportPlan) -> [Effect] {
        mode = .normal
        switch key {
        case .char("y"), .char("Y"): return [.export(files: plan.files)]
        case .char("s") where plan.builderSafeFiles != nil: return [.export(files: plan.builderSafeFiles ?? plan.files)]
        default:
            toast = "export cancelled: nothing written"
            return []
        }
    }

    /// The key hint of the export dialog.
    static func exportHint(_ plan: ExportPlan) -> String {
        plan.builderSafeFiles != nil ? "y export as is   s builder-safe order   n/Esc cancel (default)" : "y export   n/Esc cancel (default)"
    }

    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// Whether two paths name the same file (`./a.json` and `a.json`, `x//a.json` and `x/a.json`).
    static func samePath(_ a: String, _ b: String) -> Bool {
        func norm(_ p: String) -> [Substring] { p.split(separator: "/").filter { $0 != "." } }
        return norm(a) == norm(b) && a.hasPrefix("/") == b.hasPrefix("/")
    }
}
