import FaaSrCore
import TUIKit

/// The `:` command palette: its names come from ``DesignerKeymap/keymap``.
extension AppState {
    /// Palette suggestions for the typed text, best first; with an argument typed
    /// (`w out.json`), the entries named by the first word.
    public static func paletteSuggestions(_ text: String) -> [DesignerKeymap.PaletteEntry] {
        let entries = DesignerKeymap.paletteEntries
        if let e = entries.first(where: { $0.argument != nil && text.hasPrefix($0.name + " ") }) { return [e] }
        let ranked = FuzzyMatch.rank(text, entries.map(\.name))
        return ranked.compactMap { n in entries.first { $0.name == n } }
    }

    mutating func handlePaletteKey(_ key: Key, _ field: TextField, _ sel: Int) -> [Effect] {
        var field = field
        let count = AppState.paletteSuggestions(field.text).count
        switch key {
        case .escape: mode = .normal
        case .enter:
            mode = .normal
            let text = field.text.trimmingCharacters(in: " ")
            guard let command = DesignerKeymap.paletteCommand(text) ?? AppState.paletteSuggestions(text)[safe: sel]?.command else {
                toast = "unknown command: \(text) (? lists them)"
                return []
            }
            return run(command)
        case .up, .ctrl("p"): mode = .palette(field, selected: max(0, sel - 1))
        case .down, .ctrl("n"), .tab: mode = .palette(field, selected: min(max(0, count - 1), sel + 1))
        case .pageUp: mode = .palette(field, selected: max(0, sel - 8))
        case .pageDown: mode = .palette(field, selected: min(max(0, count - 1), sel + 8))
        default:
            if key == .backspace && field.text.isEmpty { mode = .normal; return [] }
            field.handle(key)
            mode = .palette(field, selected: 0)
        }
        return []
    }
}
