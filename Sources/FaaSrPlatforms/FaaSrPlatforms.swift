/// The `FaaSrPlatforms` module. See docs/decisions.md for what it holds.
public enum FaaSrPlatformsModule {
    /// Module name, for diagnostics.
    public static let name = "FaaSrPlatforms"
}
