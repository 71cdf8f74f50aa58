/// The `NCursesBackend` module. See docs/decisions.md for what it holds.
public enum NCursesBackendModule {
    /// Module name, for diagnostics.
    public static let name = "NCursesBackend"
}
