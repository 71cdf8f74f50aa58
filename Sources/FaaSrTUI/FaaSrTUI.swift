/// The `FaaSrTUI` module. See docs/decisions.md for what it holds.
public enum FaaSrTUIModule {
    /// Module name, for diagnostics.
    public static let name = "FaaSrTUI"
}
