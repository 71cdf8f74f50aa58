import FaaSrCore
import Foundation

/// Lambda's own limits and names; what every platform has (fields, secrets, images, timer
/// support) is in FaaSrCore's platform facts table. Sources: spec/platforms.md §2 and §6, the
/// Lambda, EventBridge and Secrets Manager descriptions in ../shared/api.
public enum LambdaFacts {
    /// The shared facts (fields, secrets, images, timers): FaaSrCore's platform facts table.
    public static var facts: PlatformFacts { FaaSType.lambda.facts }
    /// The secrets a Lambda server `N` needs, `N_AccessKey` and `N_SecretKey`, from the table.
    public static func credentialSecrets(server: String) -> (accessKey: String, secretKey: String) {
        func name(_ field: String) -> String {
            facts.secrets.first { $0.field == field }!.secretName(server: server)
        }
        return (name("AccessKey"), name("SecretKey"))
    }
    /// The secret naming the execution role: `N_ARN` (FaaSr's `AWS_ARN` for a server named
    /// `AWS`), the table's register-only secret for Lambda.
    public static func roleSecret(server: String) -> String { facts.registerSecrets(server: server)[0] }
    /// FaaSr's fixed name for the role, read when `N_ARN` is absent.
    public static let fallbackRoleSecret = "AWS_ARN"
    /// The region when the server entry has none (FaaSr's fallback).
    public static let defaultRegion = "us-east-1"

    /// Memory when neither the action nor the server sets `MaxMemory` (MB; FaaSr's fixed value).
    public static let defaultMemoryMB = 1024
    /// Timeout when neither sets `MaxRuntime` (seconds; FaaSr's fixed value).
    public static let defaultTimeoutSeconds = 900
    /// Lambda's memory range for a standard function (MB).
    public static let memoryRangeMB = 128...10240
    /// Lambda's timeout range for a standard function (seconds).
    public static let timeoutRangeSeconds = 1...900
    /// Longest function name (the Lambda API's limit for a bare name).
    public static let maxFunctionNameLength = 64
    /// Longest EventBridge rule name.
    public static let maxRuleNameLength = 64
    /// Largest payload of an asynchronous (`Event`) invoke, in bytes.
    public static let maxEventPayloadBytes = 1_048_576

    /// The EventBridge rule of a timer on `function` (`{wf}-{action}`), as FaaSr names it.
    public static func ruleName(function: String) -> String { "\(function)-timer" }
    /// The `AddPermission` statement letting the rule invoke the function.
    public static func statementID(rule: String) -> String { "\(rule)-invoke" }
    /// The single target id FaaSr gives the rule's target.
    public static let targetID = "1"

    /// The Lambda REST API's path prefix.
    public static let apiVersionPath = "/2015-03-31"
}

/// The three AWS services the Lambda platform calls, with how each is signed and addressed.
public struct AWSService: Sendable, Hashable {
    /// The SigV4 signing name (`lambda`, `events`, `secretsmanager`).
    public var signingName: String
    /// The SDK's service id for `AWS_ENDPOINT_URL_<ID>` (`LAMBDA`, `EVENTBRIDGE`, `SECRETS_MANAGER`).
    public var endpointID: String
    /// The JSON 1.1 target prefix (`AWSEvents`, `secretsmanager`); nil for REST-JSON (Lambda).
    public var targetPrefix: String?

    /// AWS Lambda, REST-JSON, API version 2015-03-31.
    public static let lambda = AWSService(signingName: "lambda", endpointID: "LAMBDA", targetPrefix: nil)
    /// Amazon EventBridge, JSON 1.1, API version 2015-10-07.
    public static let eventBridge = AWSService(signingName: "events", endpointID: "EVENTBRIDGE", targetPrefix: "AWSEvents")
    /// AWS Secrets Manager, JSON 1.1, API version 2017-10-17.
    public static let secretsManager = AWSService(signingName: "secretsmanager", endpointID: "SECRETS_MANAGER", targetPrefix: "secretsmanager")

    /// The endpoint: `AWS_ENDPOINT_URL_<ID>`, else `AWS_ENDPOINT_URL`, else the public
    /// `https://<signingName>.<region>.amazonaws.com` (the AWS SDKs' convention; setting
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` ignores both variables, as the SDKs do).
    public func endpoint(region: String, environment: [String: String]) -> String {
        let ignore = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        if !ignore {
            for name in ["AWS_ENDPOINT_URL_\(endpointID)", "AWS_ENDPOINT_URL"] {
                if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                    return value.hasSuffix("/") ? String(value.dropLast()) : value
                }
            }
        }
        return "https://\(signingName).\(region).amazonaws.com"
    }
}
