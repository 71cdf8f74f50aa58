/// The `TUIKit` module: a terminal-independent cell canvas, widgets and keymaps.
public enum TUIKitModule {
    /// Module name, for diagnostics.
    public static let name = "TUIKit"
}
