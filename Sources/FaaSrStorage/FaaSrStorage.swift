/// The `FaaSrStorage` module. See docs/decisions.md for what it holds.
public enum FaaSrStorageModule {
    /// Module name, for diagnostics.
    public static let name = "FaaSrStorage"
}
