/// Step 5 of the layered layout: horizontal tracks for the edges between two adjacent layers.
///
/// Edges leave the upper layer at their source's port column and enter the lower layer at
/// their target's port column. Edges are grouped into nets drawn as one line tree: all edges of
/// a source whose targets have no other edge here (a fan-out bus), all edges into a target whose
/// sources have no other edge here (a fan-in bus), every other edge alone. Each net with
/// horizontal extent gets a track (a row of the channel) by the left-edge algorithm under two
/// rules that keep the picture unambiguous: nets on one track never touch, and in a column
/// shared by a source above and a target below, the source's nets lie above the target's, so
/// the two vertical lines never overlap.
struct ChannelRouter {
    /// One edge crossing the channel.
    struct Segment {
        /// Upper vertex and its port column.
        var source: Int
        var sourceColumn: Int
        /// Lower vertex and its port column.
        var target: Int
        var targetColumn: Int
    }

    /// The routing: a track per segment (nil when it runs straight down) and the track count.
    struct Result {
        var track: [Int?]
        var trackCount: Int
        /// Nets placed against a vertical rule (a cycle of constraints); 0 in a clean routing.
        var conflicts: Int
    }

    static func route(_ segments: [Segment]) -> Result {
        // Terminals are identified by column: one vertex has one port column per border,
        // except a back edge, which gets a port of its own beside the vertex's main one.
        var outDegree: [Int: Int] = [:]
        var inDegree: [Int: Int] = [:]
        for s in segments {
            outDegree[s.sourceColumn, default: 0] += 1
            inDegree[s.targetColumn, default: 0] += 1
        }
        // Group into nets.
        var netOf = Array(repeating: -1, count: segments.count)
        var nets: [[Int]] = []
        var bySource: [Int: Int] = [:]
        var byTarget: [Int: Int] = [:]
        for (i, s) in segments.enumerated() {
            let fanOut = outDegree[s.sourceColumn]! > 1 && inDegree[s.targetColumn]! == 1
            let fanIn = inDegree[s.targetColumn]! > 1 && outDegree[s.sourceColumn]! == 1
            if fanOut, let n = bySource[s.sourceColumn] {
                netOf[i] = n
            } else if fanIn, let n = byTarget[s.targetColumn] {
                netOf[i] = n
            } else {
                netOf[i] = nets.count
                if fanOut { bySource[s.sourceColumn] = nets.count }
                if fanIn { byTarget[s.targetColumn] = nets.count }
                nets.append([])
            }
            nets[netOf[i]].append(i)
        }
        // Spans, and the upper/lower terminal columns of each net.
        var lo = Array(repeating: Int.max, count: nets.count)
        var hi = Array(repeating: Int.min, count: nets.count)
        var uppers = Array(repeating: Set<Int>(), count: nets.count)
        var lowers = Array(repeating: Set<Int>(), count: nets.count)
        for (n, members) in nets.enumerated() {
            for i in members {
                let s = segments[i]
                lo[n] = min(lo[n], s.sourceColumn, s.targetColumn)
                hi[n] = max(hi[n], s.sourceColumn, s.targetColumn)
                uppers[n].insert(s.sourceColumn)
                lowers[n].insert(s.targetColumn)
            }
        }
        let needsTrack = (0..<nets.count).map { lo[$0] < hi[$0] }
        // Vertical rules: in a column with a terminal above and one below, nets of the upper one
        // (not reaching the lower one) go above nets of the lower one (not coming from the upper).
        var netsOfUpper: [Int: [Int]] = [:]
        var netsOfLower: [Int: [Int]] = [:]
        for n in nets.indices where needsTrack[n] {
            for u in uppers[n].sorted() { netsOfUpper[u, default: []].append(n) }
            for v in lowers[n].sorted() { netsOfLower[v, default: []].append(n) }
        }
        var mustBeAbove = Array(repeating: [Int](), count: nets.count)  // n -> nets below it
        var blockers = Array(repeating: 0, count: nets.count)
        for column in netsOfUpper.keys.sorted() {
            guard let below = netsOfLower[column] else { continue }
            for a in netsOfUpper[column]! where !lowers[a].contains(column) {
                for b in below where !uppers[b].contains(column) && a != b {
                    mustBeAbove[a].append(b)
                    blockers[b] += 1
                }
            }
        }
        // Left-edge packing, one track at a time, honouring the vertical rules.
        var track = Array(repeating: -1, count: nets.count)
        var unplaced = nets.indices.filter { needsTrack[$0] }.sorted { (lo[$0], hi[$0], $0) < (lo[$1], hi[$1], $1) }
        var trackCount = 0
        var conflicts = 0
        while !unplaced.isEmpty {
            var ready = unplaced.filter { blockers[$0] == 0 }
            if ready.isEmpty {
                ready = [unplaced[0]]
                conflicts += 1
            }
            var placedNow: [Int] = []
            var lastEnd = Int.min
            for n in ready where lo[n] > lastEnd {
                track[n] = trackCount
                placedNow.append(n)
                lastEnd = hi[n]
            }
            for n in placedNow { for b in mustBeAbove[n] { blockers[b] -= 1 } }
            let placedSet = Set(placedNow)
            unplaced.removeAll { placedSet.contains($0) }
            trackCount += 1
        }
        return Result(track: segments.indices.map { track[netOf[$0]] < 0 ? nil : track[netOf[$0]] }, trackCount: trackCount, conflicts: conflicts)
    }
}
