import FaaSrCore
import FaaSrPlatformAPI
import FaaSrStorage
import Foundation

/// AWS Lambda (spec/platforms.md §6): each action is a container-image function
/// `{WorkflowName}-{Action}`; triggers are asynchronous `Invoke`s, timers are EventBridge
/// rules, and `faasr secrets push` writes to Secrets Manager. Requests are signed with the
/// project's SigV4 signer; endpoints follow the AWS SDKs' `AWS_ENDPOINT_URL[_SERVICE]`.
///
/// Credentials: the secrets `{Server}_AccessKey` and `{Server}_SecretKey` (else the entry's
/// `AccessKey`/`SecretKey`, as a triggering container has them). Register also needs the
/// execution role's ARN: the secret `{Server}_ARN`, else `AWS_ARN` (FaaSr's name), from the
/// secrets or the environment.
public struct LambdaPlatform: ComputePlatform {
    public let serverName: String
    /// The region (`Region` of the server entry, else `us-east-1`).
    public let region: String
    /// What the platform was built from.
    let context: PlatformContext
    let lambda: LambdaAPI
    let events: EventBridgeAPI
    let secretsManager: SecretsManagerAPI
    /// Seconds between `GetFunction` polls while a function is created or updated.
    public var pollInterval: Double = 2
    /// How long register waits for a function to become Active or finish an update (seconds).
    public var waitLimit: Double = 600

    /// Builds the platform for `context`; throws when the credentials are missing.
    public init(context: PlatformContext) throws {
        try self.init(context: context, http: PlatformHTTP(serverName: context.serverName))
    }

    /// Builds the platform with a given transport (retry policy, timeouts).
    public init(context: PlatformContext, http: PlatformHTTP) throws {
        serverName = context.serverName
        self.context = context
        let server = ComputeServer(name: context.serverName, value: .object(context.server))
        let region = server.region.flatMap { $0.isEmpty ? nil : $0 } ?? LambdaFacts.defaultRegion
        self.region = region
        let serverName = context.serverName
        let names = LambdaFacts.credentialSecrets(server: serverName)
        func secret(_ name: String, field: String) -> String? {
            let value = context.secrets[name] ?? server.string(field)
            return value.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let access = secret(names.accessKey, field: "AccessKey"), let key = secret(names.secretKey, field: "SecretKey") else {
            throw PlatformError(serverName: serverName, request: "credentials",
                                message: "AWS credentials are missing: set the secrets \(names.accessKey) and \(names.secretKey) (environment or .env); see README \"AWS Lambda\"")
        }
        let credentials = AWSCredentials(accessKeyID: access, secretAccessKey: key)
        let failure = AWSFailure(serverName: serverName)
        func client(_ service: AWSService) -> AWSClient {
            AWSClient(service: service, endpoint: service.endpoint(region: region, environment: context.environment),
                      region: region, credentials: credentials, http: http)
        }
        lambda = LambdaAPI(client: client(.lambda), failure: failure)
        events = EventBridgeAPI(client: client(.eventBridge), failure: failure)
        secretsManager = SecretsManagerAPI(client: client(.secretsManager), failure: failure)
    }

    /// The execution role's ARN, or nil when neither `{Server}_ARN` nor `AWS_ARN` is set.
    public var roleARN: String? {
        for name in [LambdaFacts.roleSecret(server: serverName), LambdaFacts.fallbackRoleSecret] {
            if let value = context.secrets[name] ?? context.environment[name], !value.isEmpty { return value }
        }
        return nil
    }

    /// Asks Lambda about a function of this workflow: any answer but a refusal of the
    /// credentials (including "no such function") means they work.
    public func checkCredentials() async throws {
        _ = try await lambda.getFunction("\(context.workflowName)-faasr-credentials-check")
    }

    /// Sends `{PAYLOAD_URL, OVERWRITTEN}` (OVERWRITTEN as JSON text, as FaaSr's Lambda handler
    /// reads it) as an asynchronous invoke; Lambda answers 202. The receipt carries Lambda's
    /// request id.
    public func submit(_ request: TriggerRequest) async throws -> TriggerReceipt {
        let payload = Array(Self.event(payloadURL: request.payloadURL, overwritten: request.overwritten).utf8)
        guard payload.count <= LambdaFacts.maxEventPayloadBytes else {
            throw PlatformError(serverName: serverName, request: "Lambda Invoke \(request.functionName)",
                                message: "the event is \(payload.count) bytes, over Lambda's \(LambdaFacts.maxEventPayloadBytes)-byte limit for asynchronous invokes; set UseSecretStore true on the servers so OVERWRITTEN does not carry their entries")
        }
        let id = try await lambda.invokeEvent(request.functionName, payload: payload)
        return TriggerReceipt(serverName: serverName, jobID: id)
    }

    /// Lambda does not tell the state of an asynchronous invoke (CloudWatch logs do).
    public func status(of receipt: TriggerReceipt) async throws -> JobState? { nil }

    /// The event an action's function receives: `{"PAYLOAD_URL": …, "OVERWRITTEN": "<json>"}`.
    static func event(payloadURL: String, overwritten: JSONObject) -> String {
        JSONPrinter.compact([
            "PAYLOAD_URL": .string(payloadURL),
            "OVERWRITTEN": .string(JSONPrinter.compact(.object(overwritten))),
        ])
    }
}
