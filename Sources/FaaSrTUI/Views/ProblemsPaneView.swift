import TUIKit

/// The problems list.
enum ProblemsPaneView {
    static func draw(_ s: AppState, into c: inout Canvas, at r: Rect) {
        let errors = s.problems.filter { $0.severity == .error }.count
        let inner = PaneFrame.draw("Problems \(errors)/\(s.problems.count)", number: "6", focused: s.focus == .problems, s: s, into: &c, at: r)
        guard !s.problems.isEmpty else {
            c.put("\(s.glyphs.check) valid", x: inner.x + 1, y: inner.y, role: .ok)
            return
        }
        let row = { (i: Int) -> ListView.Row in
            let p = s.problems[i]
            return ListView.Row((p.severity == .error ? s.glyphs.cross : s.glyphs.warning) + " " + p.message,
                                role: p.severity == .error ? .error : .warning)
        }
        let listH = max(1, inner.height - 2)
        ListView.draw(count: s.problems.count, row: row, selected: s.problemIndex, focused: s.focus == .problems, into: &c,
                      at: Rect(x: inner.x, y: inner.y, width: inner.width, height: listH))
        if s.focus == .problems, let p = s.problems[safe: s.problemIndex] {
            let at = s.sourcePositions.location(of: p.pointer).map { "\($0) " } ?? ""
            c.put(at + (p.pointer.description.isEmpty ? "/" : p.pointer.description), x: inner.x, y: inner.maxY - 2, role: .dim, maxWidth: inner.width)
            if let fix = s.selectedQuickFix {
                c.put("f fixes: " + fix.title, x: inner.x, y: inner.maxY - 1, role: .accent, maxWidth: inner.width)
            } else if let h = p.hint {
                c.put("hint: " + h, x: inner.x, y: inner.maxY - 1, role: .dim, maxWidth: inner.width)
            }
        }
    }
}
