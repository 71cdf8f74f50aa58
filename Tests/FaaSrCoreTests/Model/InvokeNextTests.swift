import Testing
@testable import FaaSrCore

@Suite("InvokeNext parsing")
struct InvokeNextTests {
    @Test(arguments: [
        ("B", "B", nil as Int?, true),
        ("B(3)", "B", 3, true),
        ("B(1)", "B", 1, true),
        ("B(0)", "B", 0, true),
        ("B(x)", "B", nil, false),
        ("B(2)junk", "B", nil, false),
        ("B()", "B", nil, false),
        ("B(2", "B", nil, false),
        ("B (2)", "B ", 2, false),
        ("b-2", "b-2", nil, true),
        ("2b", "2b", nil, false),
        ("a_b", "a_b", nil, false),
        ("", "", nil, false),
    ])
    func parsesTargetText(text: String, name: String, rank: Int?, wellFormed: Bool) {
        let s = Successor(raw: text)
        #expect(s.name == name)
        #expect(s.rank == rank)
        #expect(s.isWellFormed == wellFormed)
        #expect(s.copies == (rank ?? 1))
    }

    @Test func formatsTargetText() {
        #expect(SuccessorText.format(name: "A", rank: nil) == "A")
        #expect(SuccessorText.format(name: "A", rank: 4) == "A(4)")
    }

    @Test func readsMixedList() throws {
        let v: JSONValue = ["A", ["True": ["B(2)"], "False": []], "C"]
        let inv = InvokeNext(v, at: "/ActionList/x/InvokeNext")
        #expect(inv.isPresent && !inv.isBareString && inv.hasConditional)
        let s = inv.successors
        #expect(s.map(\.name) == ["A", "B", "C"])
        #expect(s.map(\.branch) == [.always, .onTrue, .always])
        #expect(s[1].rank == 2)
        #expect(s[1].pointer == "/ActionList/x/InvokeNext/1/True/0")
        guard case .conditional(let t, let f, _) = inv.items[1] else { Issue.record("not conditional"); return }
        #expect(t?.count == 1)
        #expect(f?.isEmpty == true)
    }

    @Test func missingBranchIsNil() {
        let inv = InvokeNext(["False": ["X"]] as JSONValue, at: "/p")
        // A bare object is not an array: kept as `other`.
        #expect(inv.successors.isEmpty)
        let list = InvokeNext([["False": ["X"]]] as JSONValue, at: "/p")
        guard case .conditional(let t, let f, _) = list.items[0] else { Issue.record("not conditional"); return }
        #expect(t == nil)
        #expect(f?.first?.branch == .onFalse)
    }

    @Test func toleratesBareString() {
        let inv = InvokeNext(.string("B(2)"), at: "/p")
        #expect(inv.isBareString)
        #expect(inv.successors.first?.rank == 2)
        #expect(inv.successors.first?.pointer == "/p")
    }

    @Test func keepsOddItemsAsOther() {
        let inv = InvokeNext([1, ["True": ["A"], "Maybe": ["B"]], [:], ["True": [2]]] as JSONValue, at: "/p")
        #expect(inv.successors.isEmpty)
        #expect(inv.items.count == 4)
        for item in inv.items {
            guard case .other = item else { Issue.record("expected other: \(item)"); continue }
        }
        #expect(!InvokeNext(nil, at: "/p").isPresent)
    }
}
