/// What a cell means, not how it looks: a theme maps each role to colours and attributes.
///
/// Views and the layout renderer only ever say *what* they draw (a border, an error, the
/// selection); the backend and the theme decide the colours. This keeps screen goldens stable
/// across themes and makes monochrome and `NO_COLOR` output a matter of configuration.
public enum StyleRole: String, CaseIterable, Sendable, Hashable, Codable {
    /// Ordinary text.
    case normal
    /// De-emphasised text: placeholders, secondary details.
    case dim
    /// Pane and dialog titles.
    case title
    /// Borders of unfocused panes and boxes.
    case border
    /// The border of the focused pane or dialog.
    case focusBorder
    /// The selected row or node (usually reverse video).
    case selected
    /// A workflow action node in the DAG.
    case node
    /// The entry (first) action node in the DAG.
    case entryNode
    /// A plain DAG edge.
    case edge
    /// A conditional edge taken when the action returns `True`.
    case trueEdge
    /// A conditional edge taken when the action returns `False`.
    case falseEdge
    /// A rank (fan-out) badge such as `×3`.
    case rankBadge
    /// Errors: invalid nodes, edges, fields and problem rows.
    case error
    /// Warnings.
    case warning
    /// Success: `✓ valid`, saved.
    case ok
    /// The status bar.
    case statusBar
    /// Editable text fields and the command line.
    case input
    /// Key names in hints and the help overlay.
    case key
    /// Accents: the mode indicator, headings inside forms.
    case accent
    /// Transient notifications.
    case toast
}
