import FaaSrCore
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// The layered graph after a run: every action's box carries its state label.
@Suite("run labels in the layered graph")
struct RunDiamondLabelTests {
    @Test("a finished diamond shows ✓ done on every box in the layered drawing")
    func diamondDoneLabels() throws {
        let text = try String(contentsOf: RunSupport.packageRoot.appendingPathComponent("samples/diamond/diamond.json"), encoding: .utf8)
        var j = try Journey(text: text, size: Size(width: 120, height: 36))
        var run = RunState(workflowPath: "/tmp/wf.json", actions: j.state.graphIndex.names)
        for name in j.state.graphIndex.names {
            var p = ActionProgress(action: name)
            p.state = .done; p.startTime = 0.1; p.endTime = 0.25; p.finished = 1
            run.actions[name] = p
        }
        run.phase = .finished(succeeded: true)
        j.state.run = run
        j.press("5")
        #expect(j.screen.components(separatedBy: "✓ done").count - 1 == 4, "\(j.screen)")
    }
}
