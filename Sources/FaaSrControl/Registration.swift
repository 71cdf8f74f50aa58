import FaaSrCore
import FaaSrPlatformAPI
import FaaSrRuntime
import FaaSrStorage
import Foundation

/// `faasr register` / `unregister`: plan every change first (credentials, servers and the
/// logging store are all checked before anything is written), then make them. Order: the
/// workflow copy actions read, each server's changes, and last the registration record
/// `invoke` needs; a failure part-way leaves no record, so the workflow cannot be invoked
/// half-registered, and a second register completes it.
public struct Registration: Sendable {
    /// One server's plan.
    public struct ServerPlan: Sendable {
        /// The server's name and FaaSType.
        public var name: String, type: String
        /// Its platform.
        public var platform: any ComputePlatform
        /// What will change there.
        public var plan: RegistrationPlan
    }

    /// The workflow copy (`s3://…/registered/workflow.json`).
    public var workflowCopy: PlanChange
    /// Each server's plan, in ComputeServers order.
    public var servers: [ServerPlan]
    /// The record of what was registered (`registered/registration.json`).
    public var record: PlanChange
    /// True when nothing would change.
    public var isEmpty: Bool { workflowCopy.kind == .unchanged && record.kind == .unchanged && servers.allSatisfy(\.plan.isEmpty) }

    /// The key of the registration record.
    public static func recordKey(_ target: ControlTarget) -> String { "\(target.registeredFolder)/registration.json" }
    /// The key of the workflow copy.
    public static func copyKey(_ target: ControlTarget) -> String { "\(target.registeredFolder)/workflow.json" }

    /// The `s3://` PAYLOAD_URL of the workflow copy.
    public static func copyURL(_ target: ControlTarget) throws -> String {
        let store = try target.logStoreConfig()
        return S3WorkflowLocation(store: store.name, bucket: store.bucket, key: copyKey(target), endpoint: store.endpoint ?? "",
                                  region: store.region).url
    }

    /// Plans a register of every used server (or `only`); `payloadURL` replaces the copy's
    /// URL as what actions fetch (a GitHub path as FaaSr uses, or a path on the cluster).
    public static func plan(_ target: ControlTarget, only: String? = nil, payloadURL: String? = nil) async throws -> Registration {
        let servers = try target.usedServers(only: only)
        try target.requireSecrets(for: servers)
        let store = try target.logStore()
        let text = try FileManager.default.contents(atPath: target.path).map { $0 } ?? Data()
        let current: Data?
        do { current = try await store.exists(copyKey(target)) ? try await store.getData(copyKey(target)) : nil } catch {
            throw ControlError("cannot read the logging data store: \(error)",
                               hint: "check the store's Endpoint, Bucket and the secrets \(DataStoreConfig.secretNames(for: try target.logStoreConfig().name))")
        }
        let copyURL = try copyURL(target)
        let copy = PlanChange(kind: current == nil ? .create : current == text ? .unchanged : .update, resource: copyURL,
                              detail: "the workflow as actions read it", body: .string(String(decoding: text, as: UTF8.self)))
        var plans: [ServerPlan] = []
        for server in servers {
            let platform = try target.platform(server)
            let deployment = Deployment(workflow: target.workflow, actions: target.actions(on: server.name), payloadURL: payloadURL ?? copyURL)
            plans.append(ServerPlan(name: server.name, type: server.faasTypeText ?? "", platform: platform, plan: try await platform.plan(deployment)))
        }
        let old = try? await store.getData(recordKey(target))
        var serversRecord = (old.flatMap { try? JSONParser.parse(Array($0)) }?["Servers"]?.objectValue) ?? JSONObject()
        for p in plans {
            var entry = JSONObject([.init(key: "FaaSType", value: .string(p.type))])
            for change in p.plan.changes { for (k, v) in change.state.sorted(by: { $0.key < $1.key }) { entry[k] = .string(v) } }
            serversRecord[p.name] = .object(entry)
        }
        let record = JSONValue.object(JSONObject([
            .init(key: "WorkflowName", value: .string(target.name)),
            .init(key: "PayloadURL", value: .string(payloadURL ?? copyURL)),
            .init(key: "Servers", value: .object(serversRecord)),
        ]))
        let recordText = JSONPrinter.print(record)
        let oldText = old.map { String(decoding: $0, as: UTF8.self) }
        let recordChange = PlanChange(kind: oldText == nil ? .create : oldText == recordText ? .unchanged : .update,
                                      resource: "s3://\(try target.logStoreConfig().bucket)/\(recordKey(target))",
                                      detail: "what invoke, timer and status use", body: .string(recordText))
        return Registration(workflowCopy: copy, servers: plans, record: recordChange)
    }

