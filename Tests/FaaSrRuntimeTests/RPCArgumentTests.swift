import FaaSrCore
import Foundation
import Testing
@testable import FaaSrRuntime

/// Each procedure checks its arguments against FaaSr's signatures before anything is read,
/// written or deleted; the answer names the argument and the procedure.
@Suite struct RPCArgumentTests {
    /// The two calls of issue 16: they used to upload the working directory (recursively
    /// into the store inside it) and to delete the key `.`.
    @Test func putAndDeleteWithoutAFileAreRefused() async throws {
        let h = try await RPCHarness()
        let before = RPCHarness.snapshot(h.work)
        let cases: [(String, String, [String])] = [
            ("faasr_put_file", "{}", ["local_file", "faasr_put_file"]),
            ("faasr_put_file", #"{"local_file": ".faasr"}"#, ["remote_file", "faasr_put_file"]),
            ("faasr_put_file", #"{"local_file": ".faasr", "remote_file": "x"}"#, ["local_file", "folder"]),
            ("faasr_put_file", #"{"local_file": ".", "remote_file": "x"}"#, ["local_file", "folder"]),
            ("faasr_put_file", #"{"local_file": "data.txt", "remote_file": "."}"#, ["remote_file", "names no file"]),
            ("faasr_delete_file", "{}", ["remote_file", "faasr_delete_file"]),
            ("faasr_delete_file", #"{"remote_file": ""}"#, ["remote_file", "empty"]),
            ("faasr_delete_file", #"{"remote_file": "in", "remote_folder": "."}"#, []),
            ("faasr_delete_file", #"{"remote_file": "..", "remote_folder": "in"}"#, ["remote_file"]),
            ("faasr_delete_file", #"{"remote_file": "x/", "remote_folder": "/"}"#, []),
        ]
        for (procedure, arguments, words) in cases {
            let answer = try await h.call(procedure, arguments)
            let message = answer?.string("Message") ?? ""
            if procedure == "faasr_delete_file" && words.isEmpty {
                // Valid keys that hold nothing: deleting them is not an error (S3 semantics).
                #expect(answer?["Success"] == true, "\(arguments): \(message)")
                continue
            }
            #expect(answer?["Success"] == false, "\(procedure) \(arguments) succeeded")
            for w in words { #expect(message.contains(w), "\(procedure) \(arguments): '\(message)' lacks '\(w)'") }
        }
        #expect(RPCHarness.snapshot(h.work) == before, "the working directory or the store changed")
        await h.stop()
    }

    @Test func wrongTypesNullsAndUnknownNamesAreRefused() async throws {
        let h = try await RPCHarness()
        let before = RPCHarness.snapshot(h.work)
        let cases: [(String, String, String)] = [
            ("faasr_put_file", #"{"local_file": 5, "remote_file": "x"}"#, "'local_file' must be a string, not an integer"),
            ("faasr_put_file", #"{"local_file": null, "remote_file": "x"}"#, "'local_file' is null"),
            ("faasr_put_file", #"{"local_file": "data.txt", "remote_file": ["x"]}"#, "'remote_file' must be a string, not an array"),
            ("faasr_put_file", #"{"local_file": "data.txt", "remote_file": "x", "server_name": {}}"#, "'server_name' must be a string, not an object"),
            ("faasr_put_file", #"{"local_file": "data.txt", "remote_fle": "x"}"#, "no argument 'remote_fle'"),
            ("faasr_put_file", #"{"local_file": "data.txt", "local_file": "f.py", "remote_file": "x"}"#, "more than once"),
            ("faasr_get_file", #"{"local_file": "out.csv"}"#, "'remote_file' is missing"),
            ("faasr_get_file", #"{"local_file": "sub", "remote_file": "in/existing.csv"}"#, "is a folder"),
            ("faasr_get_file", #"{"local_file": "new/", "remote_file": "in/existing.csv"}"#, "ends in '/'"),
            ("faasr_get_file", #"{"local_file": "new/x.csv", "remote_file": "in/missing.csv"}"#, "no object"),
            ("faasr_log", "{}", "'log_message' is missing"),
            ("faasr_log", #"{"log_message": ""}"#, "'log_message' is empty"),
            ("faasr_log", #"{"log_message": true}"#, "not a boolean"),
            ("faasr_secret", "{}", "'secret_name' is missing"),
            ("faasr_secret", #"{"secret_name": 1}"#, "not an integer"),
            ("faasr_rank", #"{"rank": 2}"#, "no argument 'rank'"),
            ("faasr_invocation_id", #"[]"#, "Arguments must be an object or null"),
            ("faasr_get_folder_list", #"{"prefix": 3}"#, "'prefix' must be a string"),
            ("faasr_get_folder_list", #"{"server_name": "nope"}"#, "Invalid data server name"),
            ("faasr_get_s3_creds", #"{"server_name": false}"#, "'server_name' must be a string"),
        ]
        for (procedure, arguments, text) in cases {
            let answer = try await h.call(procedure, arguments)
            #expect(answer?["Success"] == false, "\(procedure) \(arguments) succeeded")
            let message = answer?.string("Message") ?? ""
            #expect(message.contains(text) && message.contains(procedure), "\(procedure) \(arguments): '\(message)'")
        }
        #expect(RPCHarness.snapshot(h.work) == before)
        let (_, bad) = try await h.action(#"{"ProcedureID": 7}"#)
        #expect(bad?.string("Message")?.contains("ProcedureID must be a string") == true)
        await h.stop()
    }

    @Test func localPathsStayInsideTheWorkingDirectory() async throws {
        let h = try await RPCHarness()
        let before = RPCHarness.snapshot(h.work), outsideBefore = RPCHarness.snapshot(h.outside)
        let relative = "../\(h.outside.lastPathComponent)/secret.txt"
        for (folder, file) in [(".", relative), (".", h.outside.path + "/secret.txt"), ("..", "\(h.outside.lastPathComponent)/secret.txt"),
                               (".", "escape/secret.txt"), (h.outside.path, "secret.txt"), (".", "/etc/hostname")] {
            let put = try await h.call("faasr_put_file", #"{"local_folder": "\#(folder)", "local_file": "\#(file)", "remote_file": "leak"}"#)
            #expect(put?["Success"] == false, "put \(folder) \(file)")
            #expect(put?.string("Message")?.contains("outside the action's working directory") == true, "\(put?.string("Message") ?? "")")
            let get = try await h.call("faasr_get_file", #"{"local_folder": "\#(folder)", "local_file": "\#(file)", "remote_file": "in/existing.csv"}"#)
            #expect(get?["Success"] == false, "get \(folder) \(file)")
        }
        #expect(RPCHarness.snapshot(h.work) == before)
        #expect(RPCHarness.snapshot(h.outside) == outsideBefore)
        await h.stop()
    }

    /// FaaSr functions use /tmp (`local_folder="/tmp"`): the runtime's default allows it.
    @Test func theTemporaryFolderIsAllowedByDefault() async throws {
        let h = try await RPCHarness(localRoots: nil)
        let tmp = temporaryDirectory("rpc-tmp")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let got = try await h.call("faasr_get_file", #"{"local_folder": "\#(tmp.path)", "local_file": "a/b.csv", "remote_file": "in/existing.csv"}"#)
        #expect(got?["Success"] == true, "\(got?.string("Message") ?? "")")
        #expect(FileManager.default.contents(atPath: tmp.appendingPathComponent("a/b.csv").path) == Data("stored".utf8))
        let put = try await h.call("faasr_put_file", #"{"local_folder": "\#(tmp.path)", "local_file": "a/b.csv", "remote_file": "copy.csv", "remote_folder": "out"}"#)
        #expect(put?["Success"] == true, "\(put?.string("Message") ?? "")")
        await h.stop()
    }

    @Test func validCallsStillWork() async throws {
        let h = try await RPCHarness()
        let put = try await h.call("faasr_put_file", #"{"local_file": "sub/n.csv", "remote_file": "n.csv", "remote_folder": "out/"}"#)
        #expect(put?["Success"] == true, "\(put?.string("Message") ?? "")")
        let get = try await h.call("faasr_get_file", #"{"local_file": "n.csv", "local_folder": "got/here", "remote_file": "out/n.csv", "server_name": null}"#)
        #expect(get?["Success"] == true, "\(get?.string("Message") ?? "")")
        #expect(FileManager.default.contents(atPath: h.work.appendingPathComponent("got/here/n.csv").path) == Data("nested".utf8))
        let list = try await h.call("faasr_get_folder_list", #"{"faasr_prefix": "out"}"#)
        #expect(list?.object("Data")?["folder_list"] == .array(["out/n.csv"]))
        let del = try await h.call("faasr_delete_file", #"{"remote_file": "n.csv", "remote_folder": "out"}"#)
        #expect(del?["Success"] == true)
        #expect(try await h.call("faasr_rank", "null")?["Success"] == true)
        #expect(try await h.call("faasr_log", #"{"log_message": "ok"}"#)?["Success"] == true)
        await h.stop()
    }
}
