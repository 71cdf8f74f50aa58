/// One key binding: in which contexts a key does what, with its help text.
///
/// The keymap is data: the same table drives dispatch, the `?` help overlay and the
/// status-bar hints, so they cannot drift apart.
public struct Binding<Command: Hashable & Sendable, Context: Hashable & Sendable>: Hashable, Sendable {
    /// The keys that trigger the command (the first is shown in help).
    public var keys: [Key]
    /// Contexts where the binding applies; empty means everywhere.
    public var contexts: [Context]
    /// What the key does.
    public var command: Command
    /// Help text.
    public var help: String
    /// The status-bar hint text (`nil`: not shown as a hint).
    public var hint: String?
    /// The names the command palette runs it by (`w`, `write`); empty: not in the palette.
    public var names: [String]
    /// What the palette takes after the name (`PATH`), when it takes something.
    public var argument: String?

    /// Creates a binding; a binding with no `keys` is reached through the palette only.
    public init(_ keys: [Key], _ command: Command, _ help: String, in contexts: [Context] = [], hint: String? = nil,
                palette names: [String] = [], argument: String? = nil) {
        self.keys = keys
        self.contexts = contexts
        self.command = command
        self.help = help
        self.hint = hint
        self.names = names
        self.argument = argument
    }

    /// How help shows the keys (`j/↓`; with `ascii`, `j/Down`), and then the palette names.
    public func keyText(ascii: Bool) -> String {
        let keyNames = keys.map { ascii ? $0.asciiName : $0.name }
        let paletteNames = names.prefix(1).map { ":" + $0 + (argument.map { " [\($0)]" } ?? "") }
        return (keyNames.isEmpty ? paletteNames : [keyNames.joined(separator: "/")]).joined()
    }
}

/// A table of ``Binding``s.
public struct Keymap<Command: Hashable & Sendable, Context: Hashable & Sendable>: Sendable {
    /// The bindings, in help order.
    public var bindings: [Binding<Command, Context>]

    /// Creates a keymap.
    public init(_ bindings: [Binding<Command, Context>]) { self.bindings = bindings }

    /// The command for `key` in `context`: a context-specific binding wins over a global one.
    public func command(for key: Key, in context: Context) -> Command? {
        bindings.first { $0.contexts.contains(context) && $0.keys.contains(key) }?.command
            ?? bindings.first { $0.contexts.isEmpty && $0.keys.contains(key) }?.command
    }

    /// The bindings active in `context` (context-specific first, then global).
    public func active(in context: Context) -> [Binding<Command, Context>] {
        bindings.filter { $0.contexts.contains(context) } + bindings.filter { $0.contexts.isEmpty }
    }

    /// Help lines `keys  help` for `context` (key bindings first, then palette-only
    /// commands), keys padded to a column, each help text wrapped to `width` columns with
    /// its continuation lines indented under it. Nothing is cut off.
    public func helpLines(in context: Context, width: Int = 80, ascii: Bool = false) -> [String] {
        let keyed = active(in: context).filter { !$0.keys.isEmpty }
        let paletteOnly = bindings.filter { $0.keys.isEmpty && !$0.names.isEmpty }
        var lines: [String] = []
        for (group, title) in [(keyed, nil), (paletteOnly, "palette (: or C-p) only")] as [([Binding<Command, Context>], String?)] where !group.isEmpty {
            if let title { lines += ["", title] }
            let texts = group.map { $0.keyText(ascii: ascii) }
            let keyWidth = min(16, texts.map { DisplayWidth.of($0) }.max() ?? 0)
            for (t, b) in zip(texts, group) {
                let help = b.help
                let room = max(10, width - keyWidth - 2)
                let head = DisplayWidth.of(t) > keyWidth ? [t] : []
                let wrapped = DisplayWidth.wrap(help, to: room)
                for (i, l) in wrapped.enumerated() {
                    let key = head.isEmpty && i == 0 ? t : ""
                    if i == 0 && !head.isEmpty { lines.append(t) }
                    lines.append(DisplayWidth.pad(key, to: keyWidth) + "  " + l)
                }
            }
        }
        return lines
    }

    /// The palette's commands: every binding with palette names, in table order.
    public var paletteBindings: [Binding<Command, Context>] { bindings.filter { !$0.names.isEmpty } }

    /// Status-bar hints (`key help`) for `context`.
    public func hints(in context: Context) -> [String] {
        active(in: context).compactMap { b in b.hint.map { "\(b.keys[0].name) \($0)" } }
    }
}
