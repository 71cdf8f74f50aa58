/// The focusable panes of the main screen.
public enum Pane: Int, CaseIterable, Sendable, Hashable {
    /// The left list (actions, servers, stores or settings).
    case list
    /// The workflow graph.
    case dag
    /// The form of the selected item.
    case details
    /// The problems found by validation.
    case problems
}

/// What the left list shows.
public enum Section: Int, CaseIterable, Sendable, Hashable {
    case actions, servers, stores, settings

    /// Title shown on the tab.
    public var title: String {
        switch self {
        case .actions: "Actions"
        case .servers: "Servers"
        case .stores: "Stores"
        case .settings: "Settings"
        }
    }
}
