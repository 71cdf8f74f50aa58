import TUIKit

/// Where each pane goes for a terminal size.
public struct ScreenLayout: Equatable, Sendable {
    /// The left list.
    public var list: Rect
    /// The graph.
    public var dag: Rect
    /// The form.
    public var details: Rect
    /// The problems.
    public var problems: Rect
    /// The status bar row.
    public var status: Rect

    /// Smallest usable size.
    public static let minimum = Size(width: 60, height: 16)

    /// The layout for `size`.
    public init(size: Size) {
        let h = size.height - 1
        let lw = min(30, max(20, size.width / 4))
        let rw = size.width - lw
        let dagH = max(5, h * 9 / 20)
        let bottomH = h - dagH
        let problemsW = max(24, rw * 7 / 20)
        list = Rect(x: 0, y: 0, width: lw, height: h)
        dag = Rect(x: lw, y: 0, width: rw, height: dagH)
        details = Rect(x: lw, y: dagH, width: rw - problemsW, height: bottomH)
        problems = Rect(x: lw + rw - problemsW, y: dagH, width: problemsW, height: bottomH)
        status = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
    }
}
