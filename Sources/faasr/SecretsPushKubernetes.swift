#if canImport(FaaSrPlatforms)
import ArgumentParser
import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import Foundation

/// `faasr secrets push` for Kubernetes servers: their workflow Secret gets the values.
extension SecretsSourceOptions {
    /// The platform of each Kubernetes server, with the workflow's secret values.
    func kubernetesPlatforms(_ wf: Workflow, _ values: [String: String]) throws -> [KubernetesPlatform] {
        let names = Set(wf.secretNames)
        let secrets = values.filter { names.contains($0.key) }
        return try platforms(wf, wf.computeServers.filter { $0.faasType == .kubernetes }, secrets: secrets) { _, context in
            try KubernetesPlatform(context: context)
        }
    }

    /// Pushes to each Kubernetes server's Secret, one line per server.
    func push(to platforms: [KubernetesPlatform]) async throws {
        for k in platforms {
            do {
                let outcome = try await k.pushSecrets()
                let said = [PlanChange.Kind.create: "created", .update: "updated"][outcome] ?? "unchanged"
                print("\(k.serverName) (Secret \(k.namespace)/\(k.secretName)): \(said)")
            } catch {
                CommandIO.printError(path: file, location: nil, message: "\(error)")
                throw ExitCode(1)
            }
        }
    }
}
#endif
