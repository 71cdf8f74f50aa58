import _CryptoExtras
import Crypto
import FaaSrCore
import Foundation

/// A Google service account as FaaSr uses it: its e-mail (`ClientEmail`), the token endpoint
/// (`TokenUri`) and its RSA private key (the `{Server}_SecretKey` secret). It signs the
/// OAuth 2.0 JWT-bearer assertion (RFC 7523) that ``GoogleAccessTokens`` exchanges for an
/// access token: RS256 (RSASSA-PKCS1-v1_5 over SHA-256) with swift-crypto's `_RSA`.
public struct GoogleServiceAccount: Sendable {
    /// The service account's e-mail, the assertion's `iss`.
    public var clientEmail: String
    /// Where assertions are exchanged for tokens, and their `aud`.
    public var tokenURI: String
    /// The key's id (`private_key_id` of a JSON key file), sent as the JWT header's `kid`.
    public var keyID: String?
    let key: _RSA.Signing.PrivateKey

    /// The scope every FaaSr call uses (Run, Scheduler and Secret Manager all accept it).
    public static let cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"
    /// Google's token endpoint, when neither the server entry nor the key file names one.
    public static let defaultTokenURI = "https://oauth2.googleapis.com/token"
    /// How long an assertion is valid (Google's maximum, as google-auth asks for).
    public static let assertionLifetime: TimeInterval = 3600

    /// Why a key could not be used; says what to put into the secret instead.
    public struct KeyError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Reads `secret`: the PEM private key (FaaSr's form, `-----BEGIN PRIVATE KEY-----`, also
    /// with literal `\n`s as `sync_secret` stores it) or a whole JSON key file as the Cloud
    /// console downloads it (`private_key`, `client_email`, `token_uri`, `private_key_id`).
    /// The server entry's `clientEmail`/`tokenURI` win over the key file's.
    public init(secret: String, secretName: String, clientEmail: String?, tokenURI: String?) throws(KeyError) {
        var pem = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        var fileEmail: String?
        var fileTokenURI: String?
        if pem.hasPrefix("{") {
            guard let file = try? JSONParser.parse(Array(pem.utf8)), let key = file["private_key"]?.stringValue else {
                throw KeyError(description: "the secret \(secretName) looks like a JSON key file but has no private_key; paste the whole key file the Cloud console downloaded, or only its PEM private key")
            }
            pem = key
            fileEmail = file["client_email"]?.stringValue
            fileTokenURI = file["token_uri"]?.stringValue
            keyID = file["private_key_id"]?.stringValue
        } else {
            keyID = nil
        }
        if !pem.contains("\n"), pem.contains("\\n") { pem = pem.replacingOccurrences(of: "\\n", with: "\n") }
        do {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw KeyError(description: "the secret \(secretName) is not an RSA private key of 2048 bits or more in PEM form (-----BEGIN PRIVATE KEY-----); use the private_key of the service account's JSON key file")
        }
        guard let email = [clientEmail, fileEmail].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw KeyError(description: "no ClientEmail: set it in the server entry to the service account's e-mail (…@PROJECT.iam.gserviceaccount.com)")
        }
        self.clientEmail = email
        self.tokenURI = [tokenURI, fileTokenURI].compactMap { $0 }.first { !$0.isEmpty } ?? Self.defaultTokenURI
    }

    /// The signed assertion `header.claims.signature` asking for `scope`, issued at `now`.
    public func assertion(scope: String = cloudPlatformScope, now: Date = Date()) throws -> String {
        var header = JSONObject()
        header["alg"] = "RS256"
        header["typ"] = "JWT"
        if let keyID { header["kid"] = .string(keyID) }
        let issued = Int(now.timeIntervalSince1970)
        var claims = JSONObject()
        claims["iss"] = .string(clientEmail)
        claims["scope"] = .string(scope)
        claims["aud"] = .string(tokenURI)
        claims["iat"] = .number(JSONNumber(issued))
        claims["exp"] = .number(JSONNumber(issued + Int(Self.assertionLifetime)))
        let input = Self.base64URL(Array(JSONPrinter.compact(.object(header)).utf8)) + "." +
            Self.base64URL(Array(JSONPrinter.compact(.object(claims)).utf8))
        let signature = try key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Self.base64URL(Array(signature.rawRepresentation))
    }

    /// A short fingerprint of the key (for caching tokens per key; reveals nothing of it).
    var fingerprint: String {
        SHA256.hash(data: key.publicKey.derRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Base64url without padding (RFC 7515 §2).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
