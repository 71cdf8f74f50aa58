// The generic layer (lossless JSON, the JSON Schema engine, UTC time, the atomic file
// writer) is re-exported, so `import FaaSrCore` keeps giving everything it always gave.
@_exported import FaaSrBase

/// The `FaaSrCore` module: the workflow model and its edits, the graph, validation, 1.x
/// migration, secret names and the platform facts, over FaaSrBase's lossless JSON.
public enum FaaSrCoreModule {
    /// Module name, for diagnostics.
    public static let name = "FaaSrCore"
}
