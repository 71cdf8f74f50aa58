import FaaSrCore

/// Reading workflow files into the designer: each file's text is parsed once, and only a
/// FaaSr 1.x file (`FunctionList`) is migrated. A 2.x file opens exactly as written, whatever
/// 1.x traits it has left (`_` in names, inline credentials): validation reports them and the
/// problems pane offers quick fixes (see ``QuickFix``), which the user picks.
public enum DesignerFiles {
    /// What opening a file gives: the document to edit, the document as the file holds it,
    /// the parse (for source positions) and, for a 1.x file, the migration.
    public struct Opened: Sendable {
        /// The document to edit (the migration of a 1.x file, else the file as it is).
        public var doc: DesignDocument
        /// The file as parsed.
        public var original: DesignDocument
        /// The migration of a 1.x file; nil for any other file.
        public var migration: MigrationResult?

        /// The one-line notice shown on opening (empty when the file opened as it is).
        public var notice: String {
            guard let m = migration, !m.isUnchanged else { return "" }
            var notice = "migrated from FaaSr 1.x: \(m.changes.count) change(s)"
            if !m.todos.isEmpty { notice += ", \(m.todos.count) to do (see problems)" }
            return notice + " — save to keep"
        }
    }

    /// Parses `text` once; migrates it with FaaSrCore's ``Migrator`` only when it is a 1.x file.
    public static func open(text: String, path: String) throws(JSONParseError) -> Opened {
        let original = try DesignDocument(text: text)
        guard original.workflow.format == .v1 else { return Opened(doc: original, original: original) }
        let name = path.split(separator: "/").last.map(String.init)
        let result = Migrator.migrate(original.workflow, options: MigrationOptions(fileName: name))
        var migrated = DesignDocument(workflow: result.workflow)
        migrated.format = original.format  // a save keeps the file's indentation
        if result.isUnchanged { migrated = original }
        return Opened(doc: migrated, original: original, migration: result)
    }

    /// The document for `text` and the notice for the user (see ``open(text:path:)``).
    public static func load(text: String, path: String) throws -> (doc: DesignDocument, notice: String) {
        let opened = try open(text: text, path: path)
        return (opened.doc, opened.notice)
    }

    /// The designer state for a file's text: a migrated 1.x file starts unsaved (the migration
    /// is written only when the user saves), with the migration's to-dos in the problems pane.
    public static func state(text: String, path: String, size: Size, glyphs: Glyphs) throws -> AppState {
        let opened = try open(text: text, path: path)
        var s = AppState(doc: opened.doc, filePath: path, size: size, glyphs: glyphs)
        s.savedDoc = opened.original
        s.sourcePositions = SourcePositions(opened.original.workflow.document)
        if let m = opened.migration, !m.isUnchanged { s.adoptMigration(m) }
        if !opened.notice.isEmpty { s.toast = opened.notice }
        return s
    }
}

import TUIKit
