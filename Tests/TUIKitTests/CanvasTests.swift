import Testing
@testable import TUIKit

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test("ASCII, box drawing and symbols are one column")
    func narrow() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("─│┌✓●") == 5)
    }

    @Test("CJK, Hangul, fullwidth and emoji are two columns")
    func wide() {
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("한") == 2)
        #expect(DisplayWidth.of("Ａ") == 2)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("✅") == 2)
    }

    @Test("combining marks, ZWJ and variation selectors take no column of their own")
    func zeroWidth() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("👩‍💻") == 2)
        #expect(DisplayWidth.of("❤\u{FE0F}") == 2)
    }

    @Test("truncate and pad respect wide characters")
    func truncateAndPad() {
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("中文字", to: 4) == "中…")
        #expect(DisplayWidth.pad("中", to: 3) == "中 ")
        #expect(DisplayWidth.prefix("中文", fitting: 3) == "中")
    }
}

@Suite("Canvas")
struct CanvasTests {
    @Test("put clips to the canvas and to maxWidth")
    func clipping() {
        var c = Canvas(width: 5, height: 2)
        c.put("hello world", x: 0, y: 0)
        #expect(c.put("abcdef", x: 1, y: 1, maxWidth: 2) == 2)
        #expect(c.plainText() == "hello\n ab")
        c.put("xyz", x: -1, y: 0)
        #expect(c.row(0) == "yzllo")
    }

    @Test("a wide character occupies a lead and a continuation cell")
    func wideCells() {
        var c = Canvas(width: 6, height: 1)
        c.put("a中b", x: 0, y: 0, role: .title)
        #expect(c[x: 1, y: 0] == Cell("中", width: 2, role: .title))
        #expect(c[x: 2, y: 0].isContinuation)
        #expect(c[x: 3, y: 0].grapheme == "b")
        #expect(c.plainText() == "a中b")
    }

    @Test("a wide character that does not fit at the edge becomes a space")
    func wideAtEdge() {
        var c = Canvas(width: 3, height: 1)
        c.put("ab中", x: 0, y: 0)
        #expect(c.plainText() == "ab")
        #expect(!c[x: 2, y: 0].isContinuation)
    }

    @Test("overwriting half of a wide character blanks the other half")
    func splitWide() {
        var c = Canvas(width: 4, height: 1)
        c.put("中文", x: 0, y: 0)
        c.put("x", x: 1, y: 0)
        #expect(c.plainText() == " x文")
        c.put("y", x: 2, y: 0)
        #expect(c.plainText() == " xy")
        #expect(!c[x: 3, y: 0].isContinuation)
    }

    @Test("combining characters stay with their base")
    func combining() {
        var c = Canvas(width: 4, height: 1)
        c.put("e\u{301}x", x: 0, y: 0)
        #expect(c[x: 0, y: 0].grapheme == "e\u{301}")
        #expect(c[x: 1, y: 0].grapheme == "x")
        c.put("\u{301}", x: 3, y: 0)
        #expect(c[x: 3, y: 0].grapheme == " ")
    }

    @Test("control characters are drawn as spaces")
    func controls() {
        var c = Canvas(width: 4, height: 1)
        c.put("a\tb\n", x: 0, y: 0)
        #expect(c.row(0) == "a b ")
    }

    @Test("box draws borders and a clipped title")
    func boxes() {
        var c = Canvas(width: 10, height: 3)
        c.box(Rect(x: 0, y: 0, width: 10, height: 3), title: "Actions")
        #expect(c.plainText() == "┌ Actions┐\n│        │\n└────────┘")
        var a = Canvas(width: 4, height: 3)
        a.box(a.bounds, heavy: true, glyphs: .ascii)
        #expect(a.plainText() == "#==#\n#  #\n#==#")
    }

    @Test("style runs list non-normal roles")
    func runs() {
        var c = Canvas(width: 6, height: 2)
        c.put("err", x: 1, y: 0, role: .error)
        c.restyle(Rect(x: 0, y: 1, width: 6, height: 1), role: .selected)
        #expect(c.styleRuns() == "row 0 col 1-3: error\nrow 1 col 0-5: selected")
    }

    @Test("clip rectangles confine drawing")
    func clip() {
        var c = Canvas(width: 6, height: 2)
        c.clipped(to: Rect(x: 1, y: 0, width: 2, height: 1)) { $0.put("abcdef", x: 0, y: 0); $0.put("z", x: 1, y: 1) }
        #expect(c.plainText() == " bc\n")
    }

    @Test("drawing one canvas onto another keeps wide characters whole")
    func compose() {
        var inner = Canvas(width: 3, height: 1)
        inner.put("中x", x: 0, y: 0, role: .node)
        var outer = Canvas(width: 4, height: 1)
        outer.draw(inner, x: 1, y: 0)
        #expect(outer.plainText() == " 中x")
        var narrow = Canvas(width: 2, height: 1)
        narrow.draw(inner, x: 1, y: 0)
        #expect(narrow.plainText() == "")
    }
}
