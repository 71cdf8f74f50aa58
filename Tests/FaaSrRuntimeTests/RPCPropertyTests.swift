import FaaSrCore
import Foundation
import PropertyBased
import Testing
@testable import FaaSrRuntime

/// The RPC server under generated requests: missing, empty, null and wrong-typed arguments,
/// unknown procedures and names, nested and huge bodies, paths with `..` and absolute paths.
@Suite struct RPCPropertyTests {
    /// No request crashes the server; none succeeds with a required argument that is not a
    /// non-empty string; a refused one changes nothing; none touches a file outside the
    /// working directory (which holds the store) or sends the outside secret to the store.
    @Test func generatedRequests() async throws {
        let h = try await RPCHarness()
        let outsideBefore = RPCHarness.snapshot(h.outside)
        let outsideName = h.outside.lastPathComponent
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int.max)) { seed in
            var g = RequestGenerator(seed: UInt64(truncatingIfNeeded: seed), outside: h.outside.path, outsideName: outsideName)
            let (body, procedure, arguments) = g.request()
            let before = RPCHarness.snapshot(h.work)
            guard let (status, answer) = try? await h.action(body) else {
                Issue.record("no answer to \(body.prefix(300))"); return
            }
            #expect(status == 200)
            guard let success = answer?["Success"]?.boolValue else {
                Issue.record("no Success in the answer to \(body.prefix(300))"); return
            }
            if success, let procedure, let signature = ProcedureSignature.all[procedure] {
                for name in signature.required {
                    let v = arguments?[name]
                    #expect(v?.stringValue.map { !$0.isEmpty } == true, "\(procedure) succeeded without \(name): \(body.prefix(300))")
                }
            }
            if !success {
                #expect(answer?.string("Message")?.isEmpty == false)
                #expect(RPCHarness.snapshot(h.work) == before, "a refused request changed files: \(body.prefix(300))")
            }
            #expect(RPCHarness.snapshot(h.outside) == outsideBefore, "a file outside changed: \(body.prefix(300))")
            let stored = RPCHarness.snapshot(h.stores)
            #expect(!stored.values.contains { $0.map { String(decoding: $0, as: UTF8.self) == RPCHarness.secretText } ?? false },
                    "the outside secret reached the store: \(body.prefix(300))")
        }
        let (_, deep) = try await h.action(String(repeating: "[", count: 100_000))
        #expect(deep?["Success"] == false)
        let (_, huge) = try await h.action(#"{"ProcedureID":"faasr_log","Arguments":{"log_message":""# + String(repeating: "x", count: 65 << 20) + #""}}"#)
        #expect(huge?["Success"] == false)
        #expect(try await h.call("faasr_rank", "{}")?["Success"] == true, "the server stopped answering")
        await h.stop()
    }
}

/// Random `/faasr-action` bodies from a seed (SplitMix64).
struct RequestGenerator {
    var state: UInt64
    let outside: String, outsideName: String

    init(seed: UInt64, outside: String, outsideName: String) {
        state = seed
        self.outside = outside
        self.outsideName = outsideName
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }

    static let procedures = ProcedureSignature.all.keys.sorted() + ["faasr_nope", "", "FAASR_LOG", "faasr_put_file "]

    /// A body, and the procedure and arguments in it when it is a well-formed object.
    mutating func request() -> (body: String, procedure: String?, arguments: JSONObject?) {
        switch int(20) {
        case 0: return (pick(["", "not json", "null", "[]", "\"faasr_log\"", "{", "{\"ProcedureID\":"]), nil, nil)
        case 1: return (String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600), nil, nil)
        default: break
        }
        var top = JSONObject()
        let procedure = pick(Self.procedures)
        switch int(12) {
        case 0: break
        case 1: top["ProcedureID"] = value(depth: 0)
        default: top["ProcedureID"] = .string(procedure)
        }
        var arguments: JSONObject?
        switch int(10) {
        case 0: break
        case 1: top["Arguments"] = .null
        case 2: top["Arguments"] = value(depth: 0)
        default:
            let a = args(for: procedure)
            arguments = a
            top["Arguments"] = .object(a)
        }
        if int(10) == 0 { top["IsAgentRequest"] = .bool(true) }
        let isProcedure = top["ProcedureID"]?.stringValue == procedure
        return (JSONValue.object(top).compactText, isProcedure ? procedure : nil, arguments)
    }

    mutating func args(for procedure: String) -> JSONObject {
        let signature = ProcedureSignature.all[procedure]
        var names = (signature?.required ?? []) + (signature?.optional.map(\.name) ?? [])
        names += ["local_file", "remote_file", "faasr_prefix", "Local_File", "x"].filter { _ in int(6) == 0 }
        var a = JSONObject()
        for name in names where int(6) != 0 {
            a[name] = argument(name)
            if int(25) == 0 { a = JSONObject(a.members + [.init(key: name, value: argument(name))]) }
        }
        return a
    }

    /// A value for `name`: mostly plausible strings, sometimes anything.
    mutating func argument(_ name: String) -> JSONValue {
        if int(5) == 0 { return value(depth: 0) }
        switch name {
        case "local_file":
            return .string(pick(["data.txt", ".env", "f.py", ".faasr", ".faasr/clients", ".", "..", "", "sub", "sub/", "sub/n.csv",
                                 "new/x.csv", "got.csv", "/etc/hostname", "\(outside)/secret.txt", "../\(outsideName)/secret.txt",
                                 "escape/secret.txt", "escape/new.txt", "stores/S3/in/existing.csv", "stores", "run.log",
                                 "a/../../\(outsideName)/x", "/", "~", String(repeating: "d/", count: 300) + "f"]))
        case "local_folder":
            return .string(pick([".", "", "sub", "..", "../\(outsideName)", outside, "/", "/tmp", "escape", "stores/S3", "new/dir", "./sub/.."]))
        case "remote_file":
            return .string(pick(["a.csv", "existing.csv", "in/existing.csv", "", ".", "..", "x/..", "/", "sub/", "../../etc/passwd",
                                 "%staging/x", "/abs.csv", "a//b.csv", String(repeating: "k", count: 2000), "日本.csv"]))
        case "remote_folder":
            return .string(pick([".", "", "in", "in/", "/", "..", "/abs", "a/../..", "x//y", "%staging"]))
        case "server_name":
            return .string(pick(["", "S3", "nope", "../S3", "s3"]))
        case "prefix", "faasr_prefix":
            return .string(pick(["", "in", "in/", "/", "..", "%staging"]))
        default:
            return .string(pick(["hello", "", "S3_SecretKey", "x"]))
        }
    }

    /// Any JSON value, nested a little.
    mutating func value(depth: Int) -> JSONValue {
        switch int(depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(int(2) == 0)
        case 2: return .number(JSONNumber(int(3) - 1))
        case 3: return .string("")
        case 4: return .string(String(repeating: "z", count: int(3) == 0 ? 100_000 : 3))
        case 5: return .array((0..<int(3)).map { _ in value(depth: depth + 1) })
        default:
            return .object(JSONObject((0..<int(3)).map { i in .init(key: "k\(i)", value: value(depth: depth + 1)) }))
        }
    }
}
