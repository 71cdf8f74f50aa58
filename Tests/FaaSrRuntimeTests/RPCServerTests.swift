import AsyncHTTPClient
import FaaSrCore
import FaaSrTestSupport
import Foundation
import NIOCore
import Testing
@testable import FaaSrRuntime

/// The RPC server speaks FaaSr's protocol over real HTTP on 127.0.0.1.
@Suite struct RPCServerTests {
    func session(_ w: World, work: URL) -> ActionSession {
        let payload = ActionPayload(base: TestWorkflow.make([("s", [])]), overwritten: World.over("s"), payloadURL: "u")
        return ActionSession(payload: payload, stores: StoreSet(resolver: LocalFolderStoreResolver(root: w.storesRoot), dataStores: payload.dataStores),
                             log: ActionLog(echo: false), workingDirectory: work, environment: [:], maxRank: 1)
    }

    func post(_ port: Int, _ path: String, _ body: String) async throws -> (Int, JSONObject?) {
        var r = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        r.method = .POST
        r.headers.add(name: "Content-Type", value: "application/json")
        r.body = .bytes(ByteBuffer(string: body))
        let resp = try await HTTPClient.shared.execute(r, timeout: .seconds(60))
        let b = try await resp.body.collect(upTo: 1 << 20)
        return (Int(resp.status.code), try? JSONValue.parse(Data(b.readableBytesView)).objectValue)
    }

    func get(_ port: Int, _ path: String) async throws -> JSONObject? {
        let resp = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(60))
        let b = try await resp.body.collect(upTo: 1 << 20)
        return try? JSONValue.parse(Data(b.readableBytesView)).objectValue
    }

    @Test func protocolShapes() async throws {
        let w = try World()
        let s = session(w, work: w.root)
        let server = try await RPCServer.start(session: s, port: 0)
        defer { Task { await server.stop() } }
        let port = server.port
        #expect(try await get(port, "/faasr-echo?message=echo")?.string("message") == "echo")
        let (code, bad) = try await post(port, "/faasr-action", "not json")
        #expect(code == 200)
        #expect(bad?["Success"] == false)
        #expect(bad?.string("Message") != nil)
        let (_, unknown) = try await post(port, "/faasr-action", #"{"ProcedureID":"nope","Arguments":{}}"#)
        #expect(unknown?["Success"] == false)
        let (_, log) = try await post(port, "/faasr-action", #"{"ProcedureID":"faasr_log","Arguments":{"log_message":"hi"}}"#)
        #expect(log?["Success"] == true)
        let (_, rank) = try await post(port, "/faasr-action", #"{"ProcedureID":"faasr_rank","Arguments":null}"#)
        #expect(rank?.object("Data")?["rank"] == 1)
        let (_, id) = try await post(port, "/faasr-action", #"{"ProcedureID":"faasr_invocation_id"}"#)
        #expect(id?.object("Data")?.string("invocation_id") == "run1")
        let (_, ret) = try await post(port, "/faasr-return", #"{"FunctionResult": "yes"}"#)
        #expect(ret?["Success"] == true)
        let got = try await get(port, "/faasr-get-return")
        #expect(got?["FunctionResult"] == true)
        #expect(got?["Error"] == false)
        let (_, refused) = try await post(port, "/faasr-return", #"{"FunctionResult": "abc"}"#)
        #expect(refused?["Success"] == false)
        let (_, exit) = try await post(port, "/faasr-exit", #"{"Error": true, "Message": "m", "Traceback": "tb"}"#)
        #expect(exit?["Success"] == true)
        let after = try await get(port, "/faasr-get-return")
        #expect(after?["Error"] == true)
        #expect(after?.string("Traceback") == "tb")
    }

    @Test func embeddedClientsMatchTheFiles() throws {
        let root = SharedFixtures.packageRoot.appendingPathComponent("Sources/FaaSrRuntime/Resources/clients")
        let paths = (FileManager.default.subpaths(atPath: root.path) ?? []).filter { $0.hasSuffix(".py") || $0.hasSuffix(".R") }
        #expect(Set(paths) == Set(EmbeddedClients.files.map(\.path)), "every client file is embedded, and only those")
        for (path, bytes) in EmbeddedClients.files {
            let disk = try Data(contentsOf: root.appendingPathComponent(path))
            #expect([UInt8](disk) == bytes, "clients/\(path) differs from the embedded bytes")
        }
        #expect(EmbeddedClients.files.contains { $0.path == "python/FaaSr_py/__init__.py" })
    }
}
