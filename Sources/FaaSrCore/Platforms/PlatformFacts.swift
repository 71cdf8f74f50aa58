/// The kind of FaaS back end a compute server is (`FaaSType`).
///
/// This file and the embedded schema are the only Swift sources that spell the type names;
/// everything else asks ``facts`` (docs/decisions.md, "One table of platform facts").
public enum FaaSType: String, Hashable, Sendable, CaseIterable {
    case openWhisk = "OpenWhisk"
    case gitHubActions = "GitHubActions"
    case lambda = "Lambda"
    case googleCloud = "GoogleCloud"
    case slurm = "SLURM"
    case kubernetes = "Kubernetes"

    /// The type names in the order pickers list them (GitHub Actions first: FaaSr's default).
    public static let names: [String] = PlatformFacts.table.map(\.type.rawValue)

    /// What FaaSr knows about this type.
    public var facts: PlatformFacts { PlatformFacts.table.first { $0.type == self }! }

    /// The fields the 2.x schema requires for this type (spec/runtime.md §1.4).
    public var requiredFields: [String] { facts.requiredFields.map(\.name) }

    /// The credential fields FaaSr fills from the secret store, with the suffix of the
    /// derived secret name (`{Server}_{suffix}`, spec/runtime.md §1.11).
    public var secretFields: [(field: String, suffix: String)] { facts.secrets.map { ($0.field, $0.suffix) } }
}

/// Network-free facts about one FaaSType: its server fields and their defaults, the secrets
/// it reads, FaaSr's container images, how an action receives its payload and whether timers
/// work. Used by validation, the designer's forms, `faasr secrets`, the runtime and the
/// platforms; adding a platform means one new entry in ``table`` (plus its FaaSrPlatforms folder).
public struct PlatformFacts: Sendable {
    /// How a field's value is written.
    public enum FieldKind: Sendable, Hashable { case string, boolean, integer }

    /// One server field the designer shows for the type.
    public struct Field: Sendable, Hashable {
        /// The `ComputeServers` key.
        public var name: String
        /// How its value is written.
        public var kind: FieldKind
        /// The value FaaSr (or its builder) uses when the field is absent; nil when none.
        public var defaultValue: JSONValue?
        /// Whether a new server is written with this field (set to its default, or "").
        public var seeded: Bool

        public init(_ name: String, _ kind: FieldKind = .string, default defaultValue: JSONValue? = nil, seeded: Bool = false) {
            self.name = name
            self.kind = kind
            self.defaultValue = defaultValue
            self.seeded = seeded
        }
    }

    /// One credential field filled from a secret named `{Server}_{suffix}`.
    public struct SecretField: Sendable, Hashable {
        /// The server field (`Token`, `AccessKey`, ...).
        public var field: String
        /// The suffix of the secret name (`PAT`, `AccessKey`, ...).
        public var suffix: String
        /// The secret's name for server `server`.
        public func secretName(server: String) -> String { "\(server)_\(suffix)" }
    }

    /// How an action started on this type receives `PAYLOAD_URL` and `OVERWRITTEN`
    /// (spec/platforms.md §3–4).
    public enum PayloadDelivery: String, Sendable, Hashable {
        /// Environment variables; `OVERWRITTEN` is a JSON string (GitHub Actions inputs,
        /// Cloud Run job overrides, the SLURM job script, Kubernetes job env).
        case environment
        /// The invocation event; `OVERWRITTEN` is a JSON string (Lambda).
        case invocationEvent
        /// The action's parameters (`sys.argv[1]`); `OVERWRITTEN` is an object and always
        /// carries the servers' and stores' credentials (OpenWhisk).
        case actionParameters
    }

