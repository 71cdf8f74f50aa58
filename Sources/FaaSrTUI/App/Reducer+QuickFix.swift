import FaaSrCore

/// Quick fixes, the migration's to-dos and the unsaved-changes wording.
extension AppState {
    /// The quick fix offered for the selected problem, if any.
    public var selectedQuickFix: QuickFix? {
        problems[safe: problemIndex].flatMap { QuickFix.offered(for: $0, in: doc) }
    }

    /// `f` in the problems pane (or `:fix`): applies the selected problem's fix as one edit.
    mutating func applyQuickFix() -> [Effect] {
        guard let problem = problems[safe: problemIndex] else { toast = "no problem selected"; return [] }
        guard let fix = QuickFix.offered(for: problem, in: doc) else { toast = "no quick fix for this problem"; return [] }
        var done = ""
        let fx = edit(fix.title) { d in done = try d.apply(fix) }
        if !fx.isEmpty || isDirty { toast = done + " (u undoes)" }
        return fx
    }

    /// Takes in the 1.x migration made on opening: its to-dos join the problems (the secrets
    /// to create point at Settings → Secrets).
    mutating func adoptMigration(_ m: MigrationResult) {
        migrationTodos = m.todos.map { note in
            let secrets = note.message.hasPrefix("create these secrets")
            return Problem(.warning, secrets ? JSONPointer(tokens: [WorkflowKey.secrets]) : note.pointer, "to do: " + note.message,
                           hint: "left by the migration from FaaSr 1.x", code: "migration.todo")
        }
        revalidate()
    }

    /// What is unsaved, for the quit and discard dialogs: the edits, and a 1.x file's
    /// migration until it is saved.
    var unsavedSummary: String {
        let migration = savedDoc.workflow.format == .v1 && isDirty
        let edits = "\(history.past.count) unsaved edit(s)"
        return migration ? (history.past.isEmpty ? "the unsaved migration from FaaSr 1.x" : edits + " and the migration from FaaSr 1.x") : edits
    }

    /// A valid, unused name for a copy of `name` in the current section: `name-copy`,
    /// `name-copy2`, ... (`_` in the original becomes `-`, as 2.x names require).
    func copyName(of name: String) -> String {
        let taken = Set(section == .servers ? doc.serverNames : section == .stores ? doc.storeNames : doc.actionNames)
        let base = name.replacingUnderscores() + "-copy"
        var candidate = base, n = 2
        while taken.contains(candidate) { candidate = base + String(n); n += 1 }
        return candidate
    }

    /// Moves to the form, on its first required field that is still empty (as after adding a
    /// server).
    mutating func focusFirstRequiredField() {
        focus = .details
        let rows = formRows
        fieldIndex = rows.firstIndex { $0.required && $0.value == "(required)" } ?? rows.firstIndex { $0.required && $0.role != .title } ?? 0
    }
}
