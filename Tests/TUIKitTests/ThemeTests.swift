import Foundation
import Testing
@testable import TUIKit

@Suite("Themes")
struct ThemeTests {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

    @Test("the compiled-in themes equal the files in themes/ and style every role", arguments: BuiltinThemes.names)
    func builtins(name: String) throws {
        let file = try String(contentsOf: Self.themesDir.appendingPathComponent(name + ".theme"), encoding: .utf8)
        #expect(BuiltinThemes.text(named: name) == file)
        let theme = try #require(BuiltinThemes.theme(named: name))
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases))
    }

    @Test("theme parse errors name the line and the problem")
    func errors() {
        #expect(throws: Theme.ParseError(line: 2, message: "unknown colour or attribute `purple`")) {
            try Theme(name: "x", text: "normal = default\nerror = purple\n")
        }
        #expect(throws: Theme.ParseError.self) { try Theme(name: "x", text: "nonsense = red") }
    }

    @Test("monochrome and NO_COLOR keep attributes but no colours")
    func noColor() throws {
        let t = try #require(BuiltinThemes.theme(named: "default-dark")).withoutColors
        #expect(t.style(for: .error).foreground == .default)
        #expect(t.style(for: .error).bold)
        #expect(t.style(for: .selected).reverse)
    }
}

@Suite("Widgets")
struct WidgetTests {
    @Test("text field editing keys")
    func textField() {
        var f = TextField("hello world")
        f.handle(.ctrl("w"))
        #expect(f.text == "hello ")
        f.handle(.home)
        f.handle(.char(">"))
        #expect(f.text == ">hello ")
        f.handle(.ctrl("k"))
        #expect(f.text == ">")
        f.handle(.backspace)
        #expect(f.text.isEmpty)
        let handled = f.handle(.enter)
        #expect(!handled)
    }

    @Test("fuzzy match ranks contiguous and word-start matches first")
    func fuzzy() {
        #expect(FuzzyMatch.rank("ad act", ["add server", "add action", "delete"]).first == "add action")
        #expect(FuzzyMatch.score("xyz", "add action") == nil)
        #expect(FuzzyMatch.rank("w", ["write", "w", "saveas"]).first == "w")
    }

    @Test("keymap: context bindings win, help and hints come from the table")
    func keymap() {
        enum Ctx: Hashable, Sendable { case a, b }
        let km = Keymap<String, Ctx>([
            Binding([.char("x")], "local", "local x", in: [.a], hint: "lx"),
            Binding([.char("x")], "global", "global x"),
        ])
        #expect(km.command(for: .char("x"), in: .a) == "local")
        #expect(km.command(for: .char("x"), in: .b) == "global")
        #expect(km.helpLines(in: .a) == ["x  local x", "x  global x"])
        #expect(km.hints(in: .a) == ["x lx"])
    }

    @Test("key names follow tmux")
    func keyNames() {
        #expect(Key(name: "C-s") == .ctrl("s"))
        #expect(Key(name: "BTab") == .backTab)
        #expect(Key(name: "Space") == .char(" "))
        #expect(Key(name: "F5") == .function(5))
        #expect(Key(name: "bogus") == nil)
    }
}