    /// The type.
    public var type: FaaSType
    /// Fields the 2.x schema requires, in form order.
    public var requiredFields: [Field]
    /// Optional fields the designer shows, in form order.
    public var optionalFields: [Field]
    /// Credential fields and their secret names (spec/runtime.md §1.11).
    public var secrets: [SecretField]
    /// FaaSr's native image for a function type, without the language: `{prefix}{python|r}:latest`
    /// (scripts/native_containers.txt, spec/platforms.md §2).
    public var imagePrefix: String
    /// How the payload arrives.
    public var payloadDelivery: PayloadDelivery
    /// Whether `faasr timer` (FaaSr's SET TIMER) works for the type.
    public var supportsTimers: Bool
    /// Whether user secrets (`faasr_secret`) are read from the action's environment.
    public var userSecretsFromEnvironment: Bool
    /// Whether an action's `Resources` (SLURM job resources) apply.
    public var usesActionResources: Bool
    /// The name the designer proposes for a new server of the type.
    public var serverNameStem: String
    /// Secrets only `faasr register` reads, by suffix (`{Server}_{suffix}`): Lambda's `ARN`,
    /// the execution role new functions get (FaaSr's `AWS_ARN`). Actions never need them, so
    /// they are not in ``secrets`` and are not pushed to a secret store.
    public var registerSecretSuffixes: [String] = []

    /// The register-only secret names of server `server` (``registerSecretSuffixes``).
    public func registerSecrets(server: String) -> [String] { registerSecretSuffixes.map { "\(server)_\($0)" } }

    /// Every field the designer shows, required first.
    public var fields: [Field] { requiredFields + optionalFields }

    /// The facts of the type written as `text`, nil for an unknown type.
    public static func named(_ text: String?) -> PlatformFacts? {
        guard let text else { return nil }
        return table.first { $0.type.rawValue == text }
    }

    /// FaaSr's default image for an action of function type `language` (`Python`, `R`), nil
    /// for other languages.
    public func defaultContainer(language: String) -> String? {
        switch language {
        case "Python": "\(imagePrefix)python:latest"
        case "R": "\(imagePrefix)r:latest"
        default: nil
        }
    }

    /// A new server of this type: `FaaSType` first, then `UseSecretStore` when seeded (the
    /// designer has always written it there), then the other seeded fields with their
    /// defaults (empty strings for required fields without one).
    public var newServer: JSONValue {
        var o = JSONObject()
        o["FaaSType"] = .string(type.rawValue)
        let seeded = fields.filter(\.seeded)
        for f in seeded.filter({ $0.name == "UseSecretStore" }) + seeded.filter({ $0.name != "UseSecretStore" }) {
            o[f.name] = f.defaultValue ?? ""
        }
        return .object(o)
    }

    /// Every credential field of any type, with its secret suffix (`API.key` is FaaSr's schema
    /// spelling of OpenWhisk's `APIkey`).
    public static func secretSuffix(type: FaaSType?, field: String) -> String {
        if let s = type?.facts.secrets.first(where: { $0.field == field || ($0.field == "APIkey" && field == "API.key") }) {
            return s.suffix
        }
        return field == "API.key" ? "APIkey" : field
    }

    /// Server fields whose values are booleans.
    public static let booleanFields: Set<String> = ["UseSecretStore", "AllowSelfSignedCertificate"]
    /// Server fields whose values are numbers.
    public static let numberFields: Set<String> = [
        "Nodes", "Tasks", "CPUsPerTask", "Memory", "TimeLimit", "MaxMemory", "MaxRuntime", "MaxStorage", "MaxCPU",
        "AdditionalTimeToLive", "NumberOfRetries",
    ]

    private static let useSecretStore = Field("UseSecretStore", .boolean, default: true)

