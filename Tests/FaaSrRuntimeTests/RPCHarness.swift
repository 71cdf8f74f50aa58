import AsyncHTTPClient
import FaaSrCore
import FaaSrStorage
import Foundation
import NIOCore
@testable import FaaSrRuntime

/// An action's working directory as a careless function finds it, with the local-folder store
/// inside it (`faasr run --store-dir stores` from the workflow's folder), a folder outside
/// with a secret, and the RPC server of the action running over real HTTP.
struct RPCHarness {
    let work = temporaryDirectory("rpc-work")
    let outside = temporaryDirectory("rpc-outside")
    var stores: URL { work.appendingPathComponent("stores") }
    static let secretText = "SENTINEL-SECRET-\(UUID().uuidString)"
    let session: ActionSession
    let server: RPCServer

    /// `localRoots`: nil for the runtime's default (working directory and temporary folder);
    /// `[]` for the working directory alone, so that everything outside it is off limits.
    init(localRoots: [URL]? = []) async throws {
        let fm = FileManager.default
        try Data("print('hi')\n".utf8).write(to: work.appendingPathComponent("f.py"))
        try Data("rows\n".utf8).write(to: work.appendingPathComponent("data.txt"))
        try Data("S3_SecretKey=\(Self.secretText)\n".utf8).write(to: work.appendingPathComponent(".env"))
        try fm.createDirectory(at: work.appendingPathComponent(".faasr/clients"), withIntermediateDirectories: true)
        try Data("client".utf8).write(to: work.appendingPathComponent(".faasr/clients/api.py"))
        try fm.createDirectory(at: work.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("nested".utf8).write(to: work.appendingPathComponent("sub/n.csv"))
        try Data(Self.secretText.utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try fm.createSymbolicLink(at: work.appendingPathComponent("escape"), withDestinationURL: outside)
        let resolver = LocalFolderStoreResolver(root: work.appendingPathComponent("stores"))
        let store = try resolver.store(named: "S3", config: JSONObject())
        try await store.put("in/existing.csv", data: Data("stored".utf8))
        let payload = ActionPayload(base: TestWorkflow.make([("s", [])]), overwritten: World.over("s"), payloadURL: "u")
        session = ActionSession(payload: payload, stores: StoreSet(resolver: resolver, dataStores: payload.dataStores),
                                log: ActionLog(echo: false), workingDirectory: work, environment: [:], maxRank: 1,
                                localRoots: localRoots)
        server = try await RPCServer.start(session: session, port: 0)
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: work)
        try? FileManager.default.removeItem(at: outside)
    }

    /// POSTs `body` to `/faasr-action`: the HTTP status and the answer.
    func action(_ body: String) async throws -> (status: Int, answer: JSONObject?) {
        var r = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/faasr-action")
        r.method = .POST
        r.headers.add(name: "Content-Type", value: "application/json")
        r.body = .bytes(ByteBuffer(string: body))
        let resp = try await HTTPClient.shared.execute(r, timeout: .seconds(60))
        let b = try await resp.body.collect(upTo: 1 << 20)
        return (Int(resp.status.code), try? JSONValue.parse(Data(b.readableBytesView)).objectValue)
    }

    /// The answer to `ProcedureID` with `Arguments` (a JSON text).
    func call(_ procedure: String, _ arguments: String) async throws -> JSONObject? {
        try await action(#"{"ProcedureID":"\#(procedure)","Arguments":\#(arguments)}"#).answer
    }

    /// Every file and folder under `folder` (links not followed), with file contents.
    static func snapshot(_ folder: URL) -> [String: Data?] {
        var out: [String: Data?] = [:]
        let base = folder.resolvingSymlinksInPath().path
        guard let e = FileManager.default.enumerator(atPath: base) else { return out }
        while let rel = e.nextObject() as? String {
            let path = base + "/" + rel
            var isDir: ObjCBool = false
            let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
            if !link, FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: path)
            } else {
                out[rel] = .some(nil)
            }
        }
        return out
    }
}
