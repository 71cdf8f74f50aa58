import FaaSrCore
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// `:register`, `:invoke`, `:monitor`, `:timer`, `:secrets` through the reducer: the effects it
/// asks for, and the dialogs and graph the answers (as `faasr` prints them) lead to.
@Suite("platform operations (reducer)")
struct ControlReducerTests {
    func journey() throws -> Journey { try Journey(text: tutorialText, path: "/tmp/wf.json", size: Size(width: 120, height: 36)) }

    func palette(_ j: inout Journey, _ line: String) {
        j.press(":"); j.type(line); j.press("Enter")
    }

    @Test(":register shows the plan per platform, asks, and applies only after y")
    func registerPlanConfirmApply() throws {
        var j = try journey()
        palette(&j, "register")
        #expect(j.effects.last == .start(.control(.registerPlan(server: nil), workflowPath: "/tmp/wf.json")))
        #expect(j.state.controlInFlight == .registerPlan(server: nil))
        let plan = ["Would register tutorial (/tmp/wf.json):", "  create     s3://faasr/registered/workflow.json  (the workflow as actions read it)",
                    "  GH (GitHubActions):", "    create     .github/workflows/tutorial-start.yml", "    update     .github/workflows/tutorial-sum.yml",
                    "  create     s3://faasr/registered/registration.json"]
        j.send(.control(.registerPlan(server: nil), ControlOutcome(status: 0, lines: plan)))
        guard case .confirm(let title, _, let details, .control(.register(nil))) = j.state.mode else { Issue.record("\(j.state.mode)"); return }
        #expect(title == "Register")
        #expect(details.contains("  GH (GitHubActions):"))
        #expect(j.screen.contains("create     .github/workflows/tutorial-start.yml"))
        #expect(j.screen.contains("update     .github/workflows/tutorial-sum.yml"))
        j.effects = []
        j.press("y")
        #expect(j.effects == [.start(.control(.register(server: nil), workflowPath: "/tmp/wf.json"))])
        j.send(.control(.register(server: nil), ControlOutcome(status: 0, lines: ["Registered tutorial. Start it with: faasr invoke /tmp/wf.json"])))
        #expect(j.state.toast?.contains("Registered tutorial") == true)
        #expect(j.state.controlInFlight == nil)
        j.press("m")
        #expect(j.screen.contains("faasr register /tmp/wf.json"))
        #expect(j.screen.contains("Registered tutorial."))
    }

    @Test(":register: n leaves everything as it is; a failure says what to fix")
    func registerDeclinedAndFailing() throws {
        var j = try journey()
        palette(&j, "register GH")
        #expect(j.effects.last == .start(.control(.registerPlan(server: "GH"), workflowPath: "/tmp/wf.json")))
        j.send(.control(.registerPlan(server: "GH"), ControlOutcome(status: 0, lines: ["  GH (GitHubActions):", "    create     x.yml"])))
        j.effects = []
        j.press("n")
        #expect(j.effects.isEmpty && j.state.mode == .normal)
        palette(&j, "register GH")
        j.send(.control(.registerPlan(server: "GH"), ControlOutcome(status: 1, lines: [
            "faasr register: error: the secret GH_PAT has no value", "    hint: set GH_PAT in the environment or .env"])))
        #expect(j.state.toast?.contains("GH_PAT has no value") == true)
        #expect(j.state.toast?.contains("hint: set GH_PAT") == true)
        j.effects = []
        palette(&j, "register NOPE")
        #expect(j.effects.isEmpty)
        #expect(j.state.toast?.contains("no compute server 'NOPE'") == true)
    }

    @Test("Esc cancels a platform operation in flight")
    func escCancels() throws {
        var j = try journey()
        palette(&j, "unregister")
        j.effects = []
        j.press("Escape")
        #expect(j.effects == [.cancel(.control)])
        j.send(.control(.unregisterPlan, ControlOutcome(status: nil, lines: ["cancelled"])))
        #expect(j.state.toast == "planning unregister: cancelled")
    }

