/// The `FaaSrCore` module: lossless JSON, the workflow model and its edits, validation,
/// 1.x migration and secret names. Everything else in the package stands on it.
public enum FaaSrCoreModule {
    /// Module name, for diagnostics.
    public static let name = "FaaSrCore"
}
