import FaaSrCore
import TUIKit

/// What a prompt, picker or confirmation is for: the reducer finishes the job with it.
public enum Purpose: Equatable, Sendable {
    case addAction, addStore, addServer(type: String)
    case pickServerType
    case rename(Section, String), duplicate(Section, String)
    case delete(Section, String)
    case addEdge(from: String), retarget(action: String, index: Int)
    case setRank(EdgeSelection)
    case setValue(JSONPointer, FieldKind)
    case addArgument(action: String)
    case addField(JSONPointer)
    case choose(JSONPointer)
    case invocationMode
    case saveAs, open
    case addListItem(ListRef), setContainer(action: String)
    case newTemplate, discardAndNew(template: String), discardAndOpen(path: String)
    case quit
    case recover(text: String, recoveryPath: String)
    case export(ExportPlan)
    /// Run a platform operation once confirmed (register, unregister, invoke, secrets push).
    case control(ControlStep)
    /// The `:timer set` cron field.
    case timerCron
    /// Which invocation `:monitor` watches.
    case pickInvocation
    /// Which secret `:secrets set` types.
    case pickSecret
    /// The masked field of `:secrets set NAME`: drawn as dots, its text pushed, never shown.
    case secretValue(name: String)
}

/// A modal dialog or input mode over the main screen.
public enum Mode: Equatable, Sendable {
    /// Keys go to the panes.
    case normal
    /// The `?` overlay, scrolled down `scroll` rows when it does not fit.
    case help(scroll: Int)
    /// The `:` palette: input and the highlighted suggestion.
    case palette(TextField, selected: Int)
    /// The `/` filter being typed.
    case filter(TextField)
    /// A one-line text prompt.
    case prompt(title: String, field: TextField, purpose: Purpose)
    /// Choose one of `options` (typing filters).
    case picker(title: String, options: [String], selected: Int, query: TextField, purpose: Purpose)
    /// A yes/no question; No is the default.
    case confirm(title: String, message: String, details: [String], purpose: Purpose)
    /// The JSON a save writes, scrolled to `scroll`.
    case preview(scroll: Int)
    /// The `:e` file browser.
    case browser(FileBrowser)
    /// An action's log in the last run: its first line shown at `scroll`, or following the
    /// end (nil) while it grows.
    case log(action: String, scroll: Int?)
    /// The messages pane: what platform operations said, scrolled to `scroll` (nil: the end).
    case messages(scroll: Int?)
}

/// How a form value is typed back into JSON.
public enum FieldKind: Equatable, Sendable, Hashable {
    /// Always a string.
    case string
    /// A number (refused if it does not parse).
    case number
    /// Typed: numbers, `true`/`false`, `null`, JSON objects/arrays/strings, else a string.
    case typed
    /// One string, or (when the text has commas) a list of strings, as `FunctionGitRepo`
    /// allows.
    case stringList
    /// A credential: edited masked, starting empty, never shown or echoed in a toast.
    case secret
}
