import FaaSrBase
import Foundation

/// The FaaSr data API (`faasr_put_file`, `faasr_get_file`, `faasr_delete_file`,
/// `faasr_get_folder_list`, `faasr_get_s3_creds`) over a workflow's data stores, with
/// FaaSr 2.x key construction (spec/runtime.md §3.4).
public struct WorkflowStorage: Sendable {
    /// The data stores by name.
    public let stores: [String: DataStoreConfig]
    /// `DefaultDataStore`, used when a call names no store.
    public let defaultStore: String
    /// `LoggingDataStore` (the default store when absent).
    public let loggingStore: String
    /// Relative local paths are resolved against this folder.
    public let workingDirectory: URL
    private let made: [String: any ObjectStore]

    /// Creates the API over explicit stores (each is opened now, so errors surface early).
    public init(stores: [DataStoreConfig], defaultStore: String, loggingStore: String? = nil,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws {
        var byName: [String: DataStoreConfig] = [:]
        for store in stores { byName[store.name] = store }
        guard byName[defaultStore] != nil else {
            throw StorageError.configuration("DefaultDataStore '\(defaultStore)' is not one of the DataStores (\(byName.keys.sorted().joined(separator: ", ")))")
        }
        self.stores = byName
        self.defaultStore = defaultStore
        self.loggingStore = loggingStore.flatMap { $0.isEmpty ? nil : $0 } ?? defaultStore
        self.workingDirectory = workingDirectory
        var made: [String: any ObjectStore] = [:]
        for store in stores { made[store.name] = try store.makeStore() }
        self.made = made
    }

    /// Reads `DataStores`, `DefaultDataStore` and `LoggingDataStore` from a workflow
    /// document; missing keys come from `secret` (`{Store}_AccessKey`, `{Store}_SecretKey`).
    public init(workflow: JSONValue, secret: (String) -> String? = { ProcessInfo.processInfo.environment[$0] },
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws {
        guard let root = workflow.objectValue, let stores = root["DataStores"]?.objectValue, !stores.isEmpty else {
            throw StorageError.configuration("the workflow has no DataStores")
        }
        let configs = try stores.members.map { try DataStoreConfig(name: $0.key, json: $0.value, secret: secret) }
        let defaultName = root["DefaultDataStore"]?.stringValue ?? stores.keys[0]
        try self.init(stores: configs, defaultStore: defaultName, loggingStore: root["LoggingDataStore"]?.stringValue,
                      workingDirectory: workingDirectory)
    }

    /// The store named `serverName` (the default store for an empty name).
    public func store(_ serverName: String = "") throws -> any ObjectStore {
        let name = serverName.isEmpty ? defaultStore : serverName
        guard let store = made[name] else {
            throw StorageError.configuration("Invalid data server name '\(name)' (known: \(stores.keys.sorted().joined(separator: ", ")))")
        }
        return store
    }

    /// The local path for `localFolder` + `localFile`, relative to ``workingDirectory``.
    public func localURL(folder localFolder: String, file localFile: String) -> URL {
        let path = FaaSrKey.make(folder: localFolder, file: localFile)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : workingDirectory.appendingPathComponent(path)
    }

    /// `faasr_put_file`: uploads `localFolder/localFile` to key `remoteFolder/remoteFile`.
    public func putFile(localFile: String, remoteFile: String, serverName: String = "",
                        localFolder: String = ".", remoteFolder: String = ".") async throws {
        let key = FaaSrKey.make(folder: remoteFolder, file: remoteFile)
        try await store(serverName).put(key, from: localURL(folder: localFolder, file: localFile))
    }

    /// `faasr_get_file`: downloads key `remoteFolder/remoteFile` to `localFolder/localFile`
    /// (the local folder must exist, as in FaaSr).
    public func getFile(localFile: String, remoteFile: String, serverName: String = "",
                        localFolder: String = ".", remoteFolder: String = ".") async throws {
        let key = FaaSrKey.make(folder: remoteFolder, file: remoteFile)
        try await store(serverName).get(key, to: localURL(folder: localFolder, file: localFile))
    }

    /// `faasr_delete_file`.
    public func deleteFile(remoteFile: String, serverName: String = "", remoteFolder: String = "") async throws {
        try await store(serverName).delete(FaaSrKey.make(folder: remoteFolder, file: remoteFile))
    }

    /// `faasr_get_folder_list`: every key under `prefix` (all pages, unlike FaaSr's first
    /// 1,000), folder markers (keys ending in `/`) left out.
    public func folderList(serverName: String = "", prefix: String = "") async throws -> [String] {
        try await store(serverName).list(prefix: prefix).keys.filter { !$0.hasSuffix("/") }
    }

    /// `faasr_get_s3_creds` for the named (or default) store: bucket, region, endpoint,
    /// keys (null when anonymous) and the anonymous flag.
    public func s3Credentials(serverName: String = "") throws -> JSONValue {
        let name = serverName.isEmpty ? defaultStore : serverName
        guard let config = stores[name] else {
            throw StorageError.configuration("Invalid data server name '\(name)'")
        }
        if !config.anonymous && (config.accessKey == nil || config.secretKey == nil) {
            throw StorageError.configuration("data store \(name) has no credentials")
        }
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return .object(JSONObject([
            .init(key: "bucket", value: .string(config.bucket)),
            .init(key: "region", value: .string(config.region)),
            .init(key: "endpoint", value: .string(config.effectiveEndpoint)),
            .init(key: "access_key", value: config.anonymous ? .null : text(config.accessKey)),
            .init(key: "secret_key", value: config.anonymous ? .null : text(config.secretKey)),
            .init(key: "anonymous", value: .bool(config.anonymous)),
        ]))
    }
}
