import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// Platform operations through ``Program`` and a ``FakeTerminal`` with the real `faasr`: the
/// operation runs in the background while keys are still read.
@Suite("platform operation journeys (fake terminal)", .serialized)
struct ControlJourneyTests {
    @Test(":register without the server's credentials: the plan is not shown, the toast says what to set, the messages pane has the hint")
    func registerWithoutCredentials() async throws {
        guard let faasr = try RunSupport.faasr() else { return }
        let path = try RunSupport.sample("diamond")
        let state = try EffectRunner.startState(path: path, size: Size(width: 140, height: 36), glyphs: .unicode)
        let term = FakeTerminal(size: Size(width: 140, height: 36), script: [
            .key(.char(":")), .type("register"), .key(.enter), .waitFor("planning register failed", seconds: 120),
            .key(.char("m")), .waitFor("Messages", seconds: 5),
        ])
        let program = Program(state: state, terminal: term, timing: .nonBlocking, faasr: faasr)
        await program.run()
        for f in term.failures { Issue.record(Comment(rawValue: f)) }
        #expect(program.state.controlInFlight == nil)
        #expect(program.state.messages.first?.hasPrefix("── faasr register") == true)
        #expect(program.state.messages.contains { $0.contains("error:") }, "\(program.state.messages)")
        #expect(term.screen.contains("faasr register"))
    }
}
