import FaaSrPlatformAPI
import Foundation

/// Turns AWS error answers into ``PlatformError``s that say what to fix.
struct AWSFailure: Sendable {
    /// The compute server's name.
    var serverName: String

    /// The error for `response` to `operation` (`Lambda CreateFunction`); `specific` may give a
    /// better hint for a given error code (return nil to use the general one).
    func error(_ operation: String, _ response: PlatformResponse,
               specific: (AWSErrorAnswer) -> String? = { _ in nil }) -> PlatformError {
        let answer = AWSErrorAnswer(response)
        let said = answer.message.isEmpty ? "" : " AWS said: \(PlatformHTTP.excerpt(answer.message))"
        let name = answer.code.isEmpty ? "" : " (\(answer.code))"
        let hint = specific(answer) ?? general(answer, status: response.status)
        return PlatformError(serverName: serverName, request: operation, status: response.status,
                             message: "\(hint)\(name).\(said)")
    }

    /// What to do about an error any operation can get.
    func general(_ answer: AWSErrorAnswer, status: Int) -> String {
        let keys = LambdaFacts.credentialSecrets(server: serverName)
        switch answer.code {
        case "UnrecognizedClientException", "InvalidClientTokenId", "InvalidAccessKeyId":
            return "AWS does not know the access key; check the secret \(keys.accessKey)"
        case "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature":
            return "the request signature was refused: the secret \(keys.secretKey) does not belong to \(keys.accessKey) (or this machine's clock is more than 5 minutes off)"
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired":
            return "the credentials or the request expired; renew \(keys.accessKey)/\(keys.secretKey) or fix this machine's clock"
        case "AccessDenied", "AccessDeniedException":
            return "the IAM user of \(keys.accessKey) lacks the permission for this request; grant it (Lambda, EventBridge, Secrets Manager and iam:PassRole on the role, see README \"AWS Lambda\")"
        case "TooManyRequestsException", "ThrottlingException", "LimitExceededException":
            return "AWS is rate-limiting or a quota is reached; wait and run the command again"
        case "ResourceConflictException", "ConcurrentModificationException":
            return "another change to the same resource is in progress; run the command again in a minute"
        default:
            break
        }
        switch status {
        case 401, 403: return "the credentials \(keys.accessKey)/\(keys.secretKey) were refused; check both secrets and the region"
        case 404: return "not found; check the server's Region and the endpoint"
        case 429: return "rate-limited; wait and run the command again"
        case 500...599: return "AWS failed (after retries where safe); try again later"
        default: return "AWS refused the request"
        }
    }
}
