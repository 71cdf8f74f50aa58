/// The `FaaSrCore` module. See docs/decisions.md for what it holds.
public enum FaaSrCoreModule {
    /// Module name, for diagnostics.
    public static let name = "FaaSrCore"
}
