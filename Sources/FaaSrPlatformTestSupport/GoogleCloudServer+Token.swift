import _CryptoExtras
import Crypto
import FaaSrCore
import Foundation

/// The OAuth 2.0 token endpoint: JWT-bearer assertions (RFC 7523) signed RS256 by a known
/// service account, checked as Google checks them; answers `invalid_grant` and friends as
/// Google does (400 with `error` and `error_description`).
extension GoogleCloudServer {
    static func oauthError(_ error: String, _ description: String) -> LoopbackReply {
        .json(400, ["error": .string(error), "error_description": .string(description)])
    }

    /// Longest assertion lifetime Google accepts, and the clock skew it tolerates (seconds).
    static let maxAssertionLifetime = 3600.0, clockSkew = 300.0

    func token(_ request: LoopbackRequest) -> LoopbackReply {
        guard request.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            run.problem("POST /token: Content-Type is not application/x-www-form-urlencoded")
            return Self.oauthError("invalid_request", "Content-Type must be application/x-www-form-urlencoded")
        }
        var form: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            form[kv[0]] = kv.count > 1 ? kv[1] : ""
        }
        guard form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer" else {
            return Self.oauthError("unsupported_grant_type", "Invalid grant_type: \(form["grant_type"] ?? "")")
        }
        guard let assertion = form["assertion"] else { return Self.oauthError("invalid_request", "Missing required parameter: assertion") }
        switch verify(assertion) {
        case .failure(let failure): return failure.reply
        case .success(let (header, claims)):
            let email = claims["iss"]?.stringValue ?? ""
            let scope = claims["scope"]?.stringValue ?? ""
            return lock.withLock {
                verifiedAssertions.append(["header": header, "claims": claims])
                let token = "ya29.test-\(nextID())\(nextID())"
                tokens[token] = (email, scope, Date().addingTimeInterval(3600))
                return .json(200, ["access_token": .string(token), "expires_in": 3599, "token_type": "Bearer"])
            }
        }
    }

    /// Checks an assertion: three base64url segments, header alg RS256, a known issuer whose
    /// key verifies the signature (RSASSA-PKCS1-v1_5, SHA-256), audience, scope and times.
    func verify(_ assertion: String) -> Result<(JSONValue, JSONValue), LoopbackReplyError> {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerBytes = Self.base64URLDecode(parts[0]), let claimBytes = Self.base64URLDecode(parts[1]),
              let signature = Self.base64URLDecode(parts[2]),
              let header = try? JSONParser.parse(headerBytes), let claims = try? JSONParser.parse(claimBytes) else {
            return .failure(.init(Self.oauthError("invalid_grant", "Invalid JWT: not three base64url segments of JSON")))
        }
        guard header["alg"]?.stringValue == "RS256" else {
            return .failure(.init(Self.oauthError("invalid_grant", "Invalid JWT: alg must be RS256")))
        }
        guard let email = claims["iss"]?.stringValue, let key = accounts[email] else {
            return .failure(.init(Self.oauthError("invalid_grant", "Invalid grant: account not found")))
        }
        let input = Array("\(parts[0]).\(parts[1])".utf8)
        guard key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: input),
                                   padding: .insecurePKCS1v1_5) else {
            return .failure(.init(Self.oauthError("invalid_grant", "Invalid JWT Signature.")))
        }
        guard claims["aud"]?.stringValue == tokenURI else {
            return .failure(.init(Self.oauthError("invalid_grant", "Invalid JWT: Failed audience check. The expected audience is \(tokenURI).")))
        }
        guard let scope = claims["scope"]?.stringValue, !scope.isEmpty else {
            return .failure(.init(Self.oauthError("invalid_scope", "Invalid OAuth scope or ID token audience provided.")))
        }
        let now = Date().timeIntervalSince1970
        guard let iat = claims["iat"]?.numberValue?.doubleValue, let exp = claims["exp"]?.numberValue?.doubleValue,
              exp > iat, exp - iat <= Self.maxAssertionLifetime, iat <= now + Self.clockSkew, exp >= now - Self.clockSkew else {
            return .failure(.init(Self.oauthError("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.")))
        }
        return .success((header, claims))
    }

    /// Decodes base64url without padding; nil for anything else (padding included).
    static func base64URLDecode(_ text: String) -> [UInt8]? {
        guard !text.contains("="), !text.contains("+"), !text.contains("/") else { return nil }
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s).map(Array.init)
    }
}

/// An error answer carried through a `Result`.
public struct LoopbackReplyError: Error, Sendable {
    /// The answer to give.
    public var reply: LoopbackReply
    init(_ reply: LoopbackReply) { self.reply = reply }
}