    /// The table, in picker order. Required fields: the schema's `allOf` (spec/runtime.md §1.4);
    /// defaults: what the trigger code or FaaSr's builder uses when a field is absent.
    public static let table: [PlatformFacts] = [
        PlatformFacts(
            type: .gitHubActions,
            requiredFields: [Field("UserName", seeded: true), Field("ActionRepoName", default: "FaaSr-workflow", seeded: true)],
            optionalFields: [Field("Branch", default: "main", seeded: true), Field("UseSecretStore", .boolean, default: true, seeded: true)],
            secrets: [SecretField(field: "Token", suffix: "PAT")],
            imagePrefix: "ghcr.io/faasr/github-actions-", payloadDelivery: .environment, supportsTimers: true,
            userSecretsFromEnvironment: true, usesActionResources: false, serverNameStem: "GH"),
        PlatformFacts(
            type: .lambda,
            requiredFields: [Field("Region", default: "us-east-1", seeded: true)],
            optionalFields: [useSecretStore],
            secrets: [SecretField(field: "AccessKey", suffix: "AccessKey"), SecretField(field: "SecretKey", suffix: "SecretKey")],
            imagePrefix: "145342739029.dkr.ecr.us-east-1.amazonaws.com/aws-lambda-", payloadDelivery: .invocationEvent,
            supportsTimers: true, userSecretsFromEnvironment: false, usesActionResources: false, serverNameStem: "AWS",
            registerSecretSuffixes: ["ARN"]),
        PlatformFacts(
            type: .openWhisk,
            requiredFields: [Field("Endpoint", seeded: true), Field("Namespace", seeded: true)],
            optionalFields: [Field("AllowSelfSignedCertificate", .boolean, default: false, seeded: true), useSecretStore],
            secrets: [SecretField(field: "APIkey", suffix: "APIkey")],
            imagePrefix: "faasr/openwhisk-", payloadDelivery: .actionParameters, supportsTimers: true,
            userSecretsFromEnvironment: true, usesActionResources: false, serverNameStem: "OW"),
        PlatformFacts(
            type: .googleCloud,
            requiredFields: [Field("Namespace", seeded: true), Field("Region", default: "us-central1", seeded: true),
                             Field("ClientEmail", seeded: true),
                             Field("TokenUri", default: "https://oauth2.googleapis.com/token", seeded: true)],
            optionalFields: [Field("Endpoint", default: "run.googleapis.com/v2/projects/"), useSecretStore],
            secrets: [SecretField(field: "SecretKey", suffix: "SecretKey")],
            imagePrefix: "faasr/gcp-", payloadDelivery: .environment, supportsTimers: true,
            userSecretsFromEnvironment: false, usesActionResources: false, serverNameStem: "GCP"),
        PlatformFacts(
            type: .slurm,
            requiredFields: [Field("UserName", seeded: true), Field("Endpoint", seeded: true),
                             Field("APIVersion", default: "v0.0.40", seeded: true), Field("Partition", seeded: true)],
            optionalFields: [Field("Nodes", .integer, default: 1), Field("Tasks", .integer, default: 1),
                             Field("CPUsPerTask", .integer, default: 1), Field("Memory", .integer, default: 1024),
                             Field("TimeLimit", .integer, default: 60), Field("WorkingDirectory", default: "/tmp"), useSecretStore],
            secrets: [SecretField(field: "Token", suffix: "Token")],
            imagePrefix: "faasr/slurm-", payloadDelivery: .environment, supportsTimers: false,
            userSecretsFromEnvironment: true, usesActionResources: true, serverNameStem: "SLURM"),
        PlatformFacts(
            type: .kubernetes,
            requiredFields: [Field("Endpoint", seeded: true)],
            optionalFields: [Field("Namespace", default: "default", seeded: true),
                             Field("AllowSelfSignedCertificate", .boolean, default: false), Field("MaxCPU", .integer),
                             Field("MaxMemory", .integer), Field("TimeLimit", .integer), Field("AdditionalTimeToLive", .integer),
                             Field("NumberOfRetries", .integer, default: 6), useSecretStore],
            secrets: [SecretField(field: "Token", suffix: "Token")],
            imagePrefix: "faasr/kubernetes-", payloadDelivery: .environment, supportsTimers: true,
            userSecretsFromEnvironment: true, usesActionResources: false, serverNameStem: "K8S"),
    ]
}
