#if canImport(FaaSrPlatforms)
import ArgumentParser
import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import Foundation

/// `faasr secrets check|push` for Lambda servers: AWS Secrets Manager in each server's region,
/// where FaaSr's Lambda containers read the secrets under their FaaSr names.
extension SecretsSourceOptions {
    /// The platform of each Lambda region the workflow uses, labelled `Server (Secrets Manager region)`.
    func lambdaStores(_ wf: Workflow, _ values: [String: String]) throws -> [(label: String, platform: LambdaPlatform)] {
        try platforms(wf, LambdaPlatform.secretStores(of: wf), secrets: values) { s, context in
            let platform = try LambdaPlatform(context: context)
            return ("\(s.name) (Secrets Manager \(platform.region))", platform)
        }
    }

    /// Pushes every secret of `wf` with a local value to each store, one line per secret.
    func push(_ wf: Workflow, _ values: [String: String], to stores: [(label: String, platform: LambdaPlatform)]) async throws {
        let names = GitHubSecretSync.requirements(of: wf).map(\.name).filter { !(values[$0] ?? "").isEmpty }
        let secrets = Dictionary(names.map { ($0, values[$0]!) }) { first, _ in first }
        for store in stores {
            do {
                for (name, outcome) in try await store.platform.pushSecrets(secrets) { print("\(store.label): \(name) \(outcome.rawValue)") }
            } catch {
                CommandIO.printError(path: file, location: nil, message: "\(error)")
                throw ExitCode(1)
            }
        }
    }

    /// The secrets only `faasr register` reads (Lambda's `{Server}_ARN`, from the platform
    /// facts table), each with whether it is set locally; they are not pushed.
    func registerOnlyLines(_ wf: Workflow, _ values: [String: String]) -> [String] {
        wf.computeServers.flatMap { s -> [String] in
            (s.faasType?.facts.registerSecrets(server: s.name) ?? []).map { name in
                let set = !(values[name] ?? "").isEmpty || (s.faasType == .lambda && !(values[LambdaFacts.fallbackRoleSecret] ?? "").isEmpty)
                return "  \(name): \(set ? "set" : "missing") (read by faasr register only: the execution role's ARN\(name == LambdaFacts.fallbackRoleSecret ? "" : ", or \(LambdaFacts.fallbackRoleSecret)"); not pushed)"
            }
        }
    }
}
#endif
