@preconcurrency import CNCursesW
import Glibc
import TUIKit

/// The real terminal, through ncursesw. The only importer of `CNCursesW`.
///
/// Opening sets the locale, installs signal handlers that restore the terminal, opens the
/// screen with `newterm` (so an unknown `TERM`, or one that cannot move the cursor such as
/// `dumb`, is an error, not an exit or a blind screen), switches to raw mode
/// (Ctrl-C and Ctrl-Z arrive as keys), enables the mouse and sets a 25 ms Escape delay.
/// ncurses is not thread-safe: use one instance from one thread.
public final class NCursesTerminal: Terminal {
    /// Why the terminal could not be opened.
    public struct OpenError: Error, CustomStringConvertible {
        /// Readable text.
        public var description: String
    }

    /// How many colours are used: 256, 16 (or 8), or none.
    public enum ColorMode: Sendable, Equatable { case none, basic, extended }

    private let screen: UnsafeMutablePointer<WINDOW>
    private var closed = false
    /// The colour mode in use.
    public let colorMode: ColorMode
    /// Whether the locale is UTF-8 (when not, callers should draw with ``Glyphs/ascii``).
    public let isUTF8: Bool
    private var attributes: [StyleRole: (attr: attr_t, pair: Int32)] = [:]

    /// Sets the locale and reports whether it is UTF-8, before the terminal is opened.
    public static func prepareLocale() -> Bool {
        setlocale(LC_ALL, "")
        return tui_locale_is_utf8() != 0
    }

    /// Opens the terminal with `theme`; `noColor` (or a terminal without colours) drops colours.
    public init(theme: Theme, noColor: Bool) throws(OpenError) {
        isUTF8 = NCursesTerminal.prepareLocale()
        let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
        // A terminal that cannot move the cursor (TERM=dumb) would open but draw almost
        // nothing: refuse it as clearly as an unknown one.
        if isatty(0) != 0 && isatty(1) != 0 && tui_terminal_can_address() == 0 {
            throw OpenError(description: "terminal type '\(term)' cannot move the cursor, so faasr-tui cannot draw on it: set TERM to a full-screen type such as xterm-256color")
        }
        tui_install_signal_handlers()
        guard let scr = tui_open_terminal() else {
            throw OpenError(description: isatty(0) == 0 || isatty(1) == 0
                ? "faasr-tui needs an interactive terminal (stdin and stdout must be a tty)"
                : "cannot open terminal of type '\(term)': set TERM to a known type such as xterm-256color")
        }
        screen = scr
        raw(); noecho(); nonl()
        keypad(scr, true)
        curs_set(0)
        set_escdelay(25)
        var old: mmask_t = 0
        mousemask(tui_all_mouse_events(), &old)
        mouseinterval(0)
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            colorMode = tui_colors() >= 256 ? .extended : .basic
        } else {
            colorMode = .none
        }
        apply(theme: theme)
    }

    deinit { close() }

    /// Switches to another theme.
    public func apply(theme: Theme) {
        let t = colorMode == .none ? theme.withoutColors : theme
        let colours = Int(tui_colors())
        func number(_ c: TerminalColor) -> Int16 {
            switch c {
            case .default: return -1
            case .index(let i): return i < colours ? Int16(i) : (i < 16 ? Int16(i % 8) : -1)
            }
        }
        for (n, role) in StyleRole.allCases.enumerated() {
            let s = t.style(for: role)
            var a = tui_a_normal()
            if s.bold { a |= tui_a_bold() }
            if s.dim { a |= tui_a_dim() }
            if s.reverse { a |= tui_a_reverse() }
            if s.underline { a |= tui_a_underline() }
            var pair: Int32 = 0
            if colorMode != .none, s.foreground != .default || s.background != .default {
                pair = Int32(n + 1)
                init_pair(Int16(pair), number(s.foreground), number(s.background))
            }
            attributes[role] = (a, pair)
        }
    }

    /// The current size.
    public var size: Size {
        var y: Int32 = 0, x: Int32 = 0
        tui_getmaxyx(screen, &y, &x)
        return Size(width: Int(x), height: Int(y))
    }

    /// Waits up to `timeoutMilliseconds` for a key, mouse event or resize.
    public func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        wtimeout(screen, Int32(timeoutMilliseconds))
        var wch: wint_t = 0
        let r = wget_wch(screen, &wch)
        if r == KEY_CODE_YES {
            let code = Int32(wch)
            switch code {
            case KEY_RESIZE: return .resize(size)
            case KEY_MOUSE:
                var ev = MEVENT()
                guard getmouse(&ev) == OK else { return nil }
                let kind: MouseEvent.Kind
                if ev.bstate & tui_wheel_up() != 0 { kind = .wheelUp }
                else if ev.bstate & tui_wheel_down() != 0 { kind = .wheelDown }
                else if ev.bstate & (tui_button1_pressed() | tui_button1_clicked()) != 0 { kind = .press }
                else { return nil }
                return .mouse(MouseEvent(kind: kind, x: Int(ev.x), y: Int(ev.y)))
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_BTAB: return .key(.backTab)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_ENTER: return .key(.enter)
            default:
                if code > KEY_F0 && code <= KEY_F0 + 24 { return .key(.function(Int(code - KEY_F0))) }
                return nil
            }
        }
        guard r == OK, let scalar = Unicode.Scalar(UInt32(wch)) else { return nil }
        switch wch {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27:
            // Alt-x arrives as ESC followed at once by x.
            wtimeout(screen, 0)
            var next: wint_t = 0
            if wget_wch(screen, &next) == OK, next >= 32, next != 127, let s = Unicode.Scalar(UInt32(next)) {
                return .key(.alt(Character(s)))
            }
            return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 0: return .key(.ctrl(" "))
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(96 + wch)))))
        case 28...31: return nil
        default: return .key(.char(Character(scalar)))
        }
    }

    /// Paints `canvas` (ncurses sends only the cells that changed).
    public func present(_ canvas: Canvas, cursor: (x: Int, y: Int)?) {
        werase(screen)
        let size = self.size
        let h = min(canvas.height, size.height), w = min(canvas.width, size.width)
        for y in 0..<h {
            var x = 0
            while x < w {
                let role = canvas[x: x, y: y].role
                let start = x
                var text = ""
                while x < w, canvas[x: x, y: y].role == role {
                    let c = canvas[x: x, y: y]
                    if !c.isContinuation { text += c.grapheme }
                    x += 1
                }
                // The bottom-right cell cannot be written without scrolling on some terminals.
                if y == size.height - 1 && x == size.width, !text.isEmpty { text.removeLast() }
                let a = attributes[role] ?? (tui_a_normal(), 0)
                _ = tui_put_str(screen, Int32(y), Int32(start), text, a.attr, a.pair)
            }
        }
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
            curs_set(1)
            wmove(screen, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(screen)
    }

    /// Leaves curses mode and restores the terminal. Idempotent.
    public func close() {
        guard !closed else { return }
        closed = true
        tui_restore_terminal()
    }
}
