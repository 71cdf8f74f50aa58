/// The `TUIKit` module. See docs/decisions.md for what it holds.
public enum TUIKitModule {
    /// Module name, for diagnostics.
    public static let name = "TUIKit"
}
