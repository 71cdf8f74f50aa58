/// One terminal cell of a ``Canvas``.
///
/// A cell holds one grapheme cluster (possibly with combining marks) and the number of
/// columns it occupies. A wide grapheme (CJK, most emoji) is stored in its first cell with
/// `width == 2`, followed by a *continuation* cell (`width == 0`, empty grapheme) that
/// renderers skip.
public struct Cell: Equatable, Sendable, Hashable {
    /// The grapheme shown in this cell; empty for a continuation cell.
    public var grapheme: String
    /// Display width in columns: 1, 2 (wide lead cell) or 0 (continuation of a wide cell).
    public var width: Int
    /// What the cell means; the theme decides how it looks.
    public var role: StyleRole

    /// Creates a cell.
    public init(_ grapheme: String, width: Int = 1, role: StyleRole = .normal) {
        self.grapheme = grapheme
        self.width = width
        self.role = role
    }

    /// A blank cell with the given role.
    public static func blank(_ role: StyleRole = .normal) -> Cell { Cell(" ", width: 1, role: role) }

    /// The continuation half of a wide grapheme.
    public static func continuation(_ role: StyleRole) -> Cell { Cell("", width: 0, role: role) }

    /// Whether this cell is the right half of a wide grapheme.
    public var isContinuation: Bool { width == 0 }
}
