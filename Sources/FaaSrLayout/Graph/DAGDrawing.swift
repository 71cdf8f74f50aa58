import TUIKit

/// A cell position on the drawing: `x` is the column, `y` the row, both from 0.
public struct CellPoint: Sendable, Equatable, Hashable, Codable {
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int
    /// Creates a point.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

extension Rect {
    /// Whether the cell lies inside the rectangle.
    public func contains(_ p: CellPoint) -> Bool { contains(x: p.x, y: p.y) }
}

/// Direction of the layers.
public enum LayoutOrientation: String, Sendable, Equatable, CaseIterable {
    /// Layers are rows, edges point down (suits long chains).
    case topToBottom = "TB"
    /// Layers are columns, edges point right (uses spare terminal width).
    case leftToRight = "LR"
}

/// The finished geometry of a layered drawing: where every box, edge and label goes.
///
/// It holds no glyphs; ``DAGPainter`` turns it into canvas cells and `DAGJSON` into JSON.
public struct DAGDrawing: Sendable, Equatable {
    /// Width of the drawing in cells.
    public var width: Int
    /// Height of the drawing in cells.
    public var height: Int
    /// Orientation the drawing was made in.
    public var orientation: LayoutOrientation
    /// One entry per input node, same order.
    public var boxes: [NodeBox]
    /// One entry per input edge, same order.
    public var edges: [EdgeRoute]
    /// Edge labels (`True`/`False`) and where they go.
    public var labels: [EdgeLabel]
    /// Total edge crossings of the chosen layer ordering (between adjacent layers).
    public var crossings: Int
    /// Layer of every input node (0 = top or left).
    public var layers: [Int]
}

/// Where one node's box goes.
public struct NodeBox: Sendable, Equatable {
    /// The box border's rectangle, without the stacked shadow or self-loop.
    public var frame: Rect
    /// Everything drawn for the node: frame, stacked shadow and self-loop.
    public var extent: Rect
    /// Lines of text inside the box, top to bottom (already decorated: `▶`, `!`, `×N`).
    public var lines: [String]
    /// Whether the box has a stacked shadow (rank above 1).
    public var isStacked: Bool
    /// Whether the node invokes itself (a small loop is drawn beside it).
    public var hasSelfLoop: Bool
}

/// The path of one edge: a polyline of axis-parallel segments through cell centres.
///
/// The first point is on the source box's border, the last on the target box's border (for a
/// back edge drawn against the flow, too: `points` always run from source to target).
public struct EdgeRoute: Sendable, Equatable {
    /// Corner points from source to target (consecutive points share a row or column).
    public var points: [CellPoint]
    /// Whether the edge was turned around to draw a cycle (drawn in error style).
    public var isBackEdge: Bool
    /// Whether the edge is a self loop (its points run around the box's side).
    public var isSelfLoop: Bool

    /// Every cell the path passes through, in order, each once.
    public var cells: [CellPoint] {
        guard var current = points.first else { return [] }
        var result = [current]
        for p in points.dropFirst() {
            while current != p {
                current.x += (p.x > current.x ? 1 : (p.x < current.x ? -1 : 0))
                current.y += (p.y > current.y ? 1 : (p.y < current.y ? -1 : 0))
                result.append(current)
            }
        }
        return result
    }
}

/// A label written beside an edge.
public struct EdgeLabel: Sendable, Equatable {
    /// Index of the labelled edge.
    public var edge: Int
    /// The text.
    public var text: String
    /// First cell of the text (it runs to the right).
    public var origin: CellPoint
}
