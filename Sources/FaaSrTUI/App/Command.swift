import FaaSrCore

/// Everything a key (or the command palette) can ask the designer to do.
public enum Command: Hashable, Sendable {
    case quit, forceQuit, save, saveAs, saveAndQuit, undo, redo, help, palette, filter, validate, exportWeb, preview, new, open, recover
    /// Palette commands with their argument: `w PATH`, `e PATH`, `new TEMPLATE`, `export FOLDER`.
    case saveTo(String), openPath(String), newFrom(String), exportTo(String)
    case focusNext, focusPrevious, focusSection(Section), focusDAG, focusProblems
    case up, down, top, bottom, pageUp, pageDown, left, right
    case activate, add, addAction, addServer, addStore, rename, duplicate, delete
    case addEdge, cycleCondition, rankUp, rankDown, moveUp, moveDown, setEntry
    case nextEdge, previousEdge, removeEdge, setRank, setCondition(Branch)
    case toggleLanes, quickFix
    case runLocal, cancelRun, showLog
    /// Platform operations: `:register [SERVER]`, `:unregister`, `:invoke`, `:timer set CRON|unset`,
    /// `:secrets`, `:secrets push`, `:secrets set [NAME]` (a value typed masked), `:monitor [INVOCATION]`,
    /// `:messages`.
    case register, registerOn(String), unregister, invoke, timer, timerSet(String), timerUnset
    case secrets, secretsPush, secretsSet, secretsSetName(String), monitor, monitorInvocation(String), messages
    case escape

    /// The command a palette name that takes an argument runs with `argument`
    /// (`w` + `PATH` saves there); nil for a command that takes none.
    public func with(argument: String) -> Command? {
        switch self {
        case .save, .saveAs: .saveTo(argument)
        case .open: .openPath(argument)
        case .new: .newFrom(argument)
        case .exportWeb: .exportTo(argument)
        case .register: .registerOn(argument)
        case .monitor: .monitorInvocation(argument)
        case .secretsSet: .secretsSetName(argument)
        case .timer:
            argument == "unset" ? .timerUnset
                : argument.hasPrefix("set") ? .timerSet(String(argument.dropFirst(3)).trimmingCharacters(in: " ")) : nil
        default: nil
        }
    }
}