    /// Plans an unregister: the record (first, so the workflow can no longer be invoked),
    /// what each server's platform removes, and the workflow copy.
    public static func unregisterPlan(_ target: ControlTarget, only: String? = nil) async throws -> Registration {
        let servers = try target.usedServers(only: only)
        try target.requireSecrets(for: servers)
        let store = try target.logStore()
        let bucket = try target.logStoreConfig().bucket
        func change(_ key: String, _ detail: String) async throws -> PlanChange {
            PlanChange(kind: try await store.exists(key) ? .delete : .unchanged, resource: "s3://\(bucket)/\(key)", detail: detail)
        }
        var plans: [ServerPlan] = []
        for server in servers {
            let platform = try target.platform(server)
            let deployment = Deployment(workflow: target.workflow, actions: target.actions(on: server.name), payloadURL: try copyURL(target))
            plans.append(ServerPlan(name: server.name, type: server.faasTypeText ?? "", platform: platform,
                                    plan: try await platform.unregisterPlan(deployment)))
        }
        return Registration(workflowCopy: try await change(copyKey(target), "the workflow as actions read it"), servers: plans,
                            record: try await change(recordKey(target), "what invoke, timer and status use"))
    }

    /// Makes the planned changes, in order.
    public func apply(_ target: ControlTarget) async throws {
        let store = try target.logStore()
        if record.kind == .delete { try await store.delete(Self.recordKey(target)) }
        if workflowCopy.kind != .unchanged, case .string(let text)? = workflowCopy.body {
            do { try await store.put(Self.copyKey(target), data: Data(text.utf8)) } catch {
                throw ControlError("could not upload the workflow: \(error)", hint: "nothing was registered; run faasr register again")
            }
        }
        for server in servers where !server.plan.isEmpty {
            do { try await server.platform.apply(server.plan) } catch {
                throw ControlError("\(error)", hint: "\(server.name) was not fully registered and the workflow cannot be invoked yet; fix this and run faasr register again")
            }
        }
        if workflowCopy.kind == .delete { try await store.delete(Self.copyKey(target)) }
        if record.kind != .unchanged, record.kind != .delete, case .string(let text)? = record.body {
            try await store.put(Self.recordKey(target), data: Data(text.utf8))
        }
    }

    /// The plan for people: one line per change, `create`/`update`/`delete`/`unchanged`.
    public func text(title: String) -> String {
        func line(_ c: PlanChange, indent: String) -> String {
            "\(indent)\(c.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(c.resource)\(c.detail.isEmpty ? "" : "  (\(c.detail))")\n"
        }
        var out = "\(title)\n" + line(workflowCopy, indent: "  ")
        for s in servers {
            out += "  \(s.name) (\(s.type)):\n"
            if s.plan.changes.isEmpty { out += "    nothing to do\n" }
            for c in s.plan.changes { out += line(c, indent: "    ") }
        }
        return out + line(record, indent: "  ")
    }

    /// The payload URL and server record a register left, or an error saying to register.
    public static func registered(_ target: ControlTarget) async throws -> (payloadURL: String, record: JSONObject) {
        let store = try target.logStore()
        let data: Data
        do {
            guard try await store.exists(recordKey(target)) else {
                throw ControlError("\(target.name) is not registered", hint: "run faasr register \(target.path) first")
            }
            data = try await store.getData(recordKey(target))
        } catch let e as ControlError { throw e } catch {
            throw ControlError("cannot read the logging data store: \(error)", hint: "check the store's Endpoint, Bucket and credentials")
        }
        guard let record = (try? JSONParser.parse(Array(data)))?.objectValue,
              let url = record["PayloadURL"]?.stringValue else {
            throw ControlError("the registration record of \(target.name) is unreadable", hint: "run faasr register \(target.path) again")
        }
        return (url, record)
    }
}
