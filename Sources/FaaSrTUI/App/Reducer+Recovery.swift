import FaaSrCore
import TUIKit

/// The recovery file (`.NAME.faasr-recovery`, the autosave of unsaved edits): the one dialog
/// that offers it, and the rule that a recovery file the user chose to keep is never written
/// over or removed by this session.
extension AppState {
    /// Offers the edits in the recovery file at `path` (the one dialog for start-up and for a
    /// file opened in the session). Nothing happens when it matches the file, belongs to
    /// another file, or a dialog is already open.
    mutating func offerRecovery(text: String, path: String) {
        guard path == recoveryPath, text != doc.text, mode == .normal else { return }
        mode = .confirm(title: "Recover", message: "Unsaved edits from a session that did not end cleanly were found.",
                        details: ["recovery file: \(path)",
                                  "y restores them (then save with C-s)",
                                  "n deletes the recovery file",
                                  "Esc keeps it, to be offered again (:recover, or the next start)"],
                        purpose: .recover(text: text, recoveryPath: path))
    }

    /// A key in the recovery dialog: `y` restores, `n` deletes the file, `Esc` keeps it.
    /// Other keys are ignored, so no stray key loses the edits.
    mutating func handleRecoveryKey(_ key: Key, text: String, path: String) -> [Effect] {
        switch key {
        case .char("y"), .char("Y"):
            mode = .normal
            keptRecovery = nil
            guard let recovered = try? DesignDocument(text: text) else {
                toast = "\(glyphs.cross) the recovery file is unreadable; it is kept at \(path)"
                keptRecovery = path
                return []
            }
            return edit("recovered unsaved edits") { $0 = recovered }
        case .char("n"), .char("N"):
            mode = .normal
            keptRecovery = nil
            toast = "recovery file deleted"
            return [.removeRecovery(path: path)]
        case .escape:
            mode = .normal
            keptRecovery = path
            toast = "recovery file kept: :recover offers it again; autosave is paused until then"
            return []
        default:
            return []
        }
    }

    /// `:recover`: reads the kept (or any) recovery file of the current file again.
    mutating func reofferRecovery() -> [Effect] {
        guard let r = recoveryPath else { toast = "a new workflow has no recovery file"; return [] }
        keptRecovery = nil
        toast = AppState.lookingForRecovery(r)
        return [.readRecovery(path: r)]
    }

    static func lookingForRecovery(_ path: String) -> String { "reading \(path)" }

    /// Removes the recovery files at `paths`, except one the user chose to keep.
    func removingRecovery(_ paths: String?...) -> [Effect] {
        paths.compactMap { $0 }.filter { $0 != keptRecovery }.map { Effect.removeRecovery(path: $0) }
    }
}
