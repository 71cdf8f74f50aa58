import Foundation
import FaaSrTestSupport
import Testing
@testable import FaaSrCore

/// No input crashes the validator: mangled texts and values of every type in every place
/// give diagnostics with places, never a trap.
@Suite("Validator robustness")
struct ValidatorRobustnessTests {
    /// A small deterministic generator (xorshift64*), so failures reproduce.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let pieces: [[UInt8]] = ["{", "}", "[", "]", "\"", ",", ":", "\\", "0", "-1e9", "true", "null", "\n",
                                    "\"A(0)\"", "\"\\u00e9\"", "é", "{\"True\":[]}"].map { Array($0.utf8) }

    @Test func mangledTextsNeverCrashAndAlwaysHavePlaces() throws {
        let base = Array(JSONPrinter.print(ValidationFixtures.minimal).utf8)
        var rng = Rng(state: 0x9E37_79B9_7F4A_7C15)
        var unparseable = 0
        for _ in 0..<1500 {
            var bytes = base
            for _ in 0..<(1 + rng.below(4)) {
                let at = rng.below(bytes.count + 1)
                switch rng.below(3) {
                case 0 where !bytes.isEmpty: bytes.remove(at: min(at, bytes.count - 1))
                case 1: bytes.insert(contentsOf: Self.pieces[rng.below(Self.pieces.count)], at: at)
                default:
                    let len = rng.below(40)
                    let from = rng.below(bytes.count)
                    bytes.insert(contentsOf: bytes[from..<min(bytes.count, from + len)], at: at)
                }
            }
            for validator in [Validator(), Validator(options: .schemaOnly)] {
                let report = validator.validate(bytes: bytes)
                if report.isUnparseable {
                    unparseable += 1
                    #expect(report.diagnostics.count == 1)
                    #expect(report.diagnostics.first?.code == RuleCode.jsonSyntax)
                }
                for d in report.diagnostics {
                    #expect(d.location != nil, "\(d)")
                    #expect(!d.message.isEmpty)
                }
            }
        }
        #expect(unparseable > 100)
    }

    @Test func anyValueInAnyPlaceGivesDiagnosticsNotCrashes() {
        let values: [JSONValue] = [.null, true, 0, -3, 2.5, "", "x_y", "A(0)", "B(x)", [], [nil], ["a", 1],
                                   [:], ["True": "b"], ["True": [1]], [["False": []], ["True": []]]]
        var pointers: [JSONPointer] = [.root]
        func collect(_ v: JSONValue, _ p: JSONPointer) {
            switch v {
            case .object(let o): for m in o.members { pointers.append(p.appending(m.key)); collect(m.value, p.appending(m.key)) }
            case .array(let a): for (i, e) in a.enumerated() { pointers.append(p.appending(i)); collect(e, p.appending(i)) }
            default: break
            }
        }
        collect(ValidationFixtures.minimal, .root)
        var findings = 0
        for p in pointers {
            for v in values {
                var w = ValidationFixtures.minimal
                w.setValue(v, at: p)
                findings += Validator().validate(w).count
                findings += Validator(options: .schemaOnly).validate(w).count
            }
        }
        #expect(findings > pointers.count)
    }

    @Test func deepNestingIsASyntaxErrorNotAStackOverflow() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let report = Validator().validate(text: deep)
        #expect(report.isUnparseable)
        let wide = "{\"ActionList\": {" + (0..<3000).map { "\"a\($0)\": {\"InvokeNext\": [\"a\($0 + 1)\"]}" }.joined(separator: ",") + "}}"
        #expect(!Validator().validate(text: wide).diagnostics.isEmpty)
    }
}
