import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// Rscript, which the R tests need: skipped when missing, except under CI=true (scripts/setup
/// installs r-base-core), where a missing Rscript is a failure, never a silent skip.
enum Rscript {
    static var path: String? { ChildProcess.which("Rscript") }

    /// Use as `guard try Rscript.require() else { return }`.
    static func require() throws -> Bool {
        if path != nil { return true }
        if SharedFixtures.isCI { throw RuntimeFailure("Rscript is required under CI=true but not on PATH (scripts/setup installs r-base-core)") }
        return false
    }
}

/// Real R functions in child processes (Rscript), talking to our RPC server through the R
/// client in clients/R.
@Suite struct RFunctionTests {
    /// Runs `action` of the workflow s → w(ranks) → (nothing), where `w`'s function is
    /// `function` in f.R; `s` runs as the entry, `w` as copy `rank`.
    func run(_ code: String, function: String, args: JSONObject = JSONObject(), next: [JSONValue] = [],
             ranks: Int? = nil, rank: Int? = nil, seed: [(String, String)] = []) async throws -> (ActionOutcome, World, String) {
        let w = try World()
        let dir = w.root.appendingPathComponent("wf")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(code.utf8).write(to: dir.appendingPathComponent("f.R"))
        for (key, text) in seed { try await w.store().put(key, data: Data(text.utf8)) }
        let action = ranks == nil ? "s" : "w"
        var actions: [(String, [JSONValue])] = [("s", ranks.map { [.string("w(\($0))")] } ?? next)]
        if ranks != nil { actions.append(("w", [])) }
        actions += next.compactMap { $0.stringValue.map { ($0, []) } }
        var wf = TestWorkflow.make(actions)
        var list = wf.object("ActionList")!
        var entry = list.object(action)!
        entry["FunctionName"] = .string(function)
        entry["Type"] = "R"
        entry["Arguments"] = .object(args)
        list[action] = .object(entry)
        wf["ActionList"] = .object(list)
        wf["FunctionLocalFile"] = .object(JSONObject([.init(key: function, value: "f.R")]))
        wf["InvocationID"] = "run1"
        wf["InvocationTimestamp"] = "2025-08-29T23-17-01"
        let file = dir.appendingPathComponent("wf.json")
        try Data(JSONValue.object(wf).compactText.utf8).write(to: file)
        let over = ranks == nil ? JSONObject() : World.over("w", rank: rank)
        var r = ActionRunner(request: PayloadRequest(payloadURL: file.path, overwritten: over),
                             stores: LocalFolderStoreResolver(root: w.storesRoot),
                             trigger: w.trigger, functionRunner: ProcessFunctionRunner(rpcPort: 0),
                             workingDirectory: w.root.appendingPathComponent("work"), environment: ProcessInfo.processInfo.environment)
        r.echo = false
        let o = await r.run()
        let logName = rank.map { "w(\($0)).txt" } ?? "\(action).txt"
        let log = (try? await w.store().getData("FaaSrLog/wf/2025-08-29T23-17-01/run1/\(logName)")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (o, w, log)
    }

    func text(_ w: World, _ key: String) async -> String? {
        (try? await w.store().getData(key)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// put/get/delete/folder list/log/invocation id through our RPC server; both FaaSr R
    /// signatures by name; Arguments as named arguments; printed output in the log.
    @Test func apiThroughRPCServer() async throws {
        guard try Rscript.require() else { return }
        let (o, w, log) = try await run("""
        f <- function(folder, n, words) {
          faasr_get_file(local_file = "in.txt", remote_folder = folder, remote_file = "in.txt")
          base <- as.numeric(readLines("in.txt"))
          writeLines(as.character(base + n * 2), "out.txt")
          faasr_put_file(local_file = "out.txt", remote_folder = folder, remote_file = "out.txt")
          faasr_put_file(server_name = "S3", local_folder = ".", local_file = "out.txt", remote_folder = folder, remote_file = "old.txt")
          faasr_put_file(local_file = "out.txt", remote_folder = folder, remote_file = "gone.txt")
          faasr_delete_file(remote_folder = folder, remote_file = "gone.txt")
          keys <- faasr_get_folder_list(prefix = folder)
          cat("printed line", length(words), paste(words, collapse = "+"), "\\n")
          message("a message on stderr")
          r <- faasr_rank()
          faasr_log(paste("rank", r$rank, "of", r$max_rank, "id", faasr_invocation_id(), "keys", paste(sort(keys), collapse = ",")))
          TRUE
        }
        """, function: "f", args: JSONObject([.init(key: "folder", value: "res"), .init(key: "n", value: 21),
                                              .init(key: "words", value: ["a", "b", "c"])]),
        seed: [("res/in.txt", "100\n")])
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(o.result == true)
        #expect(await text(w, "res/out.txt") == "142\n")
        #expect(await text(w, "res/old.txt") == "142\n")
        #expect(await text(w, "res/gone.txt") == nil)
        #expect(log.contains("printed line 3 a+b+c"), "\(log)")
        #expect(log.contains("a message on stderr"))
        #expect(log.contains("rank 1 of 1 id run1 keys res/in.txt,res/old.txt,res/out.txt\n"), "\(log)")
        #expect(await text(w, "FaaSrLog/wf/2025-08-29T23-17-01/run1/function_completions/s.done") == "True")
    }

    /// A ranked copy sees its rank (FaaSr's R stub asks for the invocation ID instead: fixed).
    @Test func rankOfARankedCopy() async throws {
        guard try Rscript.require() else { return }
        let (o, _, log) = try await run("""
        g <- function() {
          r <- faasr_rank()
          faasr_log(paste0("rank=", r$rank, " max=", r$max_rank, " Rank=", r$Rank, " MaxRank=", r$MaxRank))
          TRUE
        }
        """, function: "g", ranks: 3, rank: 2)
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(log.contains("rank=2 max=3 Rank=2 MaxRank=3\n"), "\(log)")
    }

    /// An R error fails the action (exit 1) with the message and the R call stack in the log,
    /// writes no `.done`, and triggers nothing.
    @Test func errorIsReportedWithCallStack() async throws {
        guard try Rscript.require() else { return }
        let (o, w, log) = try await run("""
        outer_step <- function(x) inner_step(x)
        inner_step <- function(x) stop(paste("broken on purpose:", x))
        f <- function(x) { cat("before the error\\n"); outer_step(x) }
        """, function: "f", args: JSONObject([.init(key: "x", value: "seven")]), next: ["a"])
        #expect(o.exitCode == 1)
        #expect(o.message?.contains("broken on purpose: seven") == true, "\(o.message ?? "")")
        #expect(log.contains("before the error"))
        #expect(log.contains("Error in inner_step(x): broken on purpose: seven"), "\(log)")
        #expect(log.contains("1: f(x = \"seven\")"), "\(log)")
        #expect(log.contains("2: outer_step(x)"))
        #expect(log.contains("3: inner_step(x)"))
        #expect(await w.trigger.requests.isEmpty)
        #expect(await text(w, "FaaSrLog/wf/2025-08-29T23-17-01/run1/function_completions/s.done") == nil)
    }

    /// A non-logical result is NULL (FaaSr's R entry), so a conditional successor fails.
    @Test func numberResultIsNull() async throws {
        guard try Rscript.require() else { return }
        let (o, _, log) = try await run("h <- function() 42\n", function: "h")
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(o.result == nil)
    }

    @Test func missingFunctionFails() async throws {
        guard try Rscript.require() else { return }
        let (o, _, _) = try await run("other <- function() TRUE\n", function: "no_such_function")
        #expect(o.exitCode == 1)
        #expect(o.message?.contains("cannot find function no_such_function") == true)
    }
}
