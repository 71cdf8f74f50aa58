import FaaSrCore
import FaaSrTestSupport
import Testing

/// Issue 10: every malformed `InvokeNext` item gets one verdict and one parsed target. This is
/// the validation column; the runtime payload, the CLI and the designer's document run the
/// same table (`MalformedInvokeNext.cases`).
@Suite struct MalformedInvokeNextTests {
    @Test(arguments: MalformedInvokeNext.cases)
    func validationVerdictAndTarget(_ c: MalformedInvokeNext.Case) {
        let w = MalformedInvokeNext.workflow(c)
        let errors = Validator().validate(.object(w.root)).filter { $0.severity == .error }
        #expect(errors.isEmpty == c.accepted, "\(c): \(errors.map(\.description))")
        let targets = MalformedInvokeNext.parsedTargets(w)
        #expect(targets.map(\.name) == (c.target.map { [$0] } ?? []))
        #expect(targets.first?.rank == c.rank)
        // The graph has exactly the parsed edge, and FaaSr's check agrees with the validator.
        let g = WorkflowGraph(w)
        #expect(g.edges.map(\.to) == targets.map(\.name))
        let faasr = Result { try g.faasrCheck(functionInvoke: "A") }
        if c.target != nil { #expect((try? faasr.get()) != nil || !c.accepted) }
        if c.accepted { #expect((try? faasr.get()) == []) }
    }
}
