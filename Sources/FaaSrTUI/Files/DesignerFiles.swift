import FaaSrCore

/// Reading workflow files into the designer.
public enum DesignerFiles {
    /// Parses `text`, converting FaaSr 1.x files (and 2.x files with 1.x traits) with
    /// FaaSrCore's ``Migrator``; returns the document and a notice for the user (empty when
    /// nothing changed).
    public static func load(text: String, path: String) throws -> (doc: DesignDocument, notice: String) {
        let parsed = try DesignDocument(text: text)
        let workflow = Workflow(document: JSONDocument(root: parsed.root, format: parsed.format))
        let name = path.split(separator: "/").last.map(String.init)
        let result = Migrator.migrate(workflow, options: MigrationOptions(fileName: name))
        guard !result.isUnchanged else { return (parsed, "") }
        let from = result.sourceFormat == .v1 ? "FaaSr 1.x" : "1.x traits"
        var notice = "migrated from \(from): \(result.changes.count) change(s)"
        if !result.todos.isEmpty { notice += ", \(result.todos.count) to do (see problems)" }
        return (DesignDocument(root: result.workflow.document.root, format: parsed.format), notice + " — save to keep")
    }

    /// The designer state for a file's text: a migrated 1.x file starts dirty (so the
    /// migration is saved only when the user saves).
    public static func state(text: String, path: String, size: Size, glyphs: Glyphs) throws -> AppState {
        let original = try DesignDocument(text: text)
        let (doc, notice) = try load(text: text, path: path)
        var s = AppState(doc: doc, filePath: path, size: size, glyphs: glyphs)
        s.savedDoc = original
        s.sourcePositions = SourcePositions(text: text)
        if !notice.isEmpty { s.toast = notice }
        return s
    }
}

import TUIKit