    @Test(":invoke asks first, shows the InvocationID, and the monitor colours the graph to done with job ids")
    func invokeThenMonitor() throws {
        var j = try journey()
        palette(&j, "invoke")
        guard case .confirm(_, _, _, .control(.invoke)) = j.state.mode else { Issue.record("\(j.state.mode)"); return }
        #expect(j.effects.isEmpty || !j.effects.contains(.start(.control(.invoke, workflowPath: "/tmp/wf.json"))))
        j.press("y")
        #expect(j.effects.last == .start(.control(.invoke, workflowPath: "/tmp/wf.json")))
        j.send(.control(.invoke, ControlOutcome(status: 0, lines: [#"{"InvocationID": "inv-42", "InvocationTimestamp": "2026-12-05T22:00:00", "JobID": "17"}"#])))
        #expect(j.state.toast?.contains("inv-42") == true)
        #expect(j.effects.last == .start(.monitor(workflowPath: "/tmp/wf.json", invocation: "inv-42")))
        let running = try #require(MonitorEvent.parse(statusJSON(start: "done", sum: "running")))
        j.send(.monitor(running))
        #expect(j.state.run?.actions["start"]?.state == .done)
        #expect(j.state.run?.actions["sum"]?.state == .running)
        #expect(j.state.run?.actions["start"]?.jobID == "GitHubActions 901")
        let done = try #require(MonitorEvent.parse(statusJSON(start: "done", sum: "done")))
        j.send(.monitor(done))
        j.send(.monitor(.ended(cancelled: false)))
        #expect(j.state.run?.phase == .finished(succeeded: true))
        #expect(j.state.toast?.contains("invocation inv-42") == true)
        #expect(j.screen.components(separatedBy: "✓ done").count - 1 == 2, "\(j.screen)")
        j.press("5", "o")
        #expect(j.screen.contains("GitHubActions 901"))
    }

    @Test(":monitor latest polls the latest invocation; Esc stops watching")
    func monitorCancel() throws {
        var j = try journey()
        palette(&j, "monitor latest")
        #expect(j.effects.last == .start(.monitor(workflowPath: "/tmp/wf.json", invocation: nil)))
        j.send(.monitor(.problem("faasr status: error: tutorial has no invocations in the logging store yet")))
        #expect(j.state.run?.isActive == true)
        j.effects = []
        j.press("Escape")
        #expect(j.effects == [.cancel(.monitor)])
        j.send(.monitor(.ended(cancelled: true)))
        #expect(j.state.run?.phase == .cancelled)
    }

    @Test(":monitor lists the invocations started here and those in the logging store, newest first; the chosen one is watched")
    func monitorPicksRecent() throws {
        var j = try journey()
        palette(&j, "invoke"); j.press("y")
        j.send(.control(.invoke, ControlOutcome(status: 0, lines: [#"{"InvocationID": "mine-1", "InvocationTimestamp": "2026-12-05T21:00:00"}"#])))
        j.press("Escape")
        j.send(.monitor(.ended(cancelled: true)))
        j.effects = []
        j.press("M")
        #expect(j.effects == [.start(.control(.listInvocations, workflowPath: "/tmp/wf.json"))])
        #expect(ControlStep.listInvocations.arguments("/tmp/wf.json") == ["status", "/tmp/wf.json", "--list", "--json"])
        j.send(.control(.listInvocations, ControlOutcome(status: 0, lines: [
            #"[{"InvocationID": "newest", "Timestamp": "2026-12-05T23-00-00"}, {"InvocationID": "mine-1", "Timestamp": "2026-12-05T21-00-00"},"#,
            #" {"InvocationID": "oldest", "Timestamp": "2026-12-04T08-00-00"}]"#])))
        guard case .picker(_, let options, _, _, .pickInvocation) = j.state.mode else { Issue.record("\(j.state.mode)"); return }
        #expect(options.map { String($0.split(separator: " ")[0]) } == ["newest", "mine-1", "oldest"])
        #expect(options[1].contains("started here") && !options[0].contains("started here"))
        #expect(j.screen.contains("newest  2026-12-05T23-00-00 UTC"))
        j.press("Down", "Enter")
        #expect(j.effects.last == .start(.monitor(workflowPath: "/tmp/wf.json", invocation: "mine-1")))
        #expect(j.state.run?.invocationID == "mine-1")
        // A store that cannot be read still lists what was started here; with nothing, it says why.
        j.press("Escape"); j.send(.monitor(.ended(cancelled: true)))
        palette(&j, "monitor")
        j.send(.control(.listInvocations, ControlOutcome(status: 1, lines: ["faasr status: error: cannot reach the logging store"])))
        guard case .picker(_, let only, _, _, .pickInvocation) = j.state.mode else { Issue.record("\(j.state.mode)"); return }
        #expect(only.count == 1 && only[0].hasPrefix("mine-1") && j.state.toast?.contains("could not be read") == true)
        var fresh = try journey()
        palette(&fresh, "monitor")
        fresh.send(.control(.listInvocations, ControlOutcome(status: 0, lines: ["[]"])))
        #expect(fresh.state.mode == .normal && fresh.state.toast?.contains("no invocations") == true)
    }

    @Test(":timer explains the cron field in words, refuses a bad one, and sets a good one")
    func timer() throws {
        var j = try journey()
        palette(&j, "timer")
        #expect(j.screen.contains("runs every 5 minutes"))
        j.press("C-u"); j.type("61 * * * *")
        #expect(j.screen.contains("the minute field '61' is not 0–59"))
        j.press("Enter")
        #expect(!j.effects.contains { if case .start = $0 { true } else { false } })
        guard case .prompt(_, _, .timerCron) = j.state.mode else { Issue.record("the field stays open: \(j.state.mode)"); return }
        j.press("Escape")
        palette(&j, "timer set 30 2 * * 1")
        #expect(j.effects.last == .start(.control(.timerSet(cron: "30 2 * * 1"), workflowPath: "/tmp/wf.json")))
        #expect(j.state.messages.contains("timer: '30 2 * * 1' runs at 02:30 UTC on Monday"))
        j.send(.control(.timerSet(cron: "30 2 * * 1"), ControlOutcome(status: 0, lines: ["Timer set: tutorial starts at start on GH on '30 2 * * 1'."])))
        #expect(j.state.toast?.contains("Timer set") == true)
        palette(&j, "timer unset")
        #expect(j.effects.last == .start(.control(.timerUnset, workflowPath: "/tmp/wf.json")))
    }

    @Test(":secrets lists where each secret exists (names only) and pushes only after y")
    func secrets() throws {
        var j = try journey()
        palette(&j, "secrets")
        #expect(j.effects.last == .start(.control(.secretsCheck, workflowPath: "/tmp/wf.json")))
        j.send(.control(.secretsCheck, ControlOutcome(status: 0, lines: [
            "  NAME          LOCAL    GH (me/FaaSr-workflow)  ", "  GH_PAT        set      present  ", "  S3_AccessKey  set      missing  "])))
        #expect(j.screen.contains("S3_AccessKey  set      missing"))
        j.press("y")
        #expect(j.effects.last == .start(.control(.secretsPush, workflowPath: "/tmp/wf.json")))
    }

    @Test(":secrets set NAME: the value is typed masked, pushed in the child's environment only, and never drawn, toasted or noted")
    func secretTypedMasked() throws {
        var j = try journey()
        let secret = "s3cr3t-typed-VALUE"
        palette(&j, "secrets set S3_SecretKey")
        guard case .prompt(_, _, .secretValue("S3_SecretKey")) = j.state.mode else { Issue.record("\(j.state.mode)"); return }
        var frames: [String] = []
        for c in secret { j.send(.key(.char(c))); frames.append(j.screen) }
        #expect(j.screen.contains(String(repeating: "•", count: secret.count)))
        j.press("Enter")
        let step = ControlStep.secretsPushTyped(name: "S3_SecretKey", value: SecretValue(secret))
        #expect(j.effects.last == .start(.control(step, workflowPath: "/tmp/wf.json")))
        #expect(step.arguments("/tmp/wf.json") == ["secrets", "push", "/tmp/wf.json"], "never in the arguments")
        #expect(step.environment == ["S3_SecretKey": secret])
        frames.append(j.screen)
        j.send(.control(step, ControlOutcome(status: 0, lines: ["GH (me/FaaSr-workflow): S3_SECRETKEY updated"])))
        #expect(j.state.toast?.contains("S3_SECRETKEY updated") == true)
        j.press("m")
        frames.append(j.screen)
        #expect(!frames.contains { $0.contains(secret) })
        #expect(!"\(j.state) \(j.effects) \(step)".contains(secret), "printing the state, effects or step shows dots")
        // An unknown name, or nothing typed, pushes nothing.
        j.effects = []
        j.press("Escape")
        palette(&j, "secrets set NOPE")
        #expect(j.state.toast?.contains("not a secret this workflow needs") == true, "\(j.state.toast ?? "") \(j.state.mode)")
        palette(&j, "secrets set GH_PAT"); j.press("Enter")
        #expect(j.effects.isEmpty && j.state.toast?.contains("nothing typed") == true)
        palette(&j, "secrets set")
        guard case .picker(_, let names, _, _, .pickSecret) = j.state.mode else { Issue.record("\(j.state.mode)"); return }
        #expect(names.contains("GH_PAT") && names.contains("S3_SecretKey"))
    }

    @Test("unsaved edits: platform operations ask to save first")
    func unsaved() throws {
        var j = try journey()
        j.state.doc.setTop(WorkflowKey.workflowName, "changed")
        j.effects = []
        palette(&j, "register")
        #expect(j.effects.isEmpty)
        #expect(j.state.toast?.contains("save first") == true)
    }

    func statusJSON(start: String, sum: String) -> String {
        """
        {"workflow": "tutorial", "invocationID": "inv-42", "timestamp": "2026-12-05T22:00:00", "folder": "x",
         "actions": [{"action": "start", "state": "\(start)", "server": "GH", "platform": "GitHubActions", "jobID": "901"},
                     {"action": "sum", "state": "\(sum)", "server": "GH"}]}
        """
    }
}

@Suite("cron in words")
struct CronTextTests {
    @Test("common schedules read as words", arguments: [
        ("*/5 * * * *", "every 5 minutes"), ("* * * * *", "every minute"), ("15 * * * *", "every hour at minute 15"),
        ("0 */6 * * *", "every 6 hours at minute 0"), ("30 2 * * *", "at 02:30 UTC every day"),
        ("0 9 * * 1-5", "at 09:00 UTC on Monday to Friday"), ("0 0 1 * *", "at 00:00 UTC on day 1 of the month"),
        ("0 12 * 1,7 *", "at 12:00 UTC in January and July"),
    ])
    func words(_ cron: String, _ words: String) {
        #expect(CronText.describe(cron) == .success(words))
    }

    @Test("bad schedules say which field and what it allows", arguments: [
        ("* * * *", "5 fields"), ("61 * * * *", "minute field '61'"), ("0 24 * * *", "hour field '24'"),
        ("*/0 * * * *", "minute field"), ("0 0 0 * *", "day of month"), ("0 0 * 13 *", "month field"), ("0 0 * * mon", "weekday"),
    ])
    func problems(_ cron: String, _ says: String) {
        guard case .failure(let p) = CronText.describe(cron) else { Issue.record("\(cron) parsed"); return }
        #expect(p.description.contains(says), "\(p)")
    }
}
