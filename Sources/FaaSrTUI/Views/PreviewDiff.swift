/// A line diff of the saved file and the pending save (longest common subsequence), for
/// the preview overlay.
public enum PreviewDiff {
    /// Lines prefixed with `+ `, `- ` or two spaces.
    public static func lines(saved: String, pending: String) -> [String] {
        let a = saved.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = pending.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if a.count * b.count > 4_000_000 { return b.map { "  " + $0 } }
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] { out.append("  " + a[i]); i += 1; j += 1 }
            else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] { out.append("+ " + b[j]); j += 1 }
            else { out.append("- " + a[i]); i += 1 }
        }
        return out
    }
}
