import TUIKit

/// The `:preview` overlay: the pending save as a diff, scrolled with the usual keys; only
/// `Esc`, `q` and `Enter` close it.
extension AppState {
    /// The diff the preview shows (credentials masked on both sides).
    var previewLines: [String] {
        PreviewDiff.lines(saved: SecretMask.maskedText(savedDoc), pending: SecretMask.maskedText(doc))
    }

    mutating func handlePreviewKey(_ key: Key, scroll: Int) {
        let page = max(1, size.height - 4)
        let lines = previewLines
        let last = max(0, lines.count - 1)
        let changes = lines.indices.filter { i in !lines[i].hasPrefix("  ") && (i == 0 || lines[i - 1].hasPrefix("  ")) }
        switch key {
        case .escape, .char("q"), .enter: mode = .normal
        case .char("j"), .down: mode = .preview(scroll: min(last, scroll + 1))
        case .char("k"), .up: mode = .preview(scroll: max(0, scroll - 1))
        case .pageDown, .char(" "), .ctrl("d"): mode = .preview(scroll: min(last, scroll + page))
        case .pageUp, .ctrl("u"): mode = .preview(scroll: max(0, scroll - page))
        case .char("g"), .home: mode = .preview(scroll: 0)
        case .char("G"), .end: mode = .preview(scroll: max(0, last - page + 1))
        // n / N: the next / previous block of changes, a little context above it.
        case .char("n"): mode = .preview(scroll: changes.first { $0 - 3 > scroll }.map { max(0, $0 - 3) } ?? scroll)
        case .char("N"): mode = .preview(scroll: changes.last { $0 - 3 < scroll }.map { max(0, $0 - 3) } ?? scroll)
        default: break
        }
    }
}
