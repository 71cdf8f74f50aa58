/// The `FaaSrRuntime` module. See docs/decisions.md for what it holds.
public enum FaaSrRuntimeModule {
    /// Module name, for diagnostics.
    public static let name = "FaaSrRuntime"
}
