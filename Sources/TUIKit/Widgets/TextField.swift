/// The editing state of a one-line text field: text plus a cursor, changed by keys.
///
/// Editing keys: printable characters insert; `BSpace`/`Del` delete; `←`/`→`, `Home`/`End`,
/// `C-a`/`C-e` move; `C-u` clears to the start; `C-k` clears to the end; `C-w` deletes a word.
public struct TextField: Equatable, Sendable {
    /// The text.
    public var text: String
    /// The cursor, as a character offset into ``text``.
    public var cursor: Int

    /// A field holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        var chars = Array(text)
        cursor = min(max(0, cursor), chars.count)
        switch key {
        case .char(let c):
            chars.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            chars.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < chars.count else { return true }
            chars.remove(at: cursor)
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .ctrl("u"):
            chars.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"): chars.removeLast(chars.count - cursor)
        case .ctrl("w"):
            var i = cursor
            while i > 0 && chars[i - 1] == " " { i -= 1 }
            while i > 0 && chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<cursor)
            cursor = i
        default: return false
        }
        text = String(chars)
        return true
    }

    /// Draws the field into `rect` (one row), scrolled so the cursor is visible; returns the
    /// cursor's screen position.
    @discardableResult
    public func draw(into canvas: inout Canvas, at rect: Rect, role: StyleRole = .input) -> (x: Int, y: Int) {
        canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: role)
        let chars = Array(text)
        var start = 0
        // Scroll so that the text before the cursor fits.
        while start < cursor && DisplayWidth.of(String(chars[start..<cursor])) > rect.width - 1 { start += 1 }
        canvas.put(String(chars[start...]), x: rect.x, y: rect.y, role: role, maxWidth: rect.width)
        return (rect.x + DisplayWidth.of(String(chars[start..<cursor])), rect.y)
    }
}
