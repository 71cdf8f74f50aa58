import FaaSrCore

/// Everything a key (or the command palette) can ask the designer to do.
public enum Command: Hashable, Sendable {
    case quit, forceQuit, save, saveAs, undo, redo, help, palette, filter, validate, exportWeb, preview, new, open
    case focusNext, focusPrevious, focusSection(Section), focusDAG, focusProblems
    case up, down, top, bottom, pageUp, pageDown, left, right
    case activate, add, addServer, addStore, rename, duplicate, delete
    case addEdge, cycleCondition, rankUp, rankDown, moveUp, moveDown, setEntry
    case nextEdge, previousEdge, removeEdge, setRank, setCondition(Branch)
    case toggleLanes, quickFix
    case escape
}
