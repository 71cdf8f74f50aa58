import FaaSrCore
import Foundation

extension DataStoreConfig {
    /// Reads a data store of a ``Workflow`` (FaaSrCore's model); keys missing from the
    /// entry come from `secret` under `{name}_AccessKey` / `{name}_SecretKey`.
    public init(_ store: DataStore, secret: (String) -> String? = { _ in nil }) throws {
        try self.init(name: store.name, json: .object(store.object), secret: secret)
    }
}

extension WorkflowStorage {
    /// The data API over the data stores of `workflow`; missing credentials come from
    /// `secret` (by default the environment, as on GitHub Actions).
    public init(workflow: Workflow, secret: (String) -> String? = { ProcessInfo.processInfo.environment[$0] },
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws {
        try self.init(workflow: workflow.document.root, secret: secret, workingDirectory: workingDirectory)
    }
}
