import FaaSrCore
import TUIKit

/// `:export`: the workflow and layout files the web builder imports.
extension AppState {
    func exportEffects() -> [Effect] {
        let name = doc.string(DesignDocument.Key.workflowName).flatMap { $0.isEmpty ? nil : $0 } ?? "unnamed-workflow"
        let dir = filePath.map { p -> String in
            let parts = p.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
        } ?? ""
        return [.export(files: [
            ExportFile(path: dir + name + ".json", text: WebBuilderExport.workflowText(doc)),
            ExportFile(path: dir + name + "-layout.json", text: WebBuilderExport.layoutText(doc)),
        ])]
    }
}
