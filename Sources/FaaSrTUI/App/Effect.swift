/// Work the reducer asks the outside world to do. The executable runs effects and reports
/// results back as ``AppEvent``s; tests just look at them.
public enum Effect: Equatable, Sendable {
    /// Write `text` to `path` atomically (temp file + rename, mode kept).
    case save(path: String, text: String)
    /// Write the autosave recovery file.
    case writeRecovery(path: String, text: String)
    /// Delete the recovery file (after a save, or when the user discards).
    case removeRecovery(path: String)
    /// Find which of an export's files exist; the answer comes back as
    /// ``AppEvent/exportChecked(_:existing:)``.
    case checkExport(ExportPlan)
    /// Write several files atomically (export for the web builder).
    case export(files: [ExportFile])
    /// Read a workflow file; the result comes back as ``AppEvent/opened(path:text:error:)``.
    case open(path: String)
    /// List a folder for the file browser; the result comes back as
    /// ``AppEvent/listed(path:entries:error:)``.
    case listDirectory(path: String)
    /// Read the recovery file of a file just opened; the result comes back as
    /// ``AppEvent/recovery(path:text:)``.
    case readRecovery(path: String)
    /// Leave the app (the terminal is restored by the runner).
    case quit
    /// Seam for the register/invoke menus of a later issue: register on a compute server.
    case register(server: String)
    /// Seam: invoke the workflow.
    case invoke
    /// Seam: show an invocation's progress.
    case watchInvocation(id: String)
}

/// A file to write.
public struct ExportFile: Equatable, Sendable {
    /// Where.
    public var path: String
    /// What.
    public var text: String
    /// Creates one.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// What arrives at the reducer.
public enum AppEvent: Equatable, Sendable {
    /// A key.
    case key(Key)
    /// The terminal size changed.
    case resize(Size)
    /// A mouse event.
    case mouse(MouseEvent)
    /// A save finished (`error` nil on success).
    case saved(path: String, error: String?)
    /// These of `plan`'s files exist already.
    case exportChecked(ExportPlan, existing: [String])
    /// An export finished.
    case exported(paths: [String], error: String?)
    /// A file was read for `open`.
    case opened(path: String, text: String?, error: String?)
    /// A folder was listed for the file browser (`path` made absolute).
    case listed(path: String, entries: [DirectoryEntry]?, error: String?)
    /// The recovery file at `path` holds `text` (nil: there is none).
    case recovery(path: String, text: String?)
}

import TUIKit
