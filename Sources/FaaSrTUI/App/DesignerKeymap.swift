import TUIKit

/// The designer's command table: the single source for key dispatch, the `?` help, the
/// status-bar hints and the `:` palette (its names, arguments and descriptions).
public enum DesignerKeymap {
    private typealias B = Binding<Command, Pane>
    /// Where the edge keys work: the form's edge rows, the graph's selected edge, and the list
    /// (acting on the edge the graph shows selected).
    private static let edgePanes: [Pane] = [.list, .dag, .details]

    /// The table.
    public static let keymap = Keymap<Command, Pane>([
        B([.char("a")], .add, "add (action, server, store)", in: [.list, .dag], hint: "add"),
        B([], .addAction, "create an action", palette: ["add action"]),
        B([], .addServer, "create a compute server", palette: ["add server"]),
        B([], .addStore, "create a data store", palette: ["add store"]),
        B([.char("r")], .rename, "rename (references follow)", in: [.list, .dag], palette: ["rename"]),
        B([.char("y")], .duplicate, "duplicate", in: [.list, .dag], palette: ["duplicate"]),
        B([.char("d"), .delete], .delete, "delete (asks first)", in: [.list, .dag], palette: ["delete"]),
        B([.char(">")], .addEdge, "add an edge from the selected action", in: [.list, .dag, .details], hint: "edge", palette: ["add edge"]),
        B([.char("e")], .setEntry, "make the selected action the entry", in: [.list, .dag], palette: ["entry"]),
        B([.char("f")], .quickFix, "apply the selected problem's quick fix (undoable)", in: [.problems], hint: "fix", palette: ["fix"]),
        B([.char("o")], .toggleLanes, "graph: layered drawing / lane list", in: [.dag], palette: ["lanes"]),
        B([.enter], .activate, "edit field / open / jump to problem", in: [.list, .dag, .details, .problems], hint: "edit"),
        B([.char("]")], .nextEdge, "select the next outgoing edge", in: [.dag], hint: "edges", palette: ["next edge"]),
        B([.char("[")], .previousEdge, "select the previous outgoing edge", in: [.dag], palette: ["previous edge"]),
        B([.char("]")], .nextEdge, "graph: select the next outgoing edge", in: [.list]),
        B([.char("[")], .previousEdge, "graph: select the previous outgoing edge", in: [.list]),
        B([.char("t")], .cycleCondition, "edge: cycle always, True, False", in: edgePanes),
        B([], .setCondition(.onTrue), "make the selected edge the True branch", palette: ["edge true"]),
        B([], .setCondition(.onFalse), "make the selected edge the False branch", palette: ["edge false"]),
        B([], .setCondition(.always), "make the selected edge unconditional", palette: ["edge always"]),
        B([.char("+")], .rankUp, "edge: rank +1", in: edgePanes),
        B([.char("-")], .rankDown, "edge: rank -1", in: edgePanes),
        B([.char("#")], .setRank, "edge: set or clear the rank F(N)", in: edgePanes, palette: ["rank"]),
        B([.char("K")], .moveUp, "edge: move earlier", in: edgePanes, palette: ["edge earlier"]),
        B([.char("J")], .moveDown, "edge: move later", in: edgePanes, palette: ["edge later"]),
        B([.char("x")], .removeEdge, "edge: remove the selected edge", in: [.list, .dag], palette: ["remove edge"]),
        B([.char("x"), .char("d"), .delete], .delete, "remove (edge, argument, list item, field)", in: [.details]),
        B([.char("j"), .down], .down, "down"),
        B([.char("k"), .up], .up, "up"),
        B([.char("h"), .left], .left, "previous list / action"),
        B([.char("l"), .right], .right, "next list / action"),
        B([.char("g"), .home], .top, "first"),
        B([.char("G"), .end], .bottom, "last"),
        B([.ctrl("u"), .pageUp], .pageUp, "page up"),
        B([.ctrl("d"), .pageDown], .pageDown, "page down"),
        B([.tab], .focusNext, "next pane"),
        B([.backTab], .focusPrevious, "previous pane"),
        B([.char("1")], .focusSection(.actions), "actions"),
        B([.char("2")], .focusSection(.servers), "compute servers"),
        B([.char("3")], .focusSection(.stores), "data stores"),
        B([.char("4")], .focusSection(.settings), "workflow settings"),
        B([.char("5")], .focusDAG, "workflow graph"),
        B([.char("6")], .focusProblems, "problems"),
        B([.char("u"), .ctrl("z")], .undo, "undo", hint: "undo", palette: ["undo"]),
        B([.ctrl("r"), .ctrl("y")], .redo, "redo", palette: ["redo"]),
        B([.ctrl("s")], .save, "save (:w PATH saves elsewhere and continues there)", hint: "save", palette: ["w", "write"], argument: "PATH"),
        B([], .saveAs, "save to another file", palette: ["saveas"], argument: "PATH"),
        B([], .saveAndQuit, "save, then quit", palette: ["wq"]),
        B([.ctrl("o")], .open, "open a file: the browser, or :e PATH", palette: ["e", "open"], argument: "PATH"),
        B([], .new, "new workflow from a template (empty, tutorial, diamond, conditional)", palette: ["new"], argument: "TEMPLATE"),
        B([.char("/")], .filter, "filter the list", palette: ["filter"]),
        B([.char("R"), .function(5)], .runLocal, "run the workflow locally (faasr local; stores in .faasr/ next to the file)", hint: "run", palette: ["run"]),
        B([.char("L")], .showLog, "the selected action's log in the last run (Enter in the graph too)", in: [.list, .dag], palette: ["log"]),
        B([], .cancelRun, "cancel the running workflow (Esc or C-c while it runs)", palette: ["cancel"]),
        B([], .register, "register on the compute servers (all, or SERVER): shows the plan, asks, applies", palette: ["register"], argument: "SERVER"),
        B([], .unregister, "remove the registration (shows the plan, asks first)", palette: ["unregister"]),
        B([], .invoke, "invoke the registered workflow (asks first), then monitor it", palette: ["invoke"]),
        B([], .timer, "timer set CRON starts it on a schedule (UTC, explained in words); timer unset stops it", palette: ["timer"], argument: "set CRON|unset"),
        B([], .secrets, "which secrets exist locally and on each platform (names only); offers to push", palette: ["secrets"]),
        B([], .secretsPush, "push secret values from the environment or .env (never shown)", palette: ["secrets push"]),
        B([], .secretsSet, "type one secret's value masked (•), then push it with the others from the environment or .env", palette: ["secrets set"], argument: "NAME"),
        B([.char("M")], .monitor, "monitor a remote invocation: pick a recent one (started here or in the logging store), or INVOCATION|latest", in: [.list, .dag], palette: ["monitor"], argument: "INVOCATION"),
        B([.char("m")], .messages, "messages: what register, invoke, timer and secrets said", in: [.list, .dag], palette: ["messages"]),
        B([], .validate, "re-run validation and show problems", palette: ["validate"]),
        B([], .exportWeb, "write <WorkflowName>.json and -layout.json for the web builder (asks before overwriting)", palette: ["export"], argument: "FOLDER"),
        B([], .preview, "show the JSON a save writes, with changes marked", palette: ["preview"]),
        B([], .recover, "offer the recovery file (unsaved edits of a session that did not end) again", palette: ["recover"]),
        B([.char(":"), .ctrl("p")], .palette, "command palette", hint: "cmd"),
        B([.char("?"), .function(1)], .help, "help", hint: "help", palette: ["help"]),
        B([.char("q"), .ctrl("c")], .quit, "quit (asks if unsaved); while a run runs, C-c cancels it", hint: "quit", palette: ["q"]),
        B([], .forceQuit, "quit without saving", palette: ["q!"]),
        B([.escape], .escape, "back; while a run, monitor or platform operation runs, cancel it"),
    ])

    /// One palette entry: a name, the binding it runs, and what it takes after the name.
    public struct PaletteEntry: Equatable, Sendable {
        /// The name typed.
        public var name: String
        /// The command it runs.
        public var command: Command
        /// The description (the binding's help).
        public var help: String
        /// What follows the name, if anything (`PATH`).
        public var argument: String?
    }

    /// Every palette name, in table order: parsed from ``keymap``.
    public static let paletteEntries: [PaletteEntry] = keymap.paletteBindings.flatMap { b in
        b.names.map { PaletteEntry(name: $0, command: b.command, help: b.help, argument: b.argument) }
    }

    /// The command a palette line runs: an exact name, or a name that takes an argument
    /// followed by one (`w out.json`). Nil when the line names no command.
    public static func paletteCommand(_ line: String) -> Command? {
        if let e = paletteEntries.first(where: { $0.name == line }) { return e.command }
        for e in paletteEntries where e.argument != nil && line.hasPrefix(e.name + " ") {
            let arg = String(line.dropFirst(e.name.count + 1)).trimmingCharacters(in: " ")
            if !arg.isEmpty { return e.command.with(argument: arg) }
        }
        return nil
    }
}
