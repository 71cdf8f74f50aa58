import FaaSrCore
import TUIKit

/// Platform operations from the palette: register (plan, ask, apply), unregister, invoke (ask,
/// then monitor), timers and secrets. Each runs `faasr` as a background job; `Esc` cancels it.
/// Results go to a toast and the messages pane (`m`).
extension AppState {
    /// The saved workflow file an operation works on, or nil with a toast saying what to do.
    mutating func platformFile(_ what: String) -> String? {
        guard let filePath, !isDirty else {
            toast = "save first (C-s): \(what) uses the file on disk"
            return nil
        }
        let errors = problems.filter { $0.severity == .error }.count
        if errors > 0 {
            toast = "\(glyphs.cross) fix the \(errors) error(s) first (6 shows them)"
            return nil
        }
        return filePath
    }

    /// Runs one platform command.
    mutating func controlCommand(_ command: Command) -> [Effect] {
        switch command {
        case .messages:
            mode = .messages(scroll: nil)
            return []
        case .monitor: return listInvocations()
        case .monitorInvocation(let id): return id.isEmpty ? listInvocations() : startMonitor(id == "latest" ? nil : id)
        case .timer:
            mode = .prompt(title: "Timer: cron schedule (minute hour day month weekday, UTC)", field: TextField("*/5 * * * *"), purpose: .timerCron)
            return []
        case .timerSet(let cron):
            if cron.isEmpty { return controlCommand(.timer) }
            switch CronText.describe(cron) {
            case .failure(let p):
                toast = "\(glyphs.cross) \(p.description)"
                mode = .prompt(title: "Timer: cron schedule (minute hour day month weekday, UTC)", field: TextField(cron), purpose: .timerCron)
                return []
            case .success(let words):
                note("timer: '\(cron)' runs \(words)")
                return startControl(.timerSet(cron: cron))
            }
        case .invoke:
            guard platformFile(":invoke") != nil else { return [] }
            mode = .confirm(title: "Invoke", message: "Start \(doc.root[WorkflowKey.workflowName]?.stringValue ?? "the workflow") on its platforms now?",
                            details: ["it runs at the entry action '\(doc.entry ?? "?")' (register first if it is not registered)",
                                      "then the monitor shows each action's state"], purpose: .control(.invoke))
            return []
        case .register: return startControl(.registerPlan(server: nil))
        case .registerOn(let server):
            guard doc.serverNames.contains(server) else {
                toast = "\(glyphs.cross) there is no compute server '\(server)' (2 lists them: \(doc.serverNames.joined(separator: ", ")))"
                return []
            }
            return startControl(.registerPlan(server: server))
        case .unregister: return startControl(.unregisterPlan)
        case .timerUnset: return startControl(.timerUnset)
        case .secrets: return startControl(.secretsCheck)
        case .secretsPush: return startControl(.secretsPush)
        case .secretsSet:
            let names = doc.workflow.secretNames
            guard !names.isEmpty else { toast = "this workflow needs no secrets"; return [] }
            mode = .picker(title: "Type which secret's value (masked)", options: names, selected: 0, query: TextField(), purpose: .pickSecret)
            return []
        case .secretsSetName(let name):
            if name.isEmpty { return controlCommand(.secretsSet) }
            guard doc.workflow.secretNames.contains(name) else {
                toast = "\(glyphs.cross) '\(name)' is not a secret this workflow needs (:secrets lists them)"
                return []
            }
            guard platformFile(":secrets set") != nil else { return [] }
            mode = .prompt(title: "Value of \(name) (shown as •; pushed with the others from the environment or .env)",
                           field: TextField(), purpose: .secretValue(name: name))
            return []
        default: return []
        }
    }

    /// The masked field of `:secrets set NAME` was entered: push, the value in the child's
    /// environment only. Nothing here names the value (toasts and messages say "as typed").
    mutating func pushTypedSecret(_ name: String, _ value: String) -> [Effect] {
        guard !value.isEmpty else {
            toast = "nothing typed: \(name) was not pushed"
            return []
        }
        return startControl(.secretsPushTyped(name: name, value: SecretValue(value)))
    }

    /// Starts `step` on the saved file (one operation at a time).
    mutating func startControl(_ step: ControlStep) -> [Effect] {
        if let busy = controlInFlight {
            toast = "\(busy.title) is in flight: Esc cancels it"
            return []
        }
        guard let path = platformFile(":" + (step.arguments("").first ?? "")) else { return [] }
        controlInFlight = step
        toast = "\(step.title)… (Esc cancels)"
        return [.start(.control(step, workflowPath: path))]
    }

    /// Cancels the platform operation in flight.
    mutating func cancelControl() -> [Effect] {
        guard let step = controlInFlight else { return [] }
        toast = "\(step.title): cancelling…"
        return [.cancel(.control)]
    }

    /// Adds lines to the messages pane (the last 500 are kept).
    mutating func note(_ lines: String...) { note(lines) }
    mutating func note(_ lines: [String]) { messages = Array((messages + lines).suffix(500)) }

    /// A platform operation ended: plans are shown and asked about, results toasted and noted.
    mutating func controlEnded(_ step: ControlStep, _ out: ControlOutcome) -> [Effect] {
        controlInFlight = nil
        note(["── faasr " + step.arguments(filePath ?? "").joined(separator: " ")] + out.lines)
        if step == .listInvocations { return invocationsListed(out) }
        guard out.succeeded else {
            toast = out.lines.last == "cancelled" ? "\(step.title): cancelled" : "\(glyphs.cross) \(step.title) failed: \(out.errorText)"
            return []
        }
        switch step {
        case .registerPlan(let server):
            if out.lines.contains(where: { $0.hasPrefix("Nothing to change") }) || !out.lines.contains(where: { $0.contains("create") || $0.contains("update") || $0.contains("delete") }) {
                toast = "\(glyphs.check) nothing to change: already registered"
                return []
            }
            mode = .confirm(title: "Register", message: "Apply this plan?", details: out.lines.filter { !$0.isEmpty }, purpose: .control(.register(server: server)))
        case .unregisterPlan:
            mode = .confirm(title: "Unregister", message: "Remove what this plan deletes?", details: out.lines.filter { !$0.isEmpty }, purpose: .control(.unregister))
        case .secretsCheck:
            mode = .confirm(title: "Secrets", message: "Push the values from the environment or .env?",
                            details: out.lines.filter { !$0.isEmpty } + ["(:secrets set NAME types one value masked instead)"], purpose: .control(.secretsPush))
        case .invoke:
            let id = MonitorEvent.invocationID(in: out.lines)
            rememberInvocation(out.lines)
            toast = "\(glyphs.check) invoked: InvocationID \(id ?? "?")"
            return startMonitor(id)
        default:
            toast = "\(glyphs.check) " + (out.lines.last { !$0.isEmpty } ?? "\(step.title): done")
        }
        return []
    }

    /// Keys of the messages pane: scroll, follow the end, close.
    mutating func handleMessagesKey(_ key: Key, scroll: Int?) -> [Effect] {
        let page = max(1, size.height - 4)
        let top = scroll ?? max(0, messages.count - page)
        switch key {
        case .char("j"), .down: mode = .messages(scroll: min(max(0, messages.count - 1), top + 1))
        case .char("k"), .up: mode = .messages(scroll: max(0, top - 1))
        case .char("G"), .end: mode = .messages(scroll: nil)
        case .char("g"), .home: mode = .messages(scroll: 0)
        default: mode = .normal
        }
        return []
    }
}
