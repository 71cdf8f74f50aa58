import FaaSrCore
import FaaSrStorage
import Foundation

/// The state the RPC server serves to one user function: the payload, the stores, the log,
/// and the function's reported outcome (spec/runtime.md §2.8).
public actor ActionSession {
    let payload: ActionPayload
    let stores: StoreSet
    let log: ActionLog
    /// The folder relative local paths resolve against (the action's working directory).
    let workingDirectory: URL
    let environment: [String: String]
    let maxRank: Int
    /// Where `local_folder`/`local_file` may point.
    let localFiles: LocalFileArea

    /// The result reported through `/faasr-return`.
    public private(set) var functionResult: Bool?
    /// Whether the function (or a failed API call) reported an error.
    public private(set) var error = false
    /// Whether `/faasr-return` or `/faasr-exit` was called.
    public private(set) var reported = false
    /// The error message, if any.
    public private(set) var message: String?
    /// The error traceback, if any.
    public private(set) var traceback: String?
    /// Number of `/faasr-action` calls served.
    public private(set) var actionCalls = 0

    /// `localRoots`: folders besides the working directory that local paths may lie in
    /// (nil: the temporary folder, see ``LocalFileArea``).
    init(payload: ActionPayload, stores: StoreSet, log: ActionLog, workingDirectory: URL,
         environment: [String: String], maxRank: Int, localRoots: [URL]? = nil) {
        self.payload = payload
        self.stores = stores
        self.log = log
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.maxRank = maxRank
        self.localFiles = LocalFileArea(workingDirectory: workingDirectory, extraRoots: localRoots)
    }

    // MARK: Endpoints

    /// `POST /faasr-action`: runs one procedure; failures answer `Success: false`.
    public func action(_ body: JSONValue?) async -> JSONValue {
        actionCalls += 1
        guard let req = body?.objectValue else {
            return failure("the request must be a JSON object {\"ProcedureID\": string, \"Arguments\": object or null} of at most 64 MiB")
        }
        guard let proc = req["ProcedureID"]?.stringValue else {
            return failure("the request's ProcedureID must be a string, one of \(Self.procedureList)")
        }
        guard let signature = ProcedureSignature.all[proc] else {
            return failure("unknown ProcedureID '\(LocalFileArea.short(proc))' (known: \(Self.procedureList))")
        }
        let args: JSONObject
        switch req["Arguments"] {
        case nil, .null?: args = JSONObject()
        case .object(let o)?: args = o
        case let other?:
            return failure("\(proc): Arguments must be an object or null, not \(ProcedureSignature.article(other.typeName)) (\(signature.text))")
        }
        do {
            let data = try await run(proc, try signature.check(args))
            return .object(JSONObject([.init(key: "Success", value: true),
                                       .init(key: "Data", value: .object(data)),
                                       .init(key: "Message", value: .null)]))
        } catch {
            // The caller sees the failure (our clients raise, FaaSr's exit); it fails the
            // action only if the function does not handle it.
            let text = "\(error)"
            let message = text.hasPrefix(proc + ":") ? text : "\(proc) failed: \(text)"
            log.log(.error, message)
            return failure(message)
        }
    }

    /// `POST /faasr-return`: records the function's result (bool or null, coerced as
    /// FaaSr's pydantic model does; anything else is refused and marks the action failed).
    public func returned(_ body: JSONValue?) -> JSONValue {
        let value = body?.objectValue?["FunctionResult"] ?? .null
        let coerced = Self.coerceResult(value)
        guard coerced.ok else {
            error = true
            reported = true
            message = "the function returned \(LocalFileArea.short(value.compactText)), which is not true, false or null"
            log.log(.error, message!)
            return failure(message!)
        }
        functionResult = coerced.value
        reported = true
        return success()
    }

    /// `POST /faasr-exit`: records an error reported by the function's process.
    public func exited(_ body: JSONValue?) -> JSONValue {
        let obj = body?.objectValue ?? JSONObject()
        let isError = obj["Error"].map { $0.isNull ? true : ($0.boolValue ?? true) } ?? true
        reported = true
        if isError {
            error = true
            message = obj.string("Message") ?? message ?? "the function reported an error"
            traceback = obj.string("Traceback")
        }
        return success()
    }

    /// `GET /faasr-get-return`.
    public func getReturn() -> JSONValue {
        .object(JSONObject([
            .init(key: "FunctionResult", value: functionResult.map(JSONValue.bool) ?? .null),
            .init(key: "Error", value: .bool(error)),
            .init(key: "Message", value: message.map(JSONValue.string) ?? .null),
            .init(key: "Traceback", value: traceback.map(JSONValue.string) ?? .null),
        ]))
    }

    /// Marks the action failed from outside (the process crashed or timed out).
    func fail(_ text: String) {
        error = true
        if message == nil { message = text }
    }

    // MARK: Procedures

    /// The ProcedureIDs, for messages.
    static let procedureList = ProcedureSignature.all.keys.sorted().joined(separator: ", ")

    /// Runs `proc` with arguments already checked by its ``ProcedureSignature``.
    func run(_ proc: String, _ args: [String: String]) async throws -> JSONObject {
        let arg = { (k: String) in args[k] ?? "" }
        func server() -> String {
            let s = arg("server_name")
            return s.isEmpty ? payload.defaultDataStore : s
        }
        switch proc {
        case "faasr_log":
            log.user(arg("log_message"))
            return JSONObject()
        case "faasr_put_file":
            let key = try Self.key(proc, folder: arg("remote_folder"), file: arg("remote_file"))
            let local = try localFiles.fileToRead(folder: arg("local_folder"), file: arg("local_file"), procedure: proc)
            try await stores.store(server()).put(key, from: local)
            log.log(.info, "put \(local.lastPathComponent) -> \(server()):\(key)")
            return JSONObject()
        case "faasr_get_file":
            let key = try Self.key(proc, folder: arg("remote_folder"), file: arg("remote_file"))
            let local = try localFiles.fileToWrite(folder: arg("local_folder"), file: arg("local_file"), procedure: proc)
            let store = try stores.store(server())
            try await localFiles.withParentFolders(of: local) { try await store.get(key, to: local) }
            log.log(.info, "get \(server()):\(key) -> \(local.lastPathComponent)")
            return JSONObject()
        case "faasr_delete_file":
            let key = try Self.key(proc, folder: arg("remote_folder"), file: arg("remote_file"))
            try await stores.store(server()).delete(key)
            log.log(.info, "delete \(server()):\(key)")
            return JSONObject()
        case "faasr_get_folder_list":
            let listing = try await stores.store(server()).list(prefix: arg("prefix"))
            let keys = listing.keys.filter { !$0.hasSuffix("/") }
            return JSONObject([.init(key: "folder_list", value: .array(keys.map(JSONValue.string)))])
        case "faasr_invocation_id":
            return JSONObject([.init(key: "invocation_id", value: .string(payload.string("InvocationID") ?? ""))])
        case "faasr_rank":
            let rank = payload.functionRank ?? 1
            return JSONObject([.init(key: "max_rank", value: .number(JSONNumber(payload.functionRank == nil ? 1 : maxRank))),
                               .init(key: "rank", value: .number(JSONNumber(rank)))])
        case "faasr_get_s3_creds":
            return JSONObject([.init(key: "s3_creds", value: .object(try s3Creds(server())))])
        case "faasr_secret":
            let name = arg("secret_name")
            let serverName = payload.currentAction?.string("FaaSServer") ?? ""
            let type = payload.computeServers.object(serverName)?.string("FaaSType") ?? ""
            guard type.isEmpty || PlatformFacts.named(type)?.userSecretsFromEnvironment == true else {
                let where_ = PlatformFacts.table.filter(\.userSecretsFromEnvironment).map(\.type.rawValue).joined(separator: ", ")
                throw RuntimeFailure("faasr_secret is not supported on FaaSType \(type) (secrets are read from the environment on \(where_))")
            }
            guard let value = environment[name] else {
                throw RuntimeFailure("secret \(LocalFileArea.short(name)) is not set (add it to the workflow's Secrets and to the platform's secret store)")
            }
            return JSONObject([.init(key: "secret_value", value: .string(value))])
        default:
            throw RuntimeFailure("unknown ProcedureID '\(LocalFileArea.short(proc))'")
        }
    }

    /// The object key of `remote_folder`/`remote_file` (FaaSr's rule, ``FaaSrKey``), refused
    /// when `remote_file` names no file or the key is one ``ObjectKeyRule`` refuses.
    static func key(_ proc: String, folder: String, file: String) throws -> String {
        let name = FaaSrKey.normalize(trimFolder(file))
        if name == "." || name == "/" || name == ".." || name.hasSuffix("/..") {
            throw RuntimeFailure("\(proc): remote_file '\(LocalFileArea.short(file))' names no file; give the file's name")
        }
        let key = FaaSrKey.make(folder: trimFolder(folder), file: trimFolder(file))
        if let problem = ObjectKeyRule.problem(with: key) {
            throw RuntimeFailure("\(proc): remote_folder '\(LocalFileArea.short(folder))' and remote_file '\(LocalFileArea.short(file))' make the key '\(LocalFileArea.short(key))', which is refused: \(problem)")
        }
        return key
    }

    /// `{bucket, region, endpoint, access_key, secret_key, anonymous}` of a store.
    func s3Creds(_ name: String) throws -> JSONObject {
        guard let s = payload.dataStores.object(name) else {
            throw RuntimeFailure("Invalid data server name: '\(name)' is not a key of DataStores")
        }
        let region = (s.string("Region") ?? "").isEmpty ? "us-east-1" : s.string("Region")!
        let endpoint = (s.string("Endpoint") ?? "").isEmpty ? "https://s3.\(region).amazonaws.com" : s.string("Endpoint")!
        let anonymous = (s.string("Anonymous") ?? "").lowercased() == "true"
        var access: JSONValue = .null, secret: JSONValue = .null
        if !anonymous {
            guard let a = s.string("AccessKey"), let k = s.string("SecretKey") else {
                throw RuntimeFailure("data store \(name) has no AccessKey/SecretKey (set secrets \(name)_AccessKey and \(name)_SecretKey)")
            }
            access = .string(a); secret = .string(k)
        }
        return JSONObject([
            .init(key: "bucket", value: .string(s.string("Bucket") ?? "")),
            .init(key: "region", value: .string(region)),
            .init(key: "endpoint", value: .string(endpoint)),
            .init(key: "access_key", value: access),
            .init(key: "secret_key", value: secret),
            .init(key: "anonymous", value: .bool(anonymous)),
        ])
    }

    /// Trailing `/` removed (FaaSr strips it before joining).
    static func trimFolder(_ s: String) -> String {
        var s = s
        while s.count > 1 && s.hasSuffix("/") { s.removeLast() }
        return s
    }

    /// FaaSr's `bool | None` coercion (pydantic lax mode); nil means "not acceptable".
    static func coerceResult(_ v: JSONValue) -> (ok: Bool, value: Bool?) {
        switch v {
        case .null: return (true, nil)
        case .bool(let b): return (true, b)
        case .number(let n):
            if n.doubleValue == 1 { return (true, true) }
            if n.doubleValue == 0 { return (true, false) }
            return (false, nil)
        case .string(let s):
            switch s.lowercased() {
            case "true", "t", "yes", "y", "on", "1": return (true, true)
            case "false", "f", "no", "n", "off", "0": return (true, false)
            default: return (false, nil)
            }
        default: return (false, nil)
        }
    }

    private func failure(_ m: String) -> JSONValue {
        .object(JSONObject([.init(key: "Success", value: false), .init(key: "Data", value: .null),
                            .init(key: "Message", value: .string(m))]))
    }

    private func success() -> JSONValue {
        .object(JSONObject([.init(key: "Success", value: true), .init(key: "Data", value: .null),
                            .init(key: "Message", value: .null)]))
    }
}
