import TUIKit

/// Options of the layered layout.
public struct DAGLayoutOptions: Sendable, Equatable {
    /// Direction of the layers.
    public var orientation: LayoutOrientation
    /// Down/up sweep pairs of crossing minimisation per heuristic.
    public var orderingPasses: Int

    /// Creates options; the defaults draw top to bottom.
    public init(orientation: LayoutOrientation = .topToBottom, orderingPasses: Int = 8) {
        self.orientation = orientation
        self.orderingPasses = orderingPasses
    }
}

/// The layered (Sugiyama) layout: a pure, deterministic function from a ``LayoutGraph`` to a
/// ``DAGDrawing``.
///
/// ```swift
/// let drawing = DAGLayout.draw(graph, options: .init(orientation: .leftToRight))
/// let text = DAGPainter(glyphs: .unicode).paint(drawing).plainText()
/// ```
public enum DAGLayout {
    /// Lays out `graph`: break cycles, layer, add dummies, order, place, route, label.
    public static func draw(_ graph: LayoutGraph, options: DAGLayoutOptions = .init()) -> DAGDrawing {
        let o = options.orientation
        let tb = o == .topToBottom
        let layered = LayeredGraph(graph, orderingPasses: options.orderingPasses)
        var selfLoop = Array(repeating: false, count: graph.nodes.count)
        for (i, e) in graph.edges.enumerated() where layered.isSelfLoop[i] { selfLoop[e.source] = true }
        let metrics = graph.nodes.indices.map { NodeMetrics(graph.nodes[$0], hasSelfLoop: selfLoop[$0]) }
        let vertexCount = layered.layer.count
        let n = graph.nodes.count
        let extent = (0..<vertexCount).map { $0 < n ? metrics[$0].orderExtent(o) : 1 }
        let portOffset = (0..<vertexCount).map { $0 < n ? metrics[$0].portOffset(o) : 0 }
        let placement = CoordinateAssignment(
            extent: extent, portOffset: portOffset,
            gap: { a, b in a < n && b < n ? (tb ? 2 : 1) : 1 })
        let start = placement.positions(for: layered)
        let port = (0..<vertexCount).map { start[$0] + portOffset[$0] }
        // Pairs (upper, lower) whose every edge is a back edge attach beside the main ports.
        var backPairs = Set<LayeredGraph.Pair>()
        var forwardPairs = Set<LayeredGraph.Pair>()
        for (i, chain) in layered.chains.enumerated() where chain.count >= 2 {
            let p = LayeredGraph.Pair(upper: chain[0], lower: chain[chain.count - 1])
            if layered.isReversed[i] { backPairs.insert(p) } else { forwardPairs.insert(p) }
        }
        backPairs.subtract(forwardPairs)
        var backUpper = Set<LayeredGraph.Pair>()  // first segments of back chains
        var backLower = Set<LayeredGraph.Pair>()  // last segments of back chains
        for (i, chain) in layered.chains.enumerated() where chain.count >= 2 && layered.isReversed[i] {
            guard backPairs.contains(.init(upper: chain[0], lower: chain[chain.count - 1])) else { continue }
            backUpper.insert(.init(upper: chain[0], lower: chain[1]))
            backLower.insert(.init(upper: chain[chain.count - 2], lower: chain[chain.count - 1]))
        }
        var exitShift: [Int: Int] = [:]
        func sourceColumn(_ u: Int, _ v: Int) -> Int {
            backUpper.contains(.init(upper: u, lower: v)) ? port[u] + metrics[u].backPortShift(o) : port[u] + (exitShift[u] ?? 0)
        }
        let backUpperVertices = Set(backUpper.map(\.upper))
        let backLowerVertices = Set(backLower.map(\.lower))
        /// A column of `v`'s border near its port that `taken` does not hold, as a shift.
        func freeShift(_ v: Int, avoiding taken: Set<Int>, hasBack: Bool) -> Int? {
            let first = start[v] + metrics[v].leadingOrder(o) + 1
            let last = start[v] + metrics[v].leadingOrder(o) + (tb ? metrics[v].frameWidth : metrics[v].frameHeight) - 2
            let back = port[v] + metrics[v].backPortShift(o)
            for k in [1, -1, 2, -2, 3, -3, 4, -4] {
                let c = port[v] + k
                if c >= first && c <= last && !(hasBack && c == back) && !taken.contains(c) { return k }
            }
            return nil
        }
        // Entry columns moved off the main port where a channel's track rules conflict.
        var entryShift: [Int: Int] = [:]
        func targetColumn(_ u: Int, _ v: Int) -> Int {
            backLower.contains(.init(upper: u, lower: v)) ? port[v] + metrics[v].backPortShift(o) : port[v] + (entryShift[v] ?? 0)
        }

        // Route every channel and place its labels (along the order axis).
        let layerCount = layered.layers.count
        var routes: [ChannelRouter.Result] = []
        var channelSegments: [[ChannelRouter.Segment]] = []
        var segmentIndex: [LayeredGraph.Pair: (channel: Int, index: Int)] = [:]
        for l in 0..<max(0, layerCount - 1) {
            func segmentsOfChannel() -> [ChannelRouter.Segment] {
                var segments: [ChannelRouter.Segment] = []
                for u in layered.layers[l] {
                    for v in layered.successors[u] {
                        segmentIndex[.init(upper: u, lower: v)] = (l, segments.count)
                        segments.append(.init(source: u, sourceColumn: sourceColumn(u, v), target: v, targetColumn: targetColumn(u, v)))
                    }
                }
                return segments
            }
            var segments = segmentsOfChannel()
            var route = ChannelRouter.route(segments)
            if route.conflicts > 0 {
                // The track rules form a cycle: move the entry of every real target that sits
                // under a source it is not simply joined to, to a column of its border no
                // source uses, and route again.
                let uppers = Set(segments.map(\.sourceColumn))
                let lowers = Set(segments.map(\.targetColumn))
                for v in Set(segments.map(\.target)).sorted() {
                    let into = segments.filter { $0.target == v && $0.targetColumn == port[v] }
                    guard uppers.contains(port[v]), !into.isEmpty else { continue }
                    let above = segments.filter { $0.sourceColumn == port[v] }
                    if into.count == 1 && into[0].sourceColumn == port[v] && above.count == 1 { continue }
                    if v < n, let k = freeShift(v, avoiding: uppers, hasBack: backLowerVertices.contains(v)) {
                        entryShift[v] = k
                    } else if let u = above.first?.source, u < n,
                              let k = freeShift(u, avoiding: lowers, hasBack: backUpperVertices.contains(u)) {
                        exitShift[u] = k
                    }
                }
                segments = segmentsOfChannel()
                route = ChannelRouter.route(segments)
            }
            channelSegments.append(segments)
            routes.append(route)
        }
        var labeller = LabelPlacer(channelCount: routes.count, orientation: o, channelSegments: channelSegments)
        for (i, e) in graph.edges.enumerated() {
            guard let text = e.label, layered.chains[i].count >= 2 else { continue }
            let chain = layered.chains[i]
            let last = LayeredGraph.Pair(upper: chain[chain.count - 2], lower: chain[chain.count - 1])
            guard let (channel, _) = segmentIndex[last] else { continue }
            labeller.place(edge: i, text: text, channel: channel, column: targetColumn(last.upper, last.lower))
        }

        // Positions along the layer axis.
        var thickness = Array(repeating: 1, count: layerCount)
        for (l, vertices) in layered.layers.enumerated() {
            thickness[l] = max(1, vertices.filter { $0 < n }.map { metrics[$0].layerExtent(o) }.max() ?? 1)
        }
        let lead = tb ? 0 : 1
        var bandStart = Array(repeating: 0, count: layerCount)
        var channelStart = Array(repeating: 0, count: max(0, layerCount - 1))
        var cursor = 0
        for l in 0..<layerCount {
            bandStart[l] = cursor
            cursor += thickness[l]
            if l < layerCount - 1 {
                channelStart[l] = cursor
                cursor += lead + routes[l].trackCount + labeller.thickness(of: l) + lead
            }
        }
        func topAttach(_ v: Int) -> Int { bandStart[layered.layer[v]] }
        func bottomAttach(_ v: Int) -> Int {
            v < n ? bandStart[layered.layer[v]] + metrics[v].layerExtent(o) - 1
                : bandStart[layered.layer[v]] + thickness[layered.layer[v]] - 1
        }
        // Work in (order, layer) space, then map to (x, y).
        func cell(_ order: Int, _ layerAxis: Int) -> CellPoint {
            tb ? CellPoint(x: order, y: layerAxis) : CellPoint(x: layerAxis, y: order)
        }
        var edges: [EdgeRoute] = []
        for (i, chain) in layered.chains.enumerated() {
            if layered.isSelfLoop[i] {
                edges.append(EdgeRoute(points: [], isBackEdge: true, isSelfLoop: true))
                continue
            }
            var points: [CellPoint] = []
            for k in 0..<(chain.count - 1) {
                let u = chain[k], v = chain[k + 1]
                let (channel, index) = segmentIndex[.init(upper: u, lower: v)]!
                let from = sourceColumn(u, v), to = targetColumn(u, v)
                points.append(cell(from, bottomAttach(u)))
                if let t = routes[channel].track[index] {
                    let row = channelStart[channel] + lead + t
                    points.append(cell(from, row))
                    points.append(cell(to, row))
                }
                points.append(cell(to, topAttach(v)))
            }
            if layered.isReversed[i] { points.reverse() }
            edges.append(EdgeRoute(points: DAGLayout.simplified(points), isBackEdge: layered.isReversed[i], isSelfLoop: false))
        }
        var boxes: [NodeBox] = (0..<n).map { v in
            let m = metrics[v]
            let origin = cell(start[v] + m.leadingOrder(o), bandStart[layered.layer[v]])
            let frame = Rect(x: origin.x, y: origin.y, width: m.frameWidth, height: m.frameHeight)
            var ext = frame
            if m.hasSelfLoop { if tb { ext.x -= 1; ext.width += 1 } else { ext.y -= 1; ext.height += 1 } }
            if m.isStacked { if tb { ext.width += 1 } else { ext.height += 1 } }
            return NodeBox(frame: frame, extent: ext, lines: m.lines, isStacked: m.isStacked, hasSelfLoop: m.hasSelfLoop)
        }
        for (i, e) in graph.edges.enumerated() where layered.isSelfLoop[i] {
            let f = boxes[e.source].frame
            edges[i].points = tb
                ? [.init(x: f.x, y: f.y + 1), .init(x: f.x - 1, y: f.y + 1), .init(x: f.x - 1, y: f.y + 2), .init(x: f.x, y: f.y + 2)]
                : [.init(x: f.x + 1, y: f.y), .init(x: f.x + 1, y: f.y - 1), .init(x: f.x + 2, y: f.y - 1), .init(x: f.x + 2, y: f.y)]
        }
        var labels = labeller.placed.map { p in
            let along = channelStart[p.channel] + lead + routes[p.channel].trackCount + labeller.bandOffset(channel: p.channel, band: p.band)
            return EdgeLabel(edge: p.edge, text: p.text, origin: cell(p.order, along))
        }
        // Shift everything to start at (0, 0).
        var minX = 0, minY = 0, maxX = 0, maxY = 0
        func include(_ p: CellPoint) {
            minX = min(minX, p.x); minY = min(minY, p.y); maxX = max(maxX, p.x); maxY = max(maxY, p.y)
        }
        for b in boxes {
            include(.init(x: b.extent.x, y: b.extent.y))
            include(.init(x: b.extent.x + b.extent.width - 1, y: b.extent.y + b.extent.height - 1))
        }
        for e in edges { e.points.forEach(include) }
        for l in labels {
            include(l.origin)
            include(.init(x: l.origin.x + DisplayWidth.of(l.text) - 1, y: l.origin.y))
        }
        if minX != 0 || minY != 0 {
            for i in boxes.indices {
                boxes[i].frame.x -= minX; boxes[i].frame.y -= minY
                boxes[i].extent.x -= minX; boxes[i].extent.y -= minY
            }
            for i in edges.indices { edges[i].points = edges[i].points.map { .init(x: $0.x - minX, y: $0.y - minY) } }
            for i in labels.indices { labels[i].origin = .init(x: labels[i].origin.x - minX, y: labels[i].origin.y - minY) }
        }
        return DAGDrawing(
            width: n == 0 ? 0 : maxX - minX + 1, height: n == 0 ? 0 : maxY - minY + 1, orientation: o,
            boxes: boxes, edges: edges, labels: labels,
            crossings: CrossingCount.total(layers: layered.layers, successors: layered.successors),
            layers: Array(layered.layer.prefix(n)))
    }

    /// Drops repeated points and the middle of three collinear points.
    static func simplified(_ points: [CellPoint]) -> [CellPoint] {
        var result: [CellPoint] = []
        for p in points {
            if result.last == p { continue }
            if result.count >= 2 {
                let a = result[result.count - 2], b = result[result.count - 1]
                if (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y) { result[result.count - 1] = p; continue }
            }
            result.append(p)
        }
        return result
    }
}
