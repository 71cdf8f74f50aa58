import ArgumentParser
import FaaSrCore
import FaaSrLayout
import Foundation
import TUIKit

/// `faasr graph FILE`: draws a workflow's DAG in the terminal.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a workflow's DAG in the terminal.",
        discussion: """
            Each action is a box with its name, function, type and compute server; the entry action \
            is marked ▶, ranked actions ×N with a stacked box, True/False edges are labelled, and \
            targets that are not actions are drawn as dashed '?' boxes. Cycles are drawn with their \
            back edges in error style (▲). Colour is used on a terminal unless --no-color or NO_COLOR \
            is set; the glyphs fall back to ASCII when the locale is not UTF-8.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, ansi, json
        case webLayout = "web-layout"
    }

    enum Direction: String, ExpressibleByArgument, CaseIterable {
        case tb, lr, auto
    }

    @Argument(help: "The workflow JSON file ('-' for standard input).")
    var file: String

    @Option(help: "Output: text, ansi (colour), json (boxes and edge polylines), web-layout (the web builder's layout file). Default: ansi on a terminal, text otherwise.")
    var format: Format?

    @Option(help: "Layer direction: tb (top to bottom), lr (left to right) or auto (tb, else lr if that fits --max-width).")
    var direction: Direction = .auto

    @Flag(help: "Use ASCII glyphs only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(help: "No colour (also when NO_COLOR is set).")
    var noColor = false

    @Option(help: "Widest drawing to print; a wider one is drawn as the compact lane list. Default: the terminal's width on a terminal, unlimited otherwise.")
    var maxWidth: Int?

    @Flag(help: "Draw the compact lane list (one action per row, like git log --graph).")
    var compact = false

    @Option(help: "Mark an action and its neighbours; everything else is dimmed.")
    var highlight: String?

    func validate() throws {
        if let maxWidth, maxWidth < 10 { throw ValidationError("--max-width must be at least 10 (got \(maxWidth)).") }
    }

    func run() throws {
        let workflow: Workflow
        do { workflow = try CommandIO.loadWorkflow(file) } catch let f as CommandFailure { throw f.report() }
        let (graph, conversion) = WorkflowLayoutGraph.drawn(workflow)
        if let conversion {
            // Only a 1.x file is drawn converted; say so, and name every rename.
            CommandIO.writeStandardError("\(file): note: a 1.x workflow, drawn as its 2.x conversion (faasr convert writes it)\n")
            for note in conversion.changes where note.message.hasPrefix("renamed action") {
                CommandIO.writeStandardError("\(file): note: \(note.message)\n")
            }
        }
        let env = ProcessInfo.processInfo.environment
        let tty = isatty(STDOUT_FILENO) == 1
        let glyphs: LineGlyphs = ascii ? .ascii : LineGlyphs.forLocale(env)
        let colour = !noColor && (env["NO_COLOR"] ?? "").isEmpty
        let outputFormat = format ?? (tty && colour ? .ansi : .text)
        var highlighted: Int?
        if let highlight {
            guard let i = graph.index(of: highlight), !graph.nodes[i].isPlaceholder else {
                let names = graph.nodes.filter { !$0.isPlaceholder }.map(\.id)
                throw CommandFailure(
                    path: file, message: "--highlight: no action named '\(highlight)'; actions: \(names.joined(separator: ", "))",
                    exitCode: 2).report()
            }
            highlighted = i
        }
        if graph.nodes.isEmpty {
            CommandIO.writeStandardError("\(file): warning: the workflow has no actions to draw\n")
            return
        }
        let limit = maxWidth ?? (tty ? terminalWidth(env) : nil)
        var drawing = DAGLayout.draw(graph, options: .init(orientation: direction == .lr ? .leftToRight : .topToBottom))
        if direction == .auto, let limit, drawing.width > limit {
            let lr = DAGLayout.draw(graph, options: .init(orientation: .leftToRight))
            if lr.width <= limit || lr.width < drawing.width { drawing = lr }
        }
        switch outputFormat {
        case .json:
            print(DAGJSON.text(drawing, graph: graph), terminator: "")
            return
        case .webLayout:
            print(WebBuilderLayout.text(drawing, graph: graph), terminator: "")
            return
        case .text, .ansi:
            break
        }
        var canvas: Canvas
        if compact || (limit.map { drawing.width > $0 } ?? false) {
            if !compact {
                CommandIO.writeStandardError(
                    "note: the drawing is \(drawing.width) columns wide (limit \(limit!)); showing the compact lane list (use --max-width to change)\n")
            }
            canvas = LaneView(glyphs: glyphs).paint(graph, highlight: highlighted)
        } else {
            canvas = DAGPainter(glyphs: glyphs, highlight: highlighted).paint(drawing, graph: graph)
        }
        let text = outputFormat == .ansi && colour ? canvas.ansiText() : canvas.plainText()
        print(text)
    }

    private func terminalWidth(_ env: [String: String]) -> Int? {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return env["COLUMNS"].flatMap { Int($0) }
    }
}
