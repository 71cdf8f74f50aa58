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
        // Focused, the selected problem is shown in full below the list: message, place and
        // hint wrapped to the pane's width, nothing cut off (up to half the pane, then the list
        // gives way to it).
        var detail: [(String, StyleRole)] = []
        if s.focus == .problems, let p = s.problems[safe: s.problemIndex] {
            let at = s.sourcePositions.location(of: p.pointer).map { "\($0) " } ?? ""
            let role: StyleRole = p.severity == .error ? .error : .warning
            detail += DisplayWidth.wrap(p.message, to: inner.width).map { ($0, role) }
            // The place is one token (`6:70 /ComputeServers/GH/UserName`): broken by columns.
            var place = at + (p.pointer.description.isEmpty ? "/" : p.pointer.description)
            while !place.isEmpty {
                let head = DisplayWidth.prefix(place, fitting: max(1, inner.width))
                detail.append((head, .dim))
                place = String(place.dropFirst(max(1, head.count)))
            }
            if let fix = s.selectedQuickFix {
                detail += DisplayWidth.wrap("f fixes: " + fix.title, to: inner.width).map { ($0, .accent) }
            } else if let h = p.hint {
                detail += DisplayWidth.wrap("hint: " + h, to: inner.width).map { ($0, .normal) }
            }
            detail = Array(detail.prefix(max(1, inner.height - 2)))
        }
        let listH = max(1, inner.height - detail.count - (detail.isEmpty ? 0 : 1))
        ListView.draw(count: s.problems.count, row: row, selected: s.problemIndex, focused: s.focus == .problems, into: &c,
                      at: Rect(x: inner.x, y: inner.y, width: inner.width, height: listH))
        for (i, line) in detail.enumerated() {
            c.put(line.0, x: inner.x, y: inner.maxY - detail.count + i, role: line.1, maxWidth: inner.width)
        }
    }
}
