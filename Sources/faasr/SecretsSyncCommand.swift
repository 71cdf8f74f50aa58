#if canImport(FaaSrPlatforms)
import ArgumentParser
import FaaSrControl
import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import Foundation

/// What `check` and `push` share: the workflow, and where secret values come from.
struct SecretsSourceOptions: ParsableArguments {
    @Argument(help: "The workflow file.")
    var file: String

    @Option(name: .long, help: "A .env file with NAME=value lines (default: ./.env when it exists). The environment wins over it.")
    var envFile: String?

    /// The workflow and the values by name: the `.env` file's, then the environment's over them.
    func load() throws -> (Workflow, [String: String]) {
        let wf: Workflow
        do { wf = try CommandIO.loadWorkflow(file) } catch let f as CommandFailure { throw f.report() }
        // One .env reader for every command (FaaSrControl's): the environment wins over the file.
        let path = envFile ?? SecretValues.defaultEnvFile()
        do {
            let values = try SecretValues(environment: ProcessInfo.processInfo.environment, envFile: path).values
            return (wf, values)
        } catch let error as ControlError {
            CommandIO.printError(path: path ?? ".env", location: nil, message: error.message, hint: error.hint)
            throw ExitCode(2)
        }
    }

    /// What `make` builds for each of `servers` from its context (`secrets` as the values); a
    /// server it refuses is reported at its place in the file, and the command exits 1.
    func platforms<P>(_ wf: Workflow, _ servers: [ComputeServer], secrets: [String: String],
                      _ make: (ComputeServer, PlatformContext) throws -> P) throws -> [P] {
        try servers.map { s in
            let context = PlatformContext(serverName: s.name, server: s.object, workflowName: wf.workflowName ?? "",
                                          secrets: secrets, environment: ProcessInfo.processInfo.environment)
            do { return try make(s, context) } catch {
                CommandIO.printError(path: file, location: wf.location(of: s.pointer), message: "\(error)")
                throw ExitCode(1)
            }
        }
    }

    /// The platform of each GoogleCloud server (one per project), whose Secret Manager holds the secrets.
    func googleProjects(_ wf: Workflow, _ values: [String: String]) throws -> [(label: String, platform: GoogleCloudPlatform)] {
        try platforms(wf, GoogleSecretSync.googleServers(of: wf), secrets: values) { s, context in
            let platform = try GoogleCloudPlatform(context: context)
            return ("\(s.name) (\(platform.project))", platform)
        }
    }

    /// The repository client of each GitHubActions server (one per repository).
    func repositories(_ wf: Workflow, _ values: [String: String]) throws -> [(server: String, api: GitHubRepositoryAPI)] {
        try platforms(wf, GitHubSecretSync.gitHubServers(of: wf), secrets: values) { s, context in
            (s.name, try GitHubActionsPlatform(context: context).api)
        }
    }
}

