/// The stable rule codes of ``Diagnostic/code``. Schema findings use `schema.<keyword>`
/// (`schema.required`, `schema.pattern`, ...), named after the JSON Schema keyword that failed.
public enum RuleCode {
    /// The text is not JSON.
    public static let jsonSyntax = "json.syntax"
    /// An object repeats a key (only the last one counts).
    public static let jsonDuplicateKey = "json.duplicate-key"
    /// The file is a FaaSr 1.x workflow (`FunctionList`).
    public static let formatLegacy = "format.legacy"
    /// A schema finding for `keyword`.
    public static func schema(_ keyword: String) -> String { "schema.\(keyword)" }

    /// `FunctionInvoke` names no action.
    public static let graphEntryMissing = "graph.entry-missing"
    /// `FunctionInvoke` names an action that other actions invoke.
    public static let graphEntryHasPredecessors = "graph.entry-has-predecessors"
    /// The workflow has no root or more than one.
    public static let graphRoots = "graph.roots"
    /// The actions form a cycle.
    public static let graphCycle = "graph.cycle"
    /// An action cannot be reached from the entry action.
    public static let graphUnreachable = "graph.unreachable"
    /// An InvokeNext target names no action.
    public static let graphUnknownTarget = "graph.unknown-target"
    /// An InvokeNext target is written with rank `(0)`.
    public static let graphRankZero = "graph.rank-zero"
    /// A ranked action has more than one predecessor.
    public static let graphRankedFanIn = "graph.ranked-fan-in"
    /// A ranked action has a ranked predecessor.
    public static let graphRankedPredecessor = "graph.ranked-predecessor"
    /// An action has both conditional and unconditional predecessors.
    public static let graphMixedPredecessors = "graph.mixed-predecessors"
    /// An action is the conditional target of more than one action.
    public static let graphConditionalSources = "graph.conditional-sources"
    /// A join waits on both branches of one condition and can never run.
    public static let graphUnsatisfiableJoin = "graph.unsatisfiable-join"

    /// An action's `FaaSServer` names no compute server.
    public static let refComputeServer = "ref.compute-server"
    /// `DefaultDataStore` or `LoggingDataStore` names no data store.
    public static let refDataStore = "ref.data-store"
    /// An `ActionContainers` key matches no action.
    public static let refUnusedContainer = "ref.unused-container"
    /// A `FunctionGitRepo` or package entry matches no function.
    public static let refUnusedFunctionEntry = "ref.unused-function-entry"
    /// A credential is written inline instead of in the secret store.
    public static let refInlineCredential = "ref.inline-credential"
    /// A compute server no action uses.
    public static let refUnusedServer = "ref.unused-server"
}
