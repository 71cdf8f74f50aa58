import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrStorage
import Foundation

/// One workflow as the control-plane commands see it: the file, its secrets, its logging
/// store and a platform per compute server.
public struct ControlTarget: Sendable {
    /// The workflow file's path.
    public let path: String
    /// The workflow.
    public let workflow: Workflow
    /// Secret values (environment over `.env`).
    public let secrets: SecretValues
    /// The process environment.
    public let environment: [String: String]

    /// Reads and validates the workflow; a workflow with errors is refused before anything else.
    public init(path: String, secrets: SecretValues, environment: [String: String]) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ControlError("cannot read the workflow file \(path)", hint: "check the path")
        }
        let workflow: Workflow
        do { workflow = try Workflow(bytes: Array(data)) } catch {
            throw ControlError("\(path) is not JSON: \(error)", hint: "run faasr validate \(path)")
        }
        let errors = Validator().validate(workflow.document).filter { $0.severity == .error }
        if let first = errors.first {
            throw ControlError("\(path) is not a valid workflow (\(errors.count) error\(errors.count == 1 ? "" : "s"); first: \(first.message))",
                               hint: "run faasr validate \(path) and fix what it reports")
        }
        self.path = path
        self.workflow = workflow
        self.secrets = secrets
        self.environment = environment
    }

    /// `WorkflowName`.
    public var name: String { workflow.workflowName ?? "" }

    /// `{FaaSrLog}/{WorkflowName}`: every invocation's folder is under it.
    public var logRoot: String { "\(workflow.effectiveFaaSrLog)/\(name)" }

    /// Where register keeps the deployed workflow and its record.
    public var registeredFolder: String { "\(logRoot)/registered" }

    /// The logging data store's settings (credentials from the workflow or the secrets).
    public func logStoreConfig() throws -> DataStoreConfig {
        guard let storeName = workflow.effectiveLoggingDataStore, let store = workflow.dataStore(named: storeName) else {
            throw ControlError("the workflow has no logging data store", hint: "set DefaultDataStore (or LoggingDataStore) to one of DataStores")
        }
        do {
            return try DataStoreConfig(name: storeName, json: .object(store.object), secret: { secrets[$0] })
        } catch { throw ControlError("\(error)") }
    }

    /// The logging data store.
    public func logStore() throws -> any ObjectStore {
        do { return try logStoreConfig().makeStore() } catch let e as ControlError { throw e } catch {
            throw ControlError("\(error)", hint: "set the secrets \(DataStoreConfig.secretNames(for: (try? logStoreConfig().name) ?? "S3")) in the environment or .env")
        }
    }

    /// The compute servers actions run on, in ComputeServers order; `only` picks one.
    public func usedServers(only: String? = nil) throws -> [ComputeServer] {
        let used = Set(workflow.actions.compactMap(\.faasServer))
        if let only {
            guard let server = workflow.computeServer(named: only) else {
                throw ControlError("there is no compute server named '\(only)'",
                                   hint: "use one of: \(workflow.computeServerNames.joined(separator: ", "))")
            }
            return [server]
        }
        return workflow.computeServers.filter { used.contains($0.name) }
    }

    /// The actions that run on `server`, in ActionList order.
    public func actions(on server: String) -> [String] {
        workflow.actions.filter { $0.faasServer == server }.map(\.name)
    }

    /// The secret values the workflow names (what platforms may pass on to the actions).
    public var workflowSecrets: [String: String] {
        var out: [String: String] = [:]
        for name in workflow.secretNames { if let v = secrets[name] { out[name] = v } }
        return out
    }

    /// The platform of one compute server.
    public func platform(_ server: ComputeServer) throws -> any ComputePlatform {
        try PlatformCatalog.platform(for: PlatformContext(serverName: server.name, server: server.object, workflowName: name,
                                                          secrets: workflowSecrets, environment: environment))
    }

    /// The trigger every control command starts actions with.
    public var trigger: PlatformTrigger { PlatformTrigger(workflowName: name, secrets: workflowSecrets, environment: environment) }

    /// Fails, naming every missing secret and where to put it, when a credential needed to
    /// deploy to `servers` or to use the logging store is neither in the file nor set.
    public func requireSecrets(for servers: [ComputeServer]) throws {
        let storeName = workflow.effectiveLoggingDataStore
        let serverNames = Set(servers.map(\.name))
        var missing: [String] = []
        for requirement in workflow.requiredSecrets where !requirement.isOptional {
            let needed: Bool
            let inline: Bool
            switch requirement.owner {
            case .computeServer(let server, _):
                needed = serverNames.contains(server)
                inline = requirement.field.flatMap { workflow.computeServer(named: server)?.string($0) }.map { !$0.isEmpty } ?? false
            case .dataStore(let store):
                needed = store == storeName
                inline = requirement.field.flatMap { workflow.dataStore(named: store)?.string($0) }.map { !$0.isEmpty } ?? false
            default:
                needed = false
                inline = false
            }
            if needed, !inline, secrets[requirement.name] == nil, !missing.contains(requirement.name) { missing.append(requirement.name) }
        }
        if !missing.isEmpty {
            throw ControlError("missing secret\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", "))",
                               hint: "set \(missing.count == 1 ? "it" : "them") in the environment or in a .env file (NAME=value, one per line); nothing was changed")
        }
    }
}
