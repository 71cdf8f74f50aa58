import FaaSrCore
import FaaSrPlatformAPI
import FaaSrStorage
import Foundation

/// A Lambda function as `GetFunction` describes it (the fields register compares and waits on).
struct LambdaFunction: Sendable, Equatable {
    var name: String
    var arn: String
    /// `Pending`, `Active`, `Failed`, ...
    var state: String?
    var stateReason: String?
    /// `InProgress`, `Successful`, `Failed` (of the last code or configuration update).
    var lastUpdateStatus: String?
    var lastUpdateReason: String?
    var packageType: String?
    var imageURI: String?
    var role: String?
    var memoryMB: Int?
    var timeoutSeconds: Int?

    init(name: String, response: JSONValue) {
        let configuration = response["Configuration"] ?? response
        func text(_ key: String) -> String? { configuration[key]?.stringValue }
        self.name = text("FunctionName") ?? name
        arn = text("FunctionArn") ?? ""
        state = text("State")
        stateReason = text("StateReason")
        lastUpdateStatus = text("LastUpdateStatus")
        lastUpdateReason = text("LastUpdateStatusReason")
        packageType = text("PackageType")
        imageURI = response["Code"]?["ImageUri"]?.stringValue
        role = text("Role")
        memoryMB = configuration["MemorySize"]?.numberValue?.intValue
        timeoutSeconds = configuration["Timeout"]?.numberValue?.intValue
    }
}

/// The Lambda operations FaaSr uses (REST-JSON, `/2015-03-31/functions/...`).
struct LambdaAPI: Sendable {
    var client: AWSClient
    var failure: AWSFailure

    private func path(_ name: String, _ rest: String = "") -> String {
        "\(LambdaFacts.apiVersionPath)/functions/\(SigV4Encoding.encode(name))\(rest)"
    }

    private func parse(_ response: PlatformResponse) -> JSONValue {
        (try? JSONParser.parse(response.body)) ?? .object(JSONObject())
    }

    /// `GetFunction`; nil when the function does not exist.
    func getFunction(_ name: String) async throws -> LambdaFunction? {
        let response = try await client.rest("GET", path(name))
        if response.status == 200 { return LambdaFunction(name: name, response: parse(response)) }
        if response.status == 404, AWSErrorAnswer(response).code == "ResourceNotFoundException" { return nil }
        throw failure.error("Lambda GetFunction \(name)", response)
    }

    /// `CreateFunction` with `body` (the plan's request); answers 201.
    func createFunction(_ name: String, _ body: JSONValue) async throws -> LambdaFunction {
        // Not retried on 5xx or lost answers: a repeat would find the function and fail 409.
        let response = try await client.rest("POST", "\(LambdaFacts.apiVersionPath)/functions", body: body, idempotent: false)
        guard response.status == 201 else {
            throw failure.error("Lambda CreateFunction \(name)", response) { answer in
                parameterHint(answer) ?? (answer.code == "ResourceConflictException"
                    ? "the function appeared while registering (another register?); run register again" : nil)
            }
        }
        return LambdaFunction(name: name, response: parse(response))
    }

    /// `UpdateFunctionCode` to a new image.
    func updateCode(_ name: String, imageURI: String) async throws -> PlatformResponse {
        let body: JSONValue = ["ImageUri": .string(imageURI)]
        return try await client.rest("PUT", path(name, "/code"), body: body)
    }

    /// `UpdateFunctionConfiguration` with `body`.
    func updateConfiguration(_ name: String, _ body: JSONValue) async throws -> PlatformResponse {
        try await client.rest("PUT", path(name, "/configuration"), body: body)
    }

    /// `DeleteFunction`; false when it did not exist.
    @discardableResult
    func deleteFunction(_ name: String) async throws -> Bool {
        let response = try await client.rest("DELETE", path(name))
        if (200...204).contains(response.status) { return true }
        if response.status == 404, AWSErrorAnswer(response).code == "ResourceNotFoundException" { return false }
        throw failure.error("Lambda DeleteFunction \(name)", response)
    }

    /// `Invoke` with `InvocationType: Event`; answers 202. Returns the request id.
    func invokeEvent(_ name: String, payload: [UInt8]) async throws -> String? {
        // Not retried except on 429 (refused, so not run): a repeat could start the action twice.
        let response = try await client.rest("POST", path(name, "/invocations"),
                                             headers: [("x-amz-invocation-type", "Event")],
                                             rawBody: payload, idempotent: false)
        guard response.status == 202 else {
            throw failure.error("Lambda Invoke \(name)", response) { answer in
                switch answer.code {
                case "ResourceNotFoundException": "function \(name) does not exist in this account and region; run `faasr register` first"
                case "RequestTooLargeException": "the event is larger than Lambda's 1 MB limit for asynchronous invokes"
                case "ResourceNotReadyException": "function \(name) is not ready (still being created or updated); try again in a minute"
                default: nil
                }
            }
        }
        return response.headers["x-amzn-requestid"]
    }

    /// `AddPermission` letting `principal` (from `sourceARN`) invoke the function.
    func addPermission(_ name: String, statementID: String, principal: String, sourceARN: String) async throws {
        let body: JSONValue = [
            "StatementId": .string(statementID), "Action": "lambda:InvokeFunction",
            "Principal": .string(principal), "SourceArn": .string(sourceARN),
        ]
        // A repeat after a lost answer gets 409 (statement exists), which the caller avoids by
        // removing the statement first; so the POST is safe to retry.
        let response = try await client.rest("POST", path(name, "/policy"), body: body, idempotent: true)
        guard (200...299).contains(response.status) else { throw failure.error("Lambda AddPermission \(name)", response) }
    }

    /// `RemovePermission`; false when the statement (or the function) did not exist.
    @discardableResult
    func removePermission(_ name: String, statementID: String) async throws -> Bool {
        let response = try await client.rest("DELETE", path(name, "/policy/\(SigV4Encoding.encode(statementID))"))
        if (200...204).contains(response.status) { return true }
        if response.status == 404, AWSErrorAnswer(response).code == "ResourceNotFoundException" { return false }
        throw failure.error("Lambda RemovePermission \(name)", response)
    }

    /// Hints for a refused create or update.
    func parameterHint(_ answer: AWSErrorAnswer) -> String? {
        guard answer.code == "InvalidParameterValueException" else { return nil }
        let m = answer.message.lowercased()
        if m.contains("role") { return "Lambda cannot use the execution role; check the role ARN (secret \(LambdaFacts.roleSecret(server: failure.serverName)) or \(LambdaFacts.fallbackRoleSecret)) and its trust policy for lambda.amazonaws.com" }
        if m.contains("image") { return "Lambda cannot use the image; check ActionContainers (an ECR image URI in the server's region that this account may pull)" }
        return "Lambda refused a parameter"
    }
}
