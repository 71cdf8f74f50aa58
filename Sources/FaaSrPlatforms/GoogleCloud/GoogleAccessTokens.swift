import FaaSrCore
import FaaSrPlatformAPI
import Foundation

/// Access tokens for service accounts: a signed assertion is exchanged at the account's
/// `TokenUri` (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`), and the token is
/// kept, per token endpoint, account and key, until a minute before it expires. The cache is
/// process-wide because platforms are built per call (each trigger builds its own).
public enum GoogleAccessTokens {
    /// The OAuth 2.0 grant type of a JWT-bearer assertion (RFC 7523).
    public static let grantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    /// How long before its expiry a cached token is no longer used (seconds).
    public static let renewMargin: TimeInterval = 60

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: (token: String, expires: Date)] = [:]

    /// A valid access token for `account`: the cached one, or a new one from its token endpoint.
    public static func token(for account: GoogleServiceAccount, http: PlatformHTTP, secretName: String,
                             now: @Sendable () -> Date = { Date() }) async throws -> String {
        let key = "\(account.tokenURI) \(account.clientEmail) \(account.fingerprint)"
        if let hit = lock.withLock({ cache[key] }), hit.expires.timeIntervalSince(now()) > renewMargin { return hit.token }
        let assertion = try account.assertion(now: now())
        let form = "grant_type=\(formEncoded(grantType))&assertion=\(formEncoded(assertion))"
        let request = PlatformRequest(method: "POST", url: account.tokenURI,
                                      headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
                                                ("User-Agent", "faasr-swift")],
                                      body: Array(form.utf8), idempotent: true)
        let response = try await http.expect(request, [200]) { status, body in
            hint(status, body, account: account, secretName: secretName)
        }
        let answer = (try? JSONParser.parse(response.body)) ?? .null
        guard let token = answer["access_token"]?.stringValue, !token.isEmpty else {
            throw PlatformError(serverName: http.serverName, request: request.label, status: response.status,
                                message: "the token endpoint answered without an access_token; check TokenUri (\(account.tokenURI))")
        }
        let lifetime = answer["expires_in"]?.numberValue?.doubleValue ?? 3600
        lock.withLock { cache[key] = (token, now().addingTimeInterval(lifetime)) }
        return token
    }

    /// Forgets every cached token (tests; after a 401 from an API).
    public static func forget() { lock.withLock { cache.removeAll() } }

    /// Forgets the tokens of `account`.
    static func forget(_ account: GoogleServiceAccount) {
        lock.withLock { cache = cache.filter { !$0.key.hasSuffix(" \(account.clientEmail) \(account.fingerprint)") } }
    }

    static func hint(_ status: Int, _ body: String, account: GoogleServiceAccount, secretName: String) -> String {
        let answer = (try? JSONParser.parse(Array(body.utf8))) ?? .null
        let said = [answer["error"]?.stringValue, answer["error_description"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
        let told = said.isEmpty ? (body.isEmpty ? "" : " It said: \(body)") : " It said: \(said)."
        switch status {
        case 400, 401:
            return "the token endpoint refused the service account's assertion; check that \(secretName) is the private key of \(account.clientEmail) (ClientEmail), that the key is not deleted or disabled, and that this machine's clock is right.\(told)"
        case 403:
            return "the service account \(account.clientEmail) may not get tokens (disabled?); enable it in IAM.\(told)"
        case 404:
            return "TokenUri \(account.tokenURI) is not a token endpoint; use https://oauth2.googleapis.com/token.\(told)"
        default:
            return PlatformHTTP.genericHint(status, body)
        }
    }

    /// `application/x-www-form-urlencoded` value encoding.
    static func formEncoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
}
