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

    /// Creates a binding.
    public init(_ keys: [Key], _ command: Command, _ help: String, in contexts: [Context] = [], hint: String? = nil) {
        self.keys = keys
        self.contexts = contexts
        self.command = command
        self.help = help
        self.hint = hint
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

    /// Help lines `keys  help` for `context`, keys padded to a column.
    public func helpLines(in context: Context) -> [String] {
        let active = active(in: context)
        let keyTexts = active.map { $0.keys.map(\.name).joined(separator: "/") }
        let width = min(16, keyTexts.map { DisplayWidth.of($0) }.max() ?? 0)
        return zip(keyTexts, active).map { DisplayWidth.pad($0, to: width) + "  " + $1.help }
    }

    /// Status-bar hints (`key help`) for `context`.
    public func hints(in context: Context) -> [String] {
        active(in: context).compactMap { b in b.hint.map { "\(b.keys[0].name) \($0)" } }
    }
}
