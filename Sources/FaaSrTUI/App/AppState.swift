import FaaSrCore
import TUIKit

/// Everything the designer shows, as one value. ``reduce(_:_:)`` changes it; views draw it.
public struct AppState: Equatable, Sendable {
    /// The workflow being edited.
    public var doc: DesignDocument
    /// The workflow as last saved (or opened): unsaved changes are the difference.
    public var savedDoc: DesignDocument
    /// The file, if any.
    public var filePath: String?
    /// Live validation results.
    public var problems: [Problem]
    /// Undo/redo history.
    public var history = History()
    /// Focused pane.
    public var focus: Pane = .list
    /// Section shown in the left list.
    public var section: Section = .actions
    /// Selected row per section.
    public var selection: [Section: Int] = [:]
    /// Selected form row.
    public var fieldIndex = 0
    /// Selected problem.
    public var problemIndex = 0
    /// The `/` filter of the left list.
    public var filter = ""
    /// Current modal or input mode.
    public var mode: Mode = .normal
    /// A form field being edited in place: its row target and the text.
    public var inlineEdit: TextField?
    /// A transient message.
    public var toast: String?
    /// Terminal size.
    public var size: Size
    /// Glyphs (Unicode or ASCII).
    public var glyphs: Glyphs = .unicode
    /// The outgoing edge selected in the graph (`]`/`[`); it counts only while its action is
    /// the selected one (see ``selectedEdgeIndex``).
    public var graphEdge: EdgeSelection?
    /// Whether the graph pane shows the lane list instead of the layered drawing.
    public var showLanes = false
    /// Positions in the file as opened (for `line:col` in problems).
    public var sourcePositions = SourcePositions()
    /// The last graph layout (a pure function of ``doc``; see ``GraphLayoutCache``).
    public var layoutCache = GraphLayoutCache()
    /// The last graph index (order, layers, edges per action; a pure function of ``doc``).
    public var indexCache = GraphIndexCache()
    /// A recovery file the user kept for later (`Esc` in the recovery dialog): this session
    /// neither autosaves over it nor removes it.
    public var keptRecovery: String?
    /// Set once a quit was decided.
    public var isQuitting = false
    /// What the 1.x migration on opening left for the user to do, shown among the problems.
    public var migrationTodos: [Problem] = []
    /// The last local run (`:run`), while it runs and after: the graph colours actions by it.
    public var run: RunState?
    /// The text of the action log the log view shows.
    public var logText = ""
    /// The platform operation in flight (`:register`, `:invoke`, ...), if any.
    public var controlInFlight: ControlStep?
    /// The messages pane (`:messages`): what platform operations said, newest last.
    public var messages: [String] = []
    /// The invocations `:invoke` started in this session, newest first (`:monitor` lists them).
    public var startedInvocations: [RecentInvocation] = []

    /// A designer state for `doc`, saved at `filePath`.
    public init(doc: DesignDocument, filePath: String?, size: Size = Size(width: 100, height: 30), glyphs: Glyphs = .unicode) {
        self.doc = doc
        self.savedDoc = doc
        self.filePath = filePath
        self.size = size
        self.glyphs = glyphs
        self.problems = WorkflowCheck.problems(in: doc)
        // Very large workflows start in the lane list (`o` switches); the layered drawing of
        // 315 actions lays out in ~20 ms and repaints only its viewport, so it is the default
        // well past the largest corpus workflow (105 actions).
        self.showLanes = doc.actionNames.count > AppState.laneThreshold
    }

    /// Workflows with more actions than this open in the lane list.
    public static let laneThreshold = 400

    /// Whether there are unsaved changes.
    public var isDirty: Bool { doc.root != savedDoc.root }

    /// The names listed in `section` (after the filter), or the settings rows' labels.
    public func names(in section: Section) -> [String] {
        let all: [String]
        switch section {
        case .actions: all = graphIndex.names
        case .servers: all = doc.serverNames
        case .stores: all = doc.storeNames
        case .settings: return SettingsForm.labels
        }
        return filter.isEmpty || focus != .list || section != self.section ? all : all.filter { FuzzyMatch.score(filter, $0) != nil }
    }

    /// The selected name in the current section.
    public var selectedName: String? {
        let n = names(in: section)
        guard !n.isEmpty else { return nil }
        return n[min(max(0, selection[section] ?? 0), n.count - 1)]
    }

    /// The selected action (the one the graph highlights).
    public var selectedAction: String? {
        let n = graphIndex.names
        guard !n.isEmpty else { return nil }
        if section == .actions, let s = selectedName { return s }
        return n[min(max(0, selection[.actions] ?? 0), n.count - 1)]
    }

    /// The index (in `doc.edges(of:)`) of the graph's selected edge, when it is an edge of the
    /// selected action.
    public var selectedEdgeIndex: Int? {
        guard let e = graphEdge, e.from == selectedAction else { return nil }
        return e.index(in: doc)
    }

    /// The graph index of the current document (cached).
    public var graphIndex: GraphIndex { indexCache.index(for: doc) }

    /// Selects `name` in `section`.
    public mutating func select(_ name: String, in section: Section) {
        if let i = names(in: section).firstIndex(of: name) { selection[section] = i }
    }

    /// Where the recovery (autosave) file for the current file lives.
    public var recoveryPath: String? { filePath.map(AppState.recoveryPath(for:)) }

    /// `dir/.name.faasr-recovery` for `path`.
    public static func recoveryPath(for path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let name = parts.last.map(String.init) ?? path
        let dir = parts.dropLast().joined(separator: "/")
        return (dir.isEmpty ? "" : dir + "/") + "." + name + ".faasr-recovery"
    }
}

/// Undo/redo: whole-document snapshots, one per logical edit.
public struct History: Equatable, Sendable {
    /// A snapshot with what the edit was.
    public struct Entry: Equatable, Sendable {
        public var doc: DesignDocument
        public var label: String
    }
    /// Older states, newest last.
    public var past: [Entry] = []
    /// Undone states, newest last.
    public var future: [Entry] = []
    /// At most this many steps are kept.
    public var limit = 500
}
