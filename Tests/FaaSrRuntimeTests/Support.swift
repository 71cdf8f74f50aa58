import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
@testable import FaaSrRuntime

/// A function runner that runs a Swift closure in-process, talking to the session as the
/// function's process would over RPC.
struct ClosureRunner: FunctionRunner {
    let body: @Sendable (FunctionInvocation, FunctionAPI) async throws -> JSONValue?

    func run(_ invocation: FunctionInvocation, session: ActionSession, log: ActionLog) async throws {
        let api = FunctionAPI(session: session)
        do {
            let result = try await body(invocation, api)
            _ = await session.returned(.object(JSONObject([.init(key: "FunctionResult", value: result ?? .null)])))
        } catch {
            _ = await session.exited(.object(JSONObject([
                .init(key: "Error", value: true), .init(key: "Message", value: .string("\(error)")),
                .init(key: "Traceback", value: .string("Traceback: \(error)"))])))
        }
    }
}

/// The user API, called the way the RPC server would dispatch it.
struct FunctionAPI: Sendable {
    let session: ActionSession

    @discardableResult
    func call(_ proc: String, _ args: [(String, JSONValue)] = []) async throws -> JSONObject {
        let body = JSONValue.object(JSONObject([
            .init(key: "ProcedureID", value: .string(proc)),
            .init(key: "Arguments", value: .object(JSONObject(args.map { .init(key: $0.0, value: $0.1) }))),
        ]))
        let r = await session.action(body).objectValue!
        guard r["Success"]?.boolValue == true else {
            throw RuntimeFailure(r.string("Message") ?? "failed")
        }
        return r.object("Data") ?? JSONObject()
    }

    func log(_ m: String) async throws { try await call("faasr_log", [("log_message", .string(m))]) }
}

