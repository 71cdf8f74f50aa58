import FaaSrCore

/// Reading workflow files into the designer.
public enum DesignerFiles {
    /// Parses `text` (migrating FaaSr 1.x); returns the document, the document as it was in
    /// the file (the "saved" state) and a notice for the user (empty when nothing changed).
    public static func load(text: String, path: String) throws -> (doc: DesignDocument, notice: String) {
        let parsed = try DesignDocument(text: text)
        guard LegacyMigration.isLegacy(parsed.root) else { return (parsed, "") }
        var base = path.split(separator: "/").last.map(String.init) ?? "workflow"
        if base.hasSuffix(".json") { base.removeLast(5) }
        let (root, notice) = LegacyMigration.migrate(parsed.root, workflowName: base)
        return (DesignDocument(root: root, format: parsed.format), notice + " — save to keep")
    }

    /// The designer state for a file's text: a migrated 1.x file starts dirty (so the
    /// migration is saved only when the user saves).
    public static func state(text: String, path: String, size: Size, glyphs: Glyphs) throws -> AppState {
        let original = try DesignDocument(text: text)
        let (doc, notice) = try load(text: text, path: path)
        var s = AppState(doc: doc, filePath: path, size: size, glyphs: glyphs)
        s.savedDoc = original
        if !notice.isEmpty { s.toast = notice }
        return s
    }
}

import TUIKit
