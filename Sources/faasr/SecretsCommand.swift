import ArgumentParser
import FaaSrCore

/// `faasr secrets [list|check|push]`: the secret names a workflow needs; whether they are set
/// locally and on GitHub; storing them as GitHub repository secrets.
struct SecretsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "List, check and push the secrets a workflow needs (names only; values are never printed).",
        subcommands: [SecretsListCommand.self] + secretsNetworkSubcommands,
        defaultSubcommand: SecretsListCommand.self)
}

/// `check` and `push` need the platform modules (absent in light builds).
private var secretsNetworkSubcommands: [any ParsableCommand.Type] {
    #if canImport(FaaSrPlatforms)
    [SecretsCheckCommand.self, SecretsPushCommand.self]
    #else
    []
    #endif
}

/// `faasr secrets [list] FILE`: the secret names a workflow needs, per server and store.
struct SecretsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the secrets a workflow needs, by the names FaaSr looks up (never their values).",
        discussion: """
            Names follow FaaSr's derivation: GH_PAT; {Server}_PAT (GitHubActions), \
            {Server}_AccessKey and {Server}_SecretKey (Lambda), {Server}_SecretKey (GoogleCloud), \
            {Server}_Token (SLURM, Kubernetes), {Server}_APIkey (OpenWhisk); {Store}_AccessKey and \
            {Store}_SecretKey for every data store; {VMConfig.Name}_AccessKey/_SecretKey; and the \
            workflow's own Secrets list. Credentials written inside the file are reported as \
            warnings (by location only).
            """)

    @Argument(help: "The workflow file (- reads standard input).")
    var file: String

    @Flag(name: .long, help: "Print only the distinct names, one per line.")
    var namesOnly = false

    @Flag(name: .long, help: "Print the list as JSON.")
    var json = false

    func run() throws {
        let wf: Workflow
        do { wf = try CommandIO.loadWorkflow(file) } catch let f as CommandFailure { throw f.report() }
        let reqs = wf.requiredSecrets
        for p in wf.inlineCredentialPointers {
            let owner = p.parent
            let derived = reqs.first { $0.pointer == owner && $0.field == p.last }?.name
            CommandIO.printWarning(
                path: file, location: wf.document.keyLocation(of: p),
                message: "\(p) holds a credential inside the workflow file",
                hint: "remove it from the file and store it as the secret \(derived ?? "for this entry") instead")
        }
        if json {
            print(JSONPrinter.print(jsonList(reqs)), terminator: "")
        } else if namesOnly {
            for n in wf.secretNames { print(n) }
        } else {
            printHuman(wf, reqs)
        }
    }

    private func printHuman(_ wf: Workflow, _ reqs: [SecretRequirement]) {
        let width = max(20, (reqs.map(\.name.count).max() ?? 0) + 2)
        func row(_ r: SecretRequirement) -> String {
            var line = "  " + r.name.padding(toLength: width, withPad: " ", startingAt: 0)
            if let f = r.field { line += "→ \(f)" }
            if r.isOptional { line += "  (optional\(r.note.map { ": \($0)" } ?? ""))" } else if let n = r.note { line += "  (\(n))" }
            return line
        }
        print("\(file): \(wf.secretNames.count) secret name\(wf.secretNames.count == 1 ? "" : "s")")
        var heading: String?
        for r in reqs {
            let h: String
            switch r.owner {
            case .gitHub: h = "GitHub:"
            case .computeServer(let n, let t): h = "Compute server \(n) (\(t.rawValue)):"
            case .dataStore(let n): h = "Data store \(n):"
            case .vm(let n): h = "VM \(n) (VMConfig):"
            case .user: h = "User secrets (Secrets):"
            }
            if h != heading {
                print("")
                print(h)
                heading = h
            }
            print(row(r))
        }
        let unknown = wf.computeServers.filter { $0.faasType == nil }
        for s in unknown {
            CommandIO.printWarning(path: file, location: wf.location(of: s.pointer),
                                   message: "compute server \(s.name) has no known FaaSType, so its secret names are unknown",
                                   hint: "set FaaSType to one of \(FaaSType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    private func jsonList(_ reqs: [SecretRequirement]) -> JSONValue {
        .array(reqs.map { r in
            var o = JSONObject()
            o["name"] = .string(r.name)
            switch r.owner {
            case .gitHub: o["owner"] = "github"
            case .computeServer(let n, let t):
                o["owner"] = "computeServer"
                o["ownerName"] = .string(n)
                o["faasType"] = .string(t.rawValue)
            case .dataStore(let n):
                o["owner"] = "dataStore"
                o["ownerName"] = .string(n)
            case .vm(let n):
                o["owner"] = "vm"
                o["ownerName"] = .string(n)
            case .user: o["owner"] = "user"
            }
            o["field"] = r.field.map(JSONValue.string) ?? .null
            o["optional"] = .bool(r.isOptional)
            o["note"] = r.note.map(JSONValue.string) ?? .null
            return .object(o)
        })
    }
}
