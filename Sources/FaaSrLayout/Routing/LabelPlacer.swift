import TUIKit

/// Places edge labels (`True`, `False`) in bands at the bottom of a channel, beside the
/// vertical line entering the labelled edge's target, where no other line runs.
///
/// Drawing top to bottom, a band is one row and a label lies beside the line (`│ True`);
/// left to right, a band is as wide as its longest label and a label lies on the row just
/// above or below the line. A label that fits in no existing band opens a new one.
struct LabelPlacer {
    /// A placed label, in (order axis, band) terms.
    struct Placed {
        var edge: Int
        var text: String
        var channel: Int
        var band: Int
        var order: Int
    }

    let orientation: LayoutOrientation
    /// Order-axis positions of the lines crossing each channel's label bands.
    private var terminals: [Set<Int>]
    /// Occupied order-axis intervals per channel and band.
    private var taken: [[[ClosedRange<Int>]]]
    /// Along-layer size of each band.
    private var bandSizes: [[Int]]
    /// Labels placed so far.
    private(set) var placed: [Placed] = []
    /// Labels that found no room (0 in a good layout).
    private(set) var unplaced: [Int] = []

    init(channelCount: Int, orientation: LayoutOrientation, channelSegments: [[ChannelRouter.Segment]]) {
        self.orientation = orientation
        terminals = channelSegments.map { Set($0.map(\.targetColumn)) }
        taken = Array(repeating: [], count: channelCount)
        bandSizes = Array(repeating: [], count: channelCount)
    }

    /// Cells the channel's label bands take along the layer axis.
    func thickness(of channel: Int) -> Int { bandSizes[channel].reduce(0, +) }

    /// Offset of a band from the first band of its channel.
    func bandOffset(channel: Int, band: Int) -> Int {
        bandSizes[channel].prefix(band).reduce(0, +) + (orientation == .topToBottom ? 0 : 1)
    }

    mutating func place(edge: Int, text: String, channel: Int, column: Int) {
        // Same label on the same line already placed (e.g. duplicate edges): nothing to add.
        if placed.contains(where: { $0.channel == channel && $0.text == text && nearby($0, column, text) }) { return }
        let width = DisplayWidth.of(text)
        let candidates: [ClosedRange<Int>]
        if orientation == .topToBottom {
            candidates = [(column + 2)...(column + 1 + width), (column - 1 - width)...(column - 2)]
        } else {
            candidates = [(column - 1)...(column - 1), (column + 1)...(column + 1)]
        }
        let along = orientation == .topToBottom ? 1 : width + 2
        for band in 0...bandSizes[channel].count {
            for range in candidates where fits(range, channel: channel, band: band) {
                if band == bandSizes[channel].count {
                    bandSizes[channel].append(along)
                    taken[channel].append([])
                } else {
                    bandSizes[channel][band] = max(bandSizes[channel][band], along)
                }
                taken[channel][band].append(range)
                placed.append(Placed(edge: edge, text: text, channel: channel, band: band, order: range.lowerBound))
                return
            }
        }
        unplaced.append(edge)
    }

    private func nearby(_ p: Placed, _ column: Int, _ text: String) -> Bool {
        let w = DisplayWidth.of(text)
        return orientation == .topToBottom ? (p.order == column + 2 || p.order == column - 1 - w) : abs(p.order - column) == 1
    }

    private func fits(_ range: ClosedRange<Int>, channel: Int, band: Int) -> Bool {
        let margin = orientation == .topToBottom ? 1 : 0
        let guarded = (range.lowerBound - margin)...(range.upperBound + margin)
        if terminals[channel].contains(where: { guarded.contains($0) }) { return false }
        if band < taken[channel].count {
            if taken[channel][band].contains(where: { $0.overlaps(guarded) }) { return false }
        }
        return true
    }
}
