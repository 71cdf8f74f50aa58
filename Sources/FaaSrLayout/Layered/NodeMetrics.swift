import TUIKit

/// Sizes of the boxes: the decorated text lines and the cells each box takes.
struct NodeMetrics {
    /// Decorated lines (title with markers, then details).
    var lines: [String]
    /// Width of the box frame (text + 2 padding + 2 border).
    var frameWidth: Int
    /// Height of the box frame (lines + 2 border).
    var frameHeight: Int
    /// Whether a stacked shadow is drawn (rank above 1).
    var isStacked: Bool
    /// Whether a self-loop is drawn.
    var hasSelfLoop: Bool

    init(_ node: LayoutNode, hasSelfLoop: Bool) {
        var title = node.title
        if node.isPlaceholder { title = "? " + title }
        if node.hasError || hasSelfLoop { title = "! " + title }
        if node.isEntry { title = "▶ " + title }
        if node.rank > 1 { title += " ×\(node.rank)" }
        lines = [title] + node.details.filter { !$0.isEmpty }
        // A self-loop needs two side rows to turn around in.
        if hasSelfLoop && lines.count < 2 { lines.append("↻") }
        frameWidth = (lines.map { DisplayWidth.of($0) }.max() ?? 0) + 4
        frameHeight = lines.count + 2
        isStacked = node.rank > 1
        self.hasSelfLoop = hasSelfLoop
    }

    /// Cells along the order axis before the frame (room for the self-loop).
    func leadingOrder(_ o: LayoutOrientation) -> Int { hasSelfLoop ? 1 : 0 }

    /// Extent along the order axis: frame, plus shadow and loop room.
    func orderExtent(_ o: LayoutOrientation) -> Int {
        (o == .topToBottom ? frameWidth : frameHeight) + (isStacked ? 1 : 0) + leadingOrder(o)
    }

    /// Extent along the layer axis (the frame only).
    func layerExtent(_ o: LayoutOrientation) -> Int {
        o == .topToBottom ? frameHeight : frameWidth
    }

    /// Offset of the port of back edges (cycles) from the main port, so a back edge never
    /// shares a line with the node's ordinary edges; 0 when the box has no room.
    func backPortShift(_ o: LayoutOrientation) -> Int {
        o == .topToBottom ? 2 : (frameHeight >= 4 ? 1 : 0)
    }

    /// Offset of the port (where edges attach) from the start of the order extent.
    func portOffset(_ o: LayoutOrientation) -> Int {
        leadingOrder(o) + (o == .topToBottom ? (frameWidth - 1) / 2 : (frameHeight - 1) / 2)
    }
}
