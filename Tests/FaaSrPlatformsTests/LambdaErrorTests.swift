import FaaSrCore
@testable import FaaSrPlatforms
import FaaSrPlatformAPI
import FaaSrTestSupport
import Testing

/// Refused credentials, server failures and how each is reported or retried.
@Suite struct LambdaErrorTests {
    typealias F = LambdaTestFixture

    @Test func aWrongSecretKeyNamesTheSecret() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let platform = try F.platform(s3, workflowName: F.workflowName(), secretKey: "not-the-secret")
        let error = await #expect(throws: PlatformError.self) { try await platform.checkCredentials() }
        #expect(error?.status == 403)
        #expect(error?.message.contains("the secret AWS_SecretKey does not belong to AWS_AccessKey") == true)
        #expect(error?.description.contains("not-the-secret") == false)
        // EventBridge and Secrets Manager say the same.
        let timer = await #expect(throws: PlatformError.self) {
            try await platform.unsetTimer(TimerRequest(cron: "* * * * *", request: F.request("w", "a")))
        }
        #expect(timer?.message.contains("AWS_SecretKey") == true)
        let push = await #expect(throws: PlatformError.self) { try await platform.pushSecrets(["X_Y": "v"]) }
        #expect(push?.request == "Secrets Manager DescribeSecret X_Y")
        #expect(push?.message.contains("AWS_SecretKey") == true)
        #expect(push?.description.contains("\"v\"") == false)
    }

    @Test func anUnknownAccessKeyNamesTheSecret() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let platform = try F.platform(s3, workflowName: F.workflowName(), accessKey: "AKIAUNKNOWNUNKNOWN00")
        let error = await #expect(throws: PlatformError.self) { try await platform.checkCredentials() }
        #expect(error?.status == 403)
        #expect(error?.message.contains("AWS_AccessKey") == true)
    }

    @Test func rightCredentialsPass() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        try await F.platform(s3, workflowName: F.workflowName()).checkCredentials()
    }

    @Test func serverFailuresAreRetriedWhereSafe() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let name = F.workflowName()
        // Only Lambda goes through the proxy (AWS_ENDPOINT_URL_LAMBDA over AWS_ENDPOINT_URL).
        let proxy = try FaultProxy(upstreamPort: F.port(s3.endpoint), plan: [.respond503, .respond503])
        defer { proxy.stop() }
        let platform = try F.platform(s3, workflowName: name, environment: ["AWS_ENDPOINT_URL_LAMBDA": proxy.endpoint])
        // GetFunction is safe to repeat: two 503s, then the answer.
        try await platform.checkCredentials()
        #expect(proxy.connectionCount >= 3)
    }

    @Test func anInvokeIsNotRepeatedAfterAServerFailure() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let name = F.workflowName()
        let proxy = try FaultProxy(upstreamPort: F.port(s3.endpoint), plan: [.respond503])
        defer { proxy.stop() }
        let platform = try F.platform(s3, workflowName: name, environment: ["AWS_ENDPOINT_URL_LAMBDA": proxy.endpoint])
        let error = await #expect(throws: PlatformError.self) { try await platform.submit(F.request(name, "start")) }
        #expect(error?.status == 503)
        #expect(error?.message.contains("AWS failed") == true)
        #expect(proxy.connectionCount == 1)
    }

    @Test func theServerChecksRequestsAgainstTheServiceModel() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        // What makes the other tests' requests count: moto-s3 refuses members botocore's
        // model of the operation does not have.
        let platform = try F.platform(s3, workflowName: F.workflowName())
        let response = try await platform.events.client.call("PutRule", ["Name": "x", "Schedule": "rate(1 minute)"])
        #expect(response.status == 400)
        #expect(AWSErrorAnswer(response).code == "ValidationException")
        #expect(AWSErrorAnswer(response).message.contains(#"Unknown parameter in input: "Schedule""#))
    }

    @Test func errorAnswersAreRead() {
        func answer(_ headers: [String: String], _ body: String) -> AWSErrorAnswer {
            AWSErrorAnswer(PlatformResponse(status: 400, headers: headers, body: Array(body.utf8)))
        }
        #expect(answer(["x-amzn-errortype": "ResourceNotFoundException:http://internal.amazon.com/"], #"{"Type":"User","Message":"Function not found"}"#)
            == AWSErrorAnswer(code: "ResourceNotFoundException", message: "Function not found"))
        #expect(answer([:], #"{"__type":"com.amazonaws.secretsmanager#ResourceNotFoundException","message":"gone"}"#)
            == AWSErrorAnswer(code: "ResourceNotFoundException", message: "gone"))
        #expect(answer([:], "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>bad</Message></Error></ErrorResponse>")
            == AWSErrorAnswer(code: "SignatureDoesNotMatch", message: "bad"))
        #expect(answer([:], "") == AWSErrorAnswer(code: "", message: ""))
    }

    @Test func endpointsFollowTheSDKConvention() {
        let env = ["AWS_ENDPOINT_URL": "http://127.0.0.1:4566/", "AWS_ENDPOINT_URL_SECRETS_MANAGER": "http://sm:1"]
        #expect(AWSService.lambda.endpoint(region: "eu-west-1", environment: env) == "http://127.0.0.1:4566")
        #expect(AWSService.secretsManager.endpoint(region: "eu-west-1", environment: env) == "http://sm:1")
        #expect(AWSService.eventBridge.endpoint(region: "eu-west-1", environment: [:]) == "https://events.eu-west-1.amazonaws.com")
        var ignored = env
        ignored["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        #expect(AWSService.lambda.endpoint(region: "eu-west-1", environment: ignored) == "https://lambda.eu-west-1.amazonaws.com")
    }
}
