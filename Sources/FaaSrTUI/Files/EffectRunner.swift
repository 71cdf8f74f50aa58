import FaaSrCore

/// Runs the reducer's file effects and turns their results into events. Background jobs
/// (``Effect/start(_:)``, ``Effect/cancel(_:)``) and quitting are run by ``Program``.
public enum EffectRunner {
    /// Performs `effect`; returns the event to feed back, if any.
    public static func perform(_ effect: Effect) -> AppEvent? {
        switch effect {
        case .save(let path, let text):
            do {
                try AtomicFile.write(text, to: path)
                return .saved(path: path, error: nil)
            } catch {
                return .saved(path: path, error: error.description)
            }
        case .writeRecovery(let path, let text):
            try? AtomicFile.write(text, to: path)
            return nil
        case .removeRecovery(let path):
            AtomicFile.remove(path)
            return nil
        case .checkExport(let plan):
            return .exportChecked(plan, existing: plan.files.map(\.path).filter(AtomicFile.exists))
        case .export(let files):
            do {
                for f in files { try AtomicFile.write(f.text, to: f.path) }
                return .exported(paths: files.map(\.path), error: nil)
            } catch {
                return .exported(paths: [], error: error.description)
            }
        case .open(let path):
            do {
                return .opened(path: path, text: try AtomicFile.read(path), error: nil)
            } catch {
                return .opened(path: path, text: nil, error: error.description)
            }
        case .listDirectory(let path):
            return DirectoryListing.list(path)
        case .readRecovery(let path):
            return .recovery(path: path, text: AtomicFile.exists(path) ? try? AtomicFile.read(path) : nil)
        case .quit, .start, .cancel:
            return nil
        }
    }

    /// The initial state for a command line: opens `path` (a missing file starts a new
    /// workflow from the template that will be saved there) and offers recovery when a
    /// recovery file newer than the save exists.
    public static func startState(path: String?, size: Size, glyphs: Glyphs) throws -> AppState {
        var s: AppState
        if let path, AtomicFile.exists(path) {
            s = try DesignerFiles.state(text: try AtomicFile.read(path), path: path, size: size, glyphs: glyphs)
        } else {
            s = AppState(doc: .template(), filePath: path, size: size, glyphs: glyphs)
            s.savedDoc = DesignDocument(root: .null)
            s.toast = path.map { "new workflow: will be saved as \($0)" } ?? "new workflow"
        }
        if let r = s.recoveryPath, AtomicFile.exists(r), let text = try? AtomicFile.read(r) {
            _ = reduce(&s, .recovery(path: r, text: text))
        }
        return s
    }
}

import TUIKit
