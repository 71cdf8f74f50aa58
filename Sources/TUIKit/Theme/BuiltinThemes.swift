/// The themes shipped in `themes/`, compiled in so the binary works from anywhere.
/// A test checks that these texts equal the files.
public enum BuiltinThemes {
    /// Theme names in `--theme` order.
    public static let names = ["default-dark", "light", "high-contrast", "monochrome"]

    /// The text of a built-in theme file.
    public static func text(named name: String) -> String? {
        switch name {
        case "default-dark": return """
            # faasr-tui theme: default dark. One `role = [fg] [bg] [bold] [dim] [reverse] [underline]` per line.
            # Colours: default, black, red, green, yellow, blue, magenta, cyan, white, bright-<name>, 0-255.
            normal = default
            dim = bright-black
            title = cyan bold
            border = bright-black
            focusBorder = cyan bold
            selected = reverse
            node = default
            entryNode = cyan bold
            edge = bright-black
            trueEdge = green
            falseEdge = yellow
            rankBadge = magenta bold
            error = red bold
            warning = yellow
            ok = green
            statusBar = white blue
            input = default underline
            key = cyan bold
            accent = magenta bold
            toast = black yellow
            """ + "\n"
        case "light": return """
            # faasr-tui theme: light backgrounds.
            normal = default
            dim = bright-black
            title = blue bold
            border = bright-black
            focusBorder = blue bold
            selected = reverse
            node = default
            entryNode = blue bold
            edge = bright-black
            trueEdge = green
            falseEdge = red
            rankBadge = magenta bold
            error = red bold
            warning = 130
            ok = green
            statusBar = black bright-white
            input = default underline
            key = blue bold
            accent = magenta bold
            toast = white blue
            """ + "\n"
        case "high-contrast": return """
            # faasr-tui theme: high contrast (bright colours, bold everywhere it carries meaning).
            normal = bright-white
            dim = white
            title = bright-yellow bold
            border = bright-white
            focusBorder = bright-yellow bold
            selected = black bright-yellow bold
            node = bright-white bold
            entryNode = bright-cyan bold
            edge = bright-white
            trueEdge = bright-green bold
            falseEdge = bright-red bold
            rankBadge = bright-magenta bold
            error = bright-white red bold
            warning = black bright-yellow bold
            ok = bright-green bold
            statusBar = black bright-white bold
            input = bright-white underline
            key = bright-yellow bold
            accent = bright-cyan bold
            toast = black bright-cyan bold
            """ + "\n"
        case "monochrome": return """
            # faasr-tui theme: no colours, attributes only (also used for NO_COLOR).
            normal = default
            dim = dim
            title = bold
            border = default
            focusBorder = bold
            selected = reverse
            node = default
            entryNode = bold
            edge = default
            trueEdge = default
            falseEdge = default
            rankBadge = bold
            error = bold underline
            warning = underline
            ok = default
            statusBar = reverse
            input = underline
            key = bold
            accent = bold
            toast = reverse
            """ + "\n"
        default: return nil
        }
    }

    /// A built-in theme (its file text is known to parse).
    public static func theme(named name: String) -> Theme? {
        guard let text = text(named: name) else { return nil }
        return try? Theme(name: name, text: text)
    }
}
