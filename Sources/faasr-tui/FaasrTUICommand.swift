import ArgumentParser
import FaaSrCore
import FaaSrTUI
import NCursesBackend
import TUIKit

#if canImport(Glibc)
import Glibc
#endif

@main
struct FaasrTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faasr-tui",
        abstract: "Design FaaSr workflows in the terminal.",
        discussion: "Opens FILE (a FaaSr 2.x or 1.x workflow), or starts a new workflow that is saved to FILE. Press ? for keys.")

    @Argument(help: "Workflow file to open or create.") var file: String?
    @Option(help: "Theme: default-dark, light, high-contrast, monochrome, or a path to a .theme file.") var theme = "default-dark"
    @Flag(help: "Draw with ASCII characters only.") var ascii = false

    func run() async throws {
        let loadedTheme = try Self.loadTheme(theme)
        let env = { (k: String) in getenv(k).map { String(cString: $0) } }
        let noColor = !(env("NO_COLOR") ?? "").isEmpty
        let utf8 = NCursesTerminal.prepareLocale()
        let glyphs: Glyphs = ascii || !utf8 ? .ascii : .unicode
        // Check the file before touching the terminal, so errors print normally.
        let state = try EffectRunner.startState(path: file, size: Size(width: 100, height: 30), glyphs: glyphs)
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(theme: loadedTheme, noColor: noColor)
        } catch {
            throw ValidationError(error.description)
        }
        defer { terminal.close() }
        // The loop: input, reducer, effects, frames; local runs and other jobs in the background.
        await Program(state: state, terminal: terminal).run()
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