/// A fresh temporary folder.
func temporaryDirectory(_ name: String = "rt") -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("faasr-\(name)-\(UUID().uuidString.prefix(8))", isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Builds workflows for tests: server GH (GitHubActions, UseSecretStore), store S3, name wf.
enum TestWorkflow {
    static func make(_ actions: [(String, [JSONValue])], extra: [(String, JSONValue)] = []) -> JSONObject {
        var list = JSONObject()
        for (name, next) in actions {
            list[name] = .object(JSONObject([
                .init(key: "FunctionName", value: .string(name)),
                .init(key: "FaaSServer", value: "GH"),
                .init(key: "Type", value: "Python"),
                .init(key: "InvokeNext", value: .array(next)),
            ]))
        }
        var wf = JSONObject()
        wf["WorkflowName"] = "wf"
        wf["FunctionInvoke"] = .string(actions.first?.0 ?? "")
        wf["ActionList"] = .object(list)
        wf["ComputeServers"] = .object(JSONObject([.init(key: "GH", value: .object(JSONObject([
            .init(key: "FaaSType", value: "GitHubActions"), .init(key: "UserName", value: "u"),
            .init(key: "ActionRepoName", value: "r"), .init(key: "Branch", value: "main"),
            .init(key: "UseSecretStore", value: true)])))]))
        wf["DataStores"] = .object(JSONObject([.init(key: "S3", value: .object(JSONObject([
            .init(key: "Bucket", value: "faasr"), .init(key: "Region", value: "us-east-1")])))]))
        wf["DefaultDataStore"] = "S3"
        wf["LoggingDataStore"] = "S3"
        wf["FaaSrLog"] = "FaaSrLog"
        for (k, v) in extra { wf[k] = v }
        return wf
    }
}

/// One world of stores (local folders or S3 prefixes), a recording trigger, and a runner factory.
struct World {
    let root = temporaryDirectory("world")
    var storesRoot: URL { root.appendingPathComponent("stores") }
    let trigger = RecordingTrigger()
    let resolver: any StoreResolver

    init(_ backend: Backend = .local) throws {
        switch backend {
        case .local: resolver = LocalFolderStoreResolver(root: root.appendingPathComponent("stores"))
        case .s3: resolver = PrefixedS3Resolver(env: try S3Env.require(), prefix: "runtime-\(UUID().uuidString.prefix(8).lowercased())/")
        }
    }

    func store(_ name: String = "S3") throws -> any ObjectStore {
        try resolver.store(named: name, config: JSONObject())
    }

    func runner(_ workflow: JSONObject, overwritten: JSONObject = JSONObject(), env: [String: String] = [:],
                body: @escaping @Sendable (FunctionInvocation, FunctionAPI) async throws -> JSONValue? = { _, _ in nil }) -> ActionRunner {
        var r = ActionRunner(request: PayloadRequest(payloadURL: "alice/repo/main/wf.json", overwritten: overwritten),
                             workflow: workflow, stores: resolver, trigger: trigger,
                             functionRunner: ClosureRunner(body: body),
                             workingDirectory: root.appendingPathComponent("work-\(UUID().uuidString.prefix(6))"),
                             environment: env)
        r.echo = false
        return r
    }

    /// Overwritten map for a non-entry action of an existing invocation.
    static func over(_ action: String, id: String = "run1", ts: String = "2025-08-29T23-17-01", rank: Int? = nil) -> JSONObject {
        var o = JSONObject()
        o["FunctionInvoke"] = .string(action)
        o["InvocationID"] = .string(id)
        o["InvocationTimestamp"] = .string(ts)
        if let rank { o["FunctionRank"] = .number(JSONNumber(rank)) }
        return o
    }
}

/// Where a test's data stores live: local folders, or the local S3 server (moto with
/// signature checking) that scripts/test starts.
enum Backend: String, CustomStringConvertible, Sendable {
    case local, s3
    var description: String { rawValue }

    /// Local always; S3 when `FAASR_TEST_S3_ENDPOINT` is set (required under CI=true).
    static var all: [Backend] {
        S3Env.current == nil && !SharedFixtures.isCI ? [.local] : [.local, .s3]
    }
}

/// The local S3 server from the environment (`scripts/moto-s3 start` prints these).
struct S3Env: Sendable {
    let endpoint: URL, accessKey: String, secretKey: String, bucket: String, region: String

    static var current: S3Env? {
        let env = ProcessInfo.processInfo.environment
        guard let e = env["FAASR_TEST_S3_ENDPOINT"], !e.isEmpty, let url = URL(string: e),
              let a = env["FAASR_TEST_S3_ACCESS_KEY"], let s = env["FAASR_TEST_S3_SECRET_KEY"] else { return nil }
        return S3Env(endpoint: url, accessKey: a, secretKey: s, bucket: env["FAASR_TEST_S3_BUCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? "faasr-test",
                     region: env["FAASR_TEST_S3_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? "us-east-1")
    }

    static func require() throws -> S3Env {
        guard let c = current else { throw RuntimeFailure("FAASR_TEST_S3_ENDPOINT is not set: S3 tests need the local server scripts/test starts (scripts/moto-s3)") }
        return c
    }

    func client() -> S3Client {
        S3Client(configuration: S3Configuration(endpoint: endpoint, bucket: bucket, region: region,
                                                credentials: AWSCredentials(accessKeyID: accessKey, secretAccessKey: secretKey)))
    }
}

/// A store that keeps all its keys under a prefix of another store, so tests sharing one
/// bucket never see each other's objects.
struct PrefixedStore: ObjectStore {
    let inner: any ObjectStore
    let prefix: String
    func checkAccess() async throws { try await inner.checkAccess() }
    func head(_ key: String) async throws -> ObjectInfo? {
        guard var i = try await inner.head(prefix + key) else { return nil }
        i.key = key
        return i
    }
    func get(_ key: String, to file: URL) async throws -> ObjectInfo {
        do { return try await inner.get(prefix + key, to: file) } catch StorageError.notFound { throw StorageError.notFound(key: key) }
    }
    func getData(_ key: String) async throws -> Data {
        do { return try await inner.getData(prefix + key) } catch StorageError.notFound { throw StorageError.notFound(key: key) }
    }
    func put(_ key: String, from file: URL) async throws { try await inner.put(prefix + key, from: file) }
    func put(_ key: String, data: Data) async throws { try await inner.put(prefix + key, data: data) }
    func putIfAbsent(_ key: String, data: Data) async throws -> PutIfAbsentResult { try await inner.putIfAbsent(prefix + key, data: data) }
    func delete(_ key: String) async throws { try await inner.delete(prefix + key) }
    func list(prefix p: String, delimiter: String?) async throws -> ObjectListing {
        let l = try await inner.list(prefix: prefix + p, delimiter: delimiter)
        return ObjectListing(objects: l.objects.map { var o = $0; o.key = String(o.key.dropFirst(prefix.count)); return o },
                             commonPrefixes: l.commonPrefixes.map { String($0.dropFirst(prefix.count)) })
    }
}

/// Every data store as a prefix of the test bucket on the local S3 server.
struct PrefixedS3Resolver: StoreResolver {
    let env: S3Env
    let prefix: String
    func store(named name: String, config: JSONObject) throws -> any ObjectStore {
        PrefixedStore(inner: env.client(), prefix: "\(prefix)\(name)/")
    }
}

/// A counting semaphore for async code: at most `n` bodies run at once.
actor Slots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ n: Int) { free = n }

    /// Runs `body` once a slot is free.
    nonisolated func with<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let r = try await body()
            await release()
            return r
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
