/// The input of the layered layout: boxes to draw and the arrows between them.
///
/// It is independent of FaaSr's workflow model so the designer can lay out a graph that is
/// being edited (or broken): edges may form cycles and may point at placeholder nodes.
/// Node and edge order is significant: it is the tie-breaker that keeps layouts stable.
public struct LayoutGraph: Sendable, Equatable {
    /// The nodes, in declaration order.
    public var nodes: [LayoutNode]
    /// The edges, in declaration order. Endpoints are indices into ``nodes``.
    public var edges: [LayoutEdge]

    /// Creates a graph from nodes and edges whose endpoints index `nodes`.
    public init(nodes: [LayoutNode] = [], edges: [LayoutEdge] = []) {
        self.nodes = nodes
        self.edges = edges
    }

    /// The index of the node with this identifier, if any.
    public func index(of id: String) -> Int? { nodes.firstIndex { $0.id == id } }
}

/// One box of the drawing.
public struct LayoutNode: Sendable, Equatable {
    /// Stable identifier (the action name; placeholders use the missing target's name).
    public var id: String
    /// First line of the box, normally the action name.
    public var title: String
    /// Further lines of the box (function name, type, compute server), possibly empty.
    public var details: [String]
    /// Number of parallel instances; values above 1 draw a stacked box and a `×N` badge.
    public var rank: Int
    /// Whether this is the workflow's entry action (drawn with a `▶` marker).
    public var isEntry: Bool
    /// Whether the node stands for a target that does not exist (drawn dashed, in error style).
    public var isPlaceholder: Bool
    /// Whether the node has a problem to show (drawn with `!`, in error style).
    public var hasError: Bool

    /// Creates a node; only `id` is required and the title defaults to it.
    public init(
        id: String, title: String? = nil, details: [String] = [], rank: Int = 1,
        isEntry: Bool = false, isPlaceholder: Bool = false, hasError: Bool = false
    ) {
        self.id = id
        self.title = title ?? id
        self.details = details
        self.rank = rank
        self.isEntry = isEntry
        self.isPlaceholder = isPlaceholder
        self.hasError = hasError
    }
}

/// How an edge is drawn.
public enum LayoutEdgeKind: String, Sendable, Equatable, CaseIterable {
    /// An unconditional invocation.
    case plain
    /// The `True` branch of a conditional invocation.
    case trueBranch = "true"
    /// The `False` branch of a conditional invocation.
    case falseBranch = "false"
    /// An invocation of several parallel instances (`F(3)`).
    case ranked
    /// An invocation of a target that does not exist (it points at a placeholder node).
    case unknownTarget = "unknown-target"
}

/// One arrow of the drawing, from `source` to `target` (indices into ``LayoutGraph/nodes``).
public struct LayoutEdge: Sendable, Equatable {
    /// Index of the invoking node.
    public var source: Int
    /// Index of the invoked node.
    public var target: Int
    /// How the edge is styled and labelled.
    public var kind: LayoutEdgeKind
    /// Rank of a ranked invocation (1 otherwise).
    public var rank: Int
    /// Whether validation found a problem with this edge (drawn in error style).
    public var hasError: Bool

    /// Creates an edge.
    public init(from source: Int, to target: Int, kind: LayoutEdgeKind = .plain, rank: Int = 1, hasError: Bool = false) {
        self.source = source
        self.target = target
        self.kind = kind
        self.rank = rank
        self.hasError = hasError
    }

    /// The text written beside the edge, if any (`True`, `False`).
    public var label: String? {
        switch kind {
        case .trueBranch: "True"
        case .falseBranch: "False"
        default: nil
        }
    }
}
