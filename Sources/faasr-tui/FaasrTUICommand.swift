import ArgumentParser
import FaaSrCore
import FaaSrTUI
import NCursesBackend
import TUIKit

#if canImport(Glibc)
import Glibc
#endif

@main
struct FaasrTUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faasr-tui",
        abstract: "Design FaaSr workflows in the terminal.",
        discussion: "Opens FILE (a FaaSr 2.x or 1.x workflow), or starts a new workflow that is saved to FILE. Press ? for keys.")

    @Argument(help: "Workflow file to open or create.") var file: String?
    @Option(help: "Theme: default-dark, light, high-contrast, monochrome, or a path to a .theme file.") var theme = "default-dark"
    @Flag(help: "Draw with ASCII characters only.") var ascii = false

    func run() throws {
        let loadedTheme = try Self.loadTheme(theme)
        let env = { (k: String) in getenv(k).map { String(cString: $0) } }
        let noColor = !(env("NO_COLOR") ?? "").isEmpty
        let utf8 = NCursesTerminal.prepareLocale()
        let glyphs: Glyphs = ascii || !utf8 ? .ascii : .unicode
        // Check the file before touching the terminal, so errors print normally.
        var state = try EffectRunner.startState(path: file, size: Size(width: 100, height: 30), glyphs: glyphs)
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(theme: loadedTheme, noColor: noColor)
        } catch {
            throw ValidationError(error.description)
        }
        defer { terminal.close() }
        state.size = terminal.size
        var frame = render(state)
        terminal.present(frame.canvas, cursor: frame.cursor)
        loop: while true {
            guard let input = terminal.readEvent(timeoutMilliseconds: 250) else { continue }
            let event: AppEvent
            switch input {
            case .key(let k): event = .key(k)
            case .resize(let s): event = .resize(s)
            case .mouse(let m): event = .mouse(m)
            }
            var queue = [event]
            while !queue.isEmpty {
                let effects = reduce(&state, queue.removeFirst())
                for effect in effects {
                    if effect == .quit { break loop }
                    if let back = EffectRunner.perform(effect) { queue.append(back) }
                }
            }
            frame = render(state)
            terminal.present(frame.canvas, cursor: frame.cursor)
        }
    }

    static func loadTheme(_ name: String) throws -> Theme {
        if let t = BuiltinThemes.theme(named: name) { return t }
        do {
            return try Theme(name: name, text: try AtomicFile.read(name))
        } catch let e as Theme.ParseError {
            throw ValidationError("\(name): \(e)")
        } catch {
            throw ValidationError("unknown theme '\(name)': use one of \(BuiltinThemes.names.joined(separator: ", ")) or a theme file path (\(error))")
        }
    }
}
