/// The `FaaSrLayout` module. See docs/decisions.md for what it holds.
public enum FaaSrLayoutModule {
    /// Module name, for diagnostics.
    public static let name = "FaaSrLayout"
}
