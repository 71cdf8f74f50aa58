import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// Protocol compatibility proven with FaaSr's own client: faasr-py 2.1.0 from PyPI
/// (installed by scripts/setup into $FAASR_PY_DIR, default /opt/faasr-py) drives our RPC
/// server on 127.0.0.1:8000, where its stubs are hard-wired.
@Suite(.serialized) struct PeerClientTests {
    static var faasrPyDir: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["FAASR_PY_DIR"] ?? "/opt/faasr-py")
    }

    static func available() throws -> Bool {
        let ok = FileManager.default.fileExists(atPath: faasrPyDir.appendingPathComponent("FaaSr_py/client/py_client_stubs.py").path)
        if !ok && SharedFixtures.isCI { throw RuntimeFailure("faasr-py is not installed in \(faasrPyDir.path) (scripts/setup installs it)") }
        return ok
    }

    @Test func faasrPyStubsAgainstOurServer() async throws {
        guard try Self.available() else { return }
        let w = try World()
        let work = w.root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let store = try w.store()
        try await store.put("in/data.txt", data: Data("from store".utf8))
        try await store.put("in/other.txt", data: Data("x".utf8))
        try await store.put("gone/old.txt", data: Data("x".utf8))
        var wf = TestWorkflow.make([("s", ["w(3)"]), ("w", [])])
        wf["InvocationID"] = "peer"
        let payload = ActionPayload(base: wf, overwritten: World.over("w", id: "peer", rank: 2), payloadURL: "u")
        let log = ActionLog(echo: false)
        let session = ActionSession(payload: payload, stores: StoreSet(resolver: LocalFolderStoreResolver(root: w.storesRoot), dataStores: payload.dataStores),
                                    log: log, workingDirectory: work, environment: [:], maxRank: 3)
        let server = try await RPCServer.start(session: session, port: 8000)
        let script = """
        import sys, json
        sys.path.insert(0, \(JSONValue.string(Self.faasrPyDir.path).compactText))
        from FaaSr_py.client.py_client_stubs import (faasr_put_file, faasr_get_file, faasr_delete_file,
            faasr_log, faasr_get_folder_list, faasr_rank, faasr_invocation_id, faasr_return)
        faasr_get_file(local_file="got.txt", remote_folder="in", remote_file="data.txt")
        assert open("got.txt").read() == "from store"
        with open("up.txt", "w") as f:
            f.write("uploaded")
        faasr_put_file(local_file="up.txt", remote_folder="out", remote_file="up.txt")
        faasr_delete_file(remote_folder="gone", remote_file="old.txt")
        faasr_log("peer says hi")
        print("LIST", json.dumps(sorted(faasr_get_folder_list(prefix="in"))))
        print("RANK", json.dumps(faasr_rank(), sort_keys=True))
        print("ID", faasr_invocation_id())
        faasr_return(True)
        """
        try Data(script.utf8).write(to: work.appendingPathComponent("peer.py"))
        let lines = Box<[String]>([])
        let outcome = try await ChildProcess.run(executable: ChildProcess.which("python3")!, arguments: ["peer.py"], directory: work,
                                                 environment: ProcessInfo.processInfo.environment, timeout: .seconds(120),
                                                 onLine: { l in Task { await lines.append(l) } })
        await server.stop()
        try await Task.sleep(for: .milliseconds(50))
        let out = await lines.value.joined(separator: "\n")
        #expect(outcome.status == 0, "\(out)")
        #expect(out.contains(#"LIST ["in/data.txt", "in/other.txt"]"#))
        #expect(out.contains(#"RANK {"max_rank": 3, "rank": 2}"#))
        #expect(out.contains("ID peer"))
        #expect(String(decoding: try await store.getData("out/up.txt"), as: UTF8.self) == "uploaded")
        #expect(!(try await store.exists("gone/old.txt")))
        #expect(log.text.contains("peer says hi\n"))
        #expect(await session.functionResult == true)
        #expect(await session.error == false)
    }
}
