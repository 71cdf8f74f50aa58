import FaaSrCore
import FaaSrTestSupport
import Testing
@testable import FaaSrRuntime

/// Issue 10, the runtime column: the payload (core `Workflow` plus OVERWRITTEN) reads the same
/// target as validation, and the runtime's checks (FaaSr's schema, then `check_dag`) accept
/// exactly the workflows validation accepts.
@Suite struct RuntimeMalformedInvokeNextTests {
    @Test(arguments: MalformedInvokeNext.cases)
    func payloadVerdictAndTarget(_ c: MalformedInvokeNext.Case) {
        let base = MalformedInvokeNext.workflow(c).root
        let request = PayloadRequest(payloadURL: "u/r/main/wf.json", overwritten: JSONObject([.init(key: "FunctionInvoke", value: "A")]))
        let payload = ActionRunner.payload(base: base, request: request, schemaCheck: ActionRunner.faasrSchema)
        let targets = MalformedInvokeNext.parsedTargets(ActionPayload(base: base, overwritten: request.overwritten,
                                                                      payloadURL: request.payloadURL).workflow)
        #expect(targets.map(\.name) == (c.target.map { [$0] } ?? []))
        #expect(targets.first?.rank == c.rank)
        let verdict = payload.flatMap { p in ActionRunner.checkGraph(WorkflowGraph(p.workflow), functionInvoke: "A") }
        switch verdict {
        case .success: #expect(c.accepted, "\(c) accepted by the runtime")
        case .failure(let f): #expect(!c.accepted, "\(c) refused by the runtime: \(f)")
        }
    }
}
