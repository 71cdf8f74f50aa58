import FaaSrCore
import TUIKit

/// Draws the whole designer for a state. Pure: same state, same canvas.
public func render(_ s: AppState) -> (canvas: Canvas, cursor: (x: Int, y: Int)?) {
    var c = Canvas(size: s.size)
    guard s.size.width >= ScreenLayout.minimum.width, s.size.height >= ScreenLayout.minimum.height else {
        c.put("terminal too small: \(s.size.width)×\(s.size.height), need \(ScreenLayout.minimum.width)×\(ScreenLayout.minimum.height)", x: 0, y: 0, role: .warning, maxWidth: s.size.width)
        return (c, nil)
    }
    let layout = ScreenLayout(size: s.size)
    ListPaneView.draw(s, into: &c, at: layout.list)
    DagPaneView.draw(s, into: &c, at: layout.dag)
    var cursor = DetailsPaneView.draw(s, into: &c, at: layout.details)
    ProblemsPaneView.draw(s, into: &c, at: layout.problems)
    StatusBarView.draw(s, into: &c, at: layout.status)
    if let overlayCursor = OverlayView.draw(s, into: &c) { cursor = overlayCursor }
    return (s.glyphs.isASCII ? c.asciiFallback() : c, cursor)
}

/// Shared pane frame drawing.
enum PaneFrame {
    static func draw(_ title: String, number: String, focused: Bool, s: AppState, into c: inout Canvas, at r: Rect) -> Rect {
        c.box(r, role: focused ? .focusBorder : .border, title: "\(number) \(title)", titleRole: focused ? .focusBorder : .title,
              heavy: focused, glyphs: s.glyphs)
        return r.inset(by: 1)
    }
}
