/// A line diff of the saved file and the pending save, for the preview overlay.
///
/// Myers' O((N+M)·D) algorithm after trimming the common head and tail, so a migrated
/// 2,000-line file diffs in milliseconds and never falls back to showing no markers (an LCS
/// table, as before, was quadratic in memory and gave up past 4 million cells).
public enum PreviewDiff {
    /// Lines prefixed with `+ `, `- ` or two spaces.
    public static func lines(saved: String, pending: String) -> [String] {
        let a = saved.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = pending.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        var out = a[..<head].map { "  " + $0 }
        out += middle(Array(a[head..<(a.count - tail)]), Array(b[head..<(b.count - tail)]))
        out += a[(a.count - tail)...].map { "  " + $0 }
        return out
    }

    /// The shortest edit script of `a` into `b`, as prefixed lines (deletions before
    /// insertions where both are possible).
    static func middle(_ a: [String], _ b: [String]) -> [String] {
        let n = a.count, m = b.count
        if n == 0 { return b.map { "+ " + $0 } }
        if m == 0 { return a.map { "- " + $0 } }
        let maxD = n + m, offset = maxD
        var v = Array(repeating: 0, count: 2 * maxD + 2)
        // trace[d] holds the furthest x on diagonals -d...d before step d (index k + d).
        var trace: [[Int]] = []
        search: for d in 0...maxD {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { break search }
            }
        }
        // Walk the trace back from (n, m), collecting the script in reverse.
        var out: [String] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 1, by: -1) {
            let vd = trace[d]
            let k = x - y
            let down = k == -d || (k != d && vd[k - 1 + d] < vd[k + 1 + d])
            let prevK = down ? k + 1 : k - 1
            let prevX = vd[prevK + d], prevY = prevX - prevK
            while x > prevX, y > prevY { x -= 1; y -= 1; out.append("  " + a[x]) }
            if down { y -= 1; out.append("+ " + b[y]) } else { x -= 1; out.append("- " + a[x]) }
        }
        while x > 0, y > 0 { x -= 1; y -= 1; out.append("  " + a[x]) }
        return out.reversed()
    }
}
