import FaaSrCore
import TUIKit

/// The `:` command palette.
extension AppState {
    /// Palette suggestions for the typed text.
    public static func paletteSuggestions(_ text: String) -> [(String, Command, String)] {
        let head = text.split(separator: " ").first.map(String.init) ?? ""
        let names = DesignerKeymap.paletteCommands.map(\.0)
        let ranked = FuzzyMatch.rank(text.contains(" ") && names.contains(head) ? head : text, names)
        return ranked.compactMap { n in DesignerKeymap.paletteCommands.first { $0.0 == n } }
    }

    mutating func handlePaletteKey(_ key: Key, _ field: TextField, _ sel: Int) -> [Effect] {
        var field = field
        switch key {
        case .escape: mode = .normal
        case .enter:
            mode = .normal
            let text = field.text.trimmingCharacters(in: " ")
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.first == "w" || parts.first == "saveas", parts.count == 2 {
                return [.save(path: parts[1], text: doc.text)]
            }
            if parts.first == "wq" {
                isQuitting = true
                return filePath.map { [.save(path: $0, text: doc.text)] } ?? run(.saveAs)
            }
            if parts.first == "e" || parts.first == "open", parts.count == 2 {
                return openFile(parts[1])
            }
            if parts.first == "new", parts.count == 2 {
                return startNew(parts[1])
            }
            if parts.first == "theme" { toast = "themes are chosen at start: faasr-tui --theme NAME"; return [] }
            let exact = DesignerKeymap.paletteCommands.first { $0.0 == text }
            let list = AppState.paletteSuggestions(text)
            guard let pick = exact ?? list[safe: sel] else { toast = "unknown command: \(text)"; return [] }
            return run(pick.1)
        case .up, .ctrl("p"): mode = .palette(field, selected: max(0, sel - 1))
        case .down, .ctrl("n"), .tab: mode = .palette(field, selected: sel + 1 < AppState.paletteSuggestions(field.text).count ? sel + 1 : sel)
        default:
            if key == .backspace && field.text.isEmpty { mode = .normal; return [] }
            field.handle(key)
            mode = .palette(field, selected: 0)
        }
        return []
    }
}
