import FaaSrCore
import FaaSrStorage
import Foundation

/// Opens the object store behind a `DataStores` entry.
public protocol StoreResolver: Sendable {
    /// The store for `name`, configured by its `DataStores` entry (credentials filled in).
    func store(named name: String, config: JSONObject) throws -> any ObjectStore
}

/// Maps every data store to a folder `{root}/{name}` on this machine, so a workflow runs
/// with no cloud at all (`faasr local --store-dir`).
public struct LocalFolderStoreResolver: StoreResolver {
    /// The folder holding one sub-folder per data store.
    public let root: URL
    /// Creates a resolver rooted at `root`.
    public init(root: URL) { self.root = root }
    /// A ``LocalFolderStore`` at `{root}/{name}`.
    public func store(named name: String, config: JSONObject) throws -> any ObjectStore {
        let dir = root.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try LocalFolderStore(root: dir)
    }
}

/// A store for each name, opened once.
final class StoreSet: @unchecked Sendable {
    private let resolver: any StoreResolver
    private let configs: JSONObject
    private let lock = NSLock()
    private var open: [String: any ObjectStore] = [:]

    init(resolver: any StoreResolver, dataStores: JSONObject) {
        self.resolver = resolver
        self.configs = dataStores
    }

    /// The store named `name`; "Invalid data server name" when it is not in DataStores.
    func store(_ name: String) throws -> any ObjectStore {
        try lock.withLock {
            if let s = open[name] { return s }
            guard let config = configs.object(name) else {
                throw RuntimeFailure("Invalid data server name: '\(name)' is not a key of DataStores (\(configs.keys.joined(separator: ", ")))")
            }
            let s = try resolver.store(named: name, config: config)
            open[name] = s
            return s
        }
    }
}

/// A failure with a message meant for the action log.
public struct RuntimeFailure: Error, CustomStringConvertible {
    /// What failed, where, and how to fix it.
    public let description: String
    /// Creates a failure.
    public init(_ description: String) { self.description = description }
}
