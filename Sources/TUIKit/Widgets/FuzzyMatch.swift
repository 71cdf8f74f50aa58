/// Fuzzy matching for the command palette and filters: every query character must appear in
/// order; contiguous runs and word starts score higher.
public enum FuzzyMatch {
    /// A score (higher is better), or nil when `query` does not match `candidate`.
    /// Case-insensitive; an empty query matches everything with score 0.
    public static func score(_ query: String, _ candidate: String) -> Int? {
        let q = Array(query.lowercased()), c = Array(candidate.lowercased())
        if q.isEmpty { return 0 }
        var score = 0, qi = 0, last = -2
        for (ci, ch) in c.enumerated() where qi < q.count && ch == q[qi] {
            score += 1
            if ci == last + 1 { score += 3 }
            if ci == 0 || c[ci - 1] == " " || c[ci - 1] == "_" || c[ci - 1] == "-" { score += 2 }
            last = ci
            qi += 1
        }
        guard qi == q.count else { return nil }
        return score * 100 - c.count
    }

    /// The candidates that match `query`, best first (stable for equal scores).
    public static func rank(_ query: String, _ candidates: [String]) -> [String] {
        candidates.enumerated()
            .compactMap { i, c in score(query, c).map { (i, c, $0) } }
            .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
            .map(\.1)
    }
}
