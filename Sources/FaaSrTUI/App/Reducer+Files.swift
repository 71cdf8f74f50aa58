import FaaSrCore
import TUIKit

/// Opening files (the `:e` browser, `:e PATH`) and starting new workflows from templates;
/// each asks first when there are unsaved changes.
extension AppState {
    /// Opens the file browser in the current file's folder (or the working folder).
    mutating func openBrowser() -> [Effect] {
        let dir = filePath.map(FileBrowser.parent(of:)) ?? "."
        mode = .browser(FileBrowser(directory: dir))
        return [.listDirectory(path: dir)]
    }

    /// A folder listing arrived.
    mutating func listed(path: String, entries: [DirectoryEntry]?, error: String?) {
        guard case .browser(var b) = mode else { return }
        b.directory = path
        b.entries = FileBrowser.visible(entries ?? [])
        b.error = error
        b.isLoading = false
        b.selected = 0
        b.filter = TextField()
        mode = .browser(b)
    }

    mutating func handleBrowserKey(_ key: Key, _ browser: FileBrowser) -> [Effect] {
        var b = browser
        let shown = b.shown
        switch key {
        case .escape:
            mode = .normal
        case .up, .ctrl("p"):
            b.selected = max(0, b.selected - 1)
            mode = .browser(b)
        case .down, .ctrl("n"), .tab:
            b.selected = min(max(0, shown.count - 1), b.selected + 1)
            mode = .browser(b)
        case .enter:
            guard let e = shown[safe: b.selected] else { return [] }
            let path = b.path(of: e)
            if e.isDirectory {
                mode = .browser(FileBrowser(directory: path))
                return [.listDirectory(path: path)]
            }
            mode = .normal
            return openFile(path)
        case .backspace where b.filter.text.isEmpty:
            let up = FileBrowser.parent(of: b.directory)
            mode = .browser(FileBrowser(directory: up))
            return [.listDirectory(path: up)]
        default:
            b.filter.handle(key)
            b.selected = 0
            mode = .browser(b)
        }
        return []
    }

    private var discardDetails: [String] {
        ["\(unsavedSummary) to \(filePath ?? "a new workflow") are dropped",
         "No keeps them (then :w saves, or :w PATH saves elsewhere)"]
    }

    /// Opens `path`, asking first when there are unsaved changes.
    mutating func openFile(_ path: String) -> [Effect] {
        if isDirty {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            mode = .confirm(title: "Open", message: "Discard unsaved changes and open \(name)?", details: discardDetails,
                            purpose: .discardAndOpen(path: path))
            return []
        }
        return [.open(path: path)]
    }

    /// The `:new` template picker.
    mutating func chooseTemplate() {
        let options = WorkflowTemplates.names.map { $0 + " — " + WorkflowTemplates.summary($0) }
        mode = .picker(title: "New workflow from template", options: options, selected: 0, query: TextField(), purpose: .newTemplate)
    }

    /// Starts a new workflow from `template`, asking first when there are unsaved changes.
    mutating func startNew(_ template: String) -> [Effect] {
        guard WorkflowTemplates.document(template) != nil else {
            toast = "\(glyphs.cross) no template '\(template)': use \(WorkflowTemplates.names.joined(separator: ", "))"
            return []
        }
        if isDirty {
            mode = .confirm(title: "New", message: "Discard unsaved changes and start from '\(template)'?", details: discardDetails,
                            purpose: .discardAndNew(template: template))
            return []
        }
        return newFromTemplate(template)
    }

    /// Replaces the workflow with `template`: no file yet (a save asks where), and unsaved.
    mutating func newFromTemplate(_ template: String) -> [Effect] {
        guard let doc = WorkflowTemplates.document(template) else { return [] }
        let dropped = isDirty ? recoveryPath : nil
        var s = AppState(doc: doc, filePath: nil, size: size, glyphs: glyphs)
        s.savedDoc = DesignDocument(root: .null)
        s.toast = "new workflow from '\(template)': C-s asks where to save it"
        self = s
        return removingRecovery(dropped)
    }
}
