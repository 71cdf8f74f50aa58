import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Google Cloud Run **jobs** (spec/platforms.md §8). Each action is a job
/// `{WorkflowName}-{Action}` (lower-cased) in project `Namespace`, region `Region`; a trigger
/// runs it (`jobs/{job}:run`) with the container env overrides `PAYLOAD_URL` and `OVERWRITTEN`;
/// timers are Cloud Scheduler jobs that POST the same `:run` request; `faasr secrets push`
/// writes to Secret Manager.
///
/// Credentials: the service account `ClientEmail` and its private key, the secret
/// `{Server}_SecretKey` (PEM, or the whole JSON key file), else the entry's `SecretKey` (as a
/// triggering container has it). Calls carry an access token from `TokenUri`, obtained with
/// an RS256 assertion (``GoogleServiceAccount``). Endpoints: the entry's `Endpoint` (FaaSr's
/// `run.googleapis.com/v2/projects/`), `SchedulerEndpoint`, else gcloud's
/// `CLOUDSDK_API_ENDPOINT_OVERRIDES_{RUN,CLOUDSCHEDULER,SECRETMANAGER}`, else Google's.
public struct GoogleCloudPlatform: ComputePlatform {
    public let serverName: String
    /// The project id (`Namespace`).
    public let project: String
    /// The region (`Region`).
    public let region: String
    /// The service account (e-mail, token endpoint, key).
    public let account: GoogleServiceAccount
    /// `https://run.googleapis.com/v2` or its override.
    public let runBase: String
    /// `https://cloudscheduler.googleapis.com/v1` or its override.
    public let schedulerBase: String
    /// `https://secretmanager.googleapis.com/v1` or its override.
    public let secretsBase: String
    let workflowName: String
    var api: GoogleAPI

    /// HTTP settings (retries, timeouts, TLS verification); tests shorten them.
    public var http: PlatformHTTP {
        get { api.http }
        set { api.http = newValue }
    }
    /// Seconds between polls of a long-running operation (register, unregister).
    public var pollInterval: Double {
        get { api.pollInterval }
        set { api.pollInterval = newValue }
    }
    /// How long register waits for an operation (seconds).
    public var waitLimit: Double {
        get { api.waitLimit }
        set { api.waitLimit = newValue }
    }

    /// Reads `Namespace`, `Region`, `ClientEmail`, `TokenUri`, `Endpoint`, `SchedulerEndpoint`,
    /// `SSL` and the key; throws saying what is missing.
    public init(context: PlatformContext) throws {
        serverName = context.serverName
        workflowName = context.workflowName
        let entry = ComputeServer(name: context.serverName, value: .object(context.server))
        func field(_ name: String) -> String? { entry.string(name).flatMap { $0.isEmpty ? nil : $0 } }
        let serverName = context.serverName
        guard let project = field("Namespace") else {
            throw PlatformError(serverName: serverName, request: "configuration",
                                message: "ComputeServers.\(serverName) has no Namespace; set it to the Google Cloud project id")
        }
        self.project = project
        region = field("Region") ?? GoogleCloudFacts.defaultValue("Region") ?? "us-central1"
        let secretName = GoogleCloudFacts.keySecret(server: serverName)
        guard let secret = context.secrets[secretName].flatMap({ $0.isEmpty ? nil : $0 }) ?? field("SecretKey") else {
            throw PlatformError(serverName: serverName, request: "credentials",
                                message: "the secret \(secretName) is not set; set it (environment or .env) to the service account's private key (PEM) or its JSON key file; see README \"Google Cloud Run\"")
        }
        do {
            account = try GoogleServiceAccount(secret: secret, secretName: secretName, clientEmail: field("ClientEmail"), tokenURI: field("TokenUri"))
        } catch {
            throw PlatformError(serverName: serverName, request: "credentials", message: error.description)
        }
        runBase = field("Endpoint").map { GoogleCloudFacts.versioned($0, "v2") } ?? GoogleCloudFacts.API.run.base(environment: context.environment)
        schedulerBase = field("SchedulerEndpoint").map { GoogleCloudFacts.versioned($0, "v1") }
            ?? GoogleCloudFacts.API.cloudscheduler.base(environment: context.environment)
        secretsBase = GoogleCloudFacts.API.secretmanager.base(environment: context.environment)
        let verify = entry.object["SSL"].map { $0.boolValue ?? ($0.stringValue?.lowercased() != "false") } ?? true
        api = GoogleAPI(serverName: serverName, account: account, secretName: secretName, project: project, region: region,
                        http: PlatformHTTP(serverName: serverName, verifyTLS: verify), pollInterval: 1, waitLimit: 600)
    }

    /// `projects/{project}/locations/{region}`.
    var parent: String { "projects/\(project)/locations/\(region)" }

    /// The URL of job `job` (with `suffix` such as `:run`).
    func jobURL(_ job: String, _ suffix: String = "") -> String { "\(runBase)/\(parent)/jobs/\(PlatformJSON.segment(job))\(suffix)" }

    /// Gets a token and asks Cloud Run about a job of this workflow: any answer but a refusal
    /// (404 included) means the key and the permissions work.
    public func checkCredentials() async throws {
        _ = try await api.expect("GET", jobURL(GoogleCloudFacts.jobName("\(workflowName)-faasr-credentials-check")), [200, 404])
    }

    /// The `RunJobRequest` of a trigger: container env overrides `PAYLOAD_URL` and
    /// `OVERWRITTEN` (JSON text), as FaaSr's `invoke_googlecloud` sends them.
    static func runRequest(payloadURL: String, overwritten: JSONObject) -> JSONValue {
        let env: [JSONValue] = [
            ["name": "PAYLOAD_URL", "value": .string(payloadURL)],
            ["name": "OVERWRITTEN", "value": .string(JSONPrinter.compact(.object(overwritten)))],
        ]
        return ["overrides": ["containerOverrides": [["env": .array(env)]]]]
    }

    /// Runs the action's job; the receipt carries the run's long-running operation, which
    /// is done when the execution ends.
    public func submit(_ request: TriggerRequest) async throws -> TriggerReceipt {
        let job = GoogleCloudFacts.jobName(request.functionName)
        let body = Self.runRequest(payloadURL: request.payloadURL, overwritten: request.overwritten)
        let response = try await api.expect("POST", jobURL(job, ":run"), body: body)
        return TriggerReceipt(serverName: serverName, jobID: PlatformJSON.parse(response)["name"]?.stringValue)
    }

    /// The execution's state from its operation: running until done, then succeeded or failed.
    public func status(of receipt: TriggerReceipt) async throws -> JobState? {
        guard let name = receipt.jobID, name.hasPrefix("projects/") else { return nil }
        let operation = PlatformJSON.parse(try await api.expect("GET", "\(runBase)/\(name)"))
        guard operation["done"]?.boolValue == true else { return .running }
        guard let error = operation["error"], error != .null else { return .succeeded }
        return error["code"]?.numberValue?.intValue == 1 ? .cancelled : .failed
    }
}