/// `faasr secrets check FILE`: which secrets are set locally and in each GitHub repository.
struct SecretsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Show which of a workflow's secrets are set locally (environment, .env), in its GitHub repositories, its Google Cloud projects' Secret Manager and its Lambda regions' Secrets Manager.",
        discussion: "Exit status 1 when a required secret is missing anywhere it was looked for. Values are never printed.")

    @OptionGroup var source: SecretsSourceOptions

    @Flag(name: .long, help: "Look only at the local values; ask no platform.")
    var localOnly = false

    func run() async throws {
        let (wf, values) = try source.load()
        let repos = localOnly ? [] : try source.repositories(wf, values)
        // Secret Manager per Google project, then Secrets Manager per Lambda region: asked by name.
        let stores: [(label: String, has: @Sendable (String) async throws -> Bool)] = localOnly ? [] :
            try source.googleProjects(wf, values).map { ($0.label, $0.platform.hasSecret) }
            + source.lambdaStores(wf, values).map { ($0.label, $0.platform.hasSecret) }
        var columns: [[GitHubSecretSync.Row]] = []
        do {
            columns.append(try await GitHubSecretSync.check(wf, values: values, api: nil))
            for repo in repos { columns.append(try await GitHubSecretSync.check(wf, values: values, api: repo.api)) }
            for store in stores {
                var rows = columns[0]
                for i in rows.indices { rows[i].isInRepository = try await store.has(rows[i].name) }
                columns.append(rows)
            }
        } catch {
            CommandIO.printError(path: source.file, location: nil, message: "\(error)")
            throw ExitCode(1)
        }
        let width = max(12, (columns[0].map(\.name.count).max() ?? 0) + 2)
        var header = "  " + "NAME".padding(toLength: width, withPad: " ", startingAt: 0) + "LOCAL    "
        for repo in repos { header += "\(repo.server) (\(repo.api.owner)/\(repo.api.repo))  " }
        for store in stores { header += "\(store.label)  " }
        print(header)
        var missing = 0
        for (i, row) in columns[0].enumerated() {
            var line = "  " + row.name.padding(toLength: width, withPad: " ", startingAt: 0)
            line += (row.isSetLocally ? "set" : "missing").padding(toLength: 9, withPad: " ", startingAt: 0)
            var gap = !row.isSetLocally && localOnly
            for column in columns.dropFirst() {
                let present = column[i].isInRepository == true
                line += (present ? "present" : "missing").padding(toLength: 9, withPad: " ", startingAt: 0)
                gap = gap || !present
            }
            if row.isOptional { line += " (optional)" } else if gap { missing += 1 }
            print(line)
        }
        for line in source.registerOnlyLines(wf, values) { print(line) }
        if missing > 0 {
            CommandIO.printError(path: source.file, location: nil, message: "\(missing) required secret\(missing == 1 ? " is" : "s are") missing",
                                 hint: localOnly ? "set them in the environment or the .env file" : "set them locally, then run `faasr secrets push \(source.file)`")
            throw ExitCode(1)
        }
    }
}

/// `faasr secrets push FILE`: seal each secret with the repository's key and store it.
struct SecretsPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Store a workflow's secrets in its GitHub repositories (libsodium sealed boxes, as GitHub requires), Google Cloud projects (Secret Manager) and Lambda regions (AWS Secrets Manager).",
        discussion: "Values come from the environment or the .env file and are never printed. Nothing is pushed while a required secret has no local value.")

    @OptionGroup var source: SecretsSourceOptions

    func run() async throws {
        let (wf, values) = try source.load()
        let missing = GitHubSecretSync.missing(wf, values: values)
        guard missing.isEmpty else {
            CommandIO.printError(path: source.file, location: nil, message: "no local value for \(missing.joined(separator: ", ")); nothing was pushed",
                                 hint: "set \(missing.count == 1 ? "it" : "them") in the environment or the .env file (NAME=value), then push again")
            throw ExitCode(1)
        }
        let repos = try source.repositories(wf, values)
        let kubernetes = try source.kubernetesPlatforms(wf, values)
        let projects = try source.googleProjects(wf, values)
        let lambdas = try source.lambdaStores(wf, values)
        guard !repos.isEmpty || !kubernetes.isEmpty || !projects.isEmpty || !lambdas.isEmpty else {
            CommandIO.printError(path: source.file, location: nil, message: "the workflow has no GitHubActions, Lambda, Kubernetes or GoogleCloud server to push secrets to",
                                 hint: "secrets for SLURM and OpenWhisk are read from the environment where the action runs")
            throw ExitCode(1)
        }
        for project in projects {
            do {
                for (name, outcome) in try await GoogleSecretSync.push(wf, values: values, platform: project.platform) {
                    print("\(project.label): \(name) \(outcome.rawValue)")
                }
            } catch {
                CommandIO.printError(path: source.file, location: nil, message: "\(error)")
                throw ExitCode(1)
            }
        }
        for repo in repos {
            do {
                let stored = try await GitHubSecretSync.push(wf, values: values, api: repo.api)
                for (name, created) in stored { print("\(repo.server) (\(repo.api.owner)/\(repo.api.repo)): \(name) \(created ? "created" : "updated")") }
            } catch {
                CommandIO.printError(path: source.file, location: nil, message: "\(error)")
                throw ExitCode(1)
            }
        }
        try await source.push(wf, values, to: lambdas)
        try await source.push(to: kubernetes)
    }
}
#endif
