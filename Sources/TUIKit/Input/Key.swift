/// A key press, independent of the terminal library.
///
/// Names follow tmux's `send-keys` spelling (`Enter`, `Escape`, `C-s`, `M-x`, `BTab`, `F5`), so
/// reducer journeys and tmux journeys read the same: see ``Key/init(name:)``.
public enum Key: Hashable, Sendable {
    /// A printable character (including space).
    case char(Character)
    /// Control plus a letter, e.g. `.ctrl("s")` for Ctrl-S.
    case ctrl(Character)
    /// Alt (Meta) plus a character.
    case alt(Character)
    /// Return / Enter.
    case enter
    /// Escape.
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace.
    case backspace
    /// Delete (forward).
    case delete
    /// Arrow keys.
    case up, down, left, right
    /// Home, End, Page Up, Page Down.
    case home, end, pageUp, pageDown
    /// A function key F1–F12.
    case function(Int)

    /// The key named as tmux names it: `a`, `Enter`, `Escape`, `Tab`, `BTab`, `BSpace`, `DC`,
    /// `Up`, `Down`, `Left`, `Right`, `Home`, `End`, `PPage`, `NPage`, `F1`…, `C-x`, `M-x`,
    /// `Space`. Returns nil for an unknown name.
    public init?(name: String) {
        switch name {
        case "Enter": self = .enter
        case "Escape": self = .escape
        case "Tab": self = .tab
        case "BTab": self = .backTab
        case "BSpace": self = .backspace
        case "DC": self = .delete
        case "Up": self = .up
        case "Down": self = .down
        case "Left": self = .left
        case "Right": self = .right
        case "Home": self = .home
        case "End": self = .end
        case "PPage", "PageUp": self = .pageUp
        case "NPage", "PageDown": self = .pageDown
        case "Space": self = .char(" ")
        default:
            if name.count == 1, let c = name.first { self = .char(c); return }
            if name.hasPrefix("C-"), name.count == 3, let c = name.last { self = .ctrl(Character(c.lowercased())); return }
            if name.hasPrefix("M-"), name.count == 3, let c = name.last { self = .alt(c); return }
            if name.hasPrefix("F"), let n = Int(name.dropFirst()), (1...24).contains(n) { self = .function(n); return }
            return nil
        }
    }

    /// The key's name for help text and hints (`Enter`, `C-s`, `?`).
    public var name: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "C-\(c)"
        case .alt(let c): return "M-\(c)"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "BSpace"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        }
    }

    /// The key's name in ASCII (arrows as `Up`, `Down`, `Left`, `Right`), for terminals
    /// without UTF-8.
    public var asciiName: String {
        switch self {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        default: return name
        }
    }

    /// Keys for a whole string typed character by character (for tests and paste).
    public static func typing(_ text: String) -> [Key] { text.map { .char($0) } }
}
