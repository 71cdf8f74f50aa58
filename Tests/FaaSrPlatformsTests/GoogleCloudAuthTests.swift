import _CryptoExtras
import Crypto
import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import Foundation
import Testing

/// The service-account assertion (RS256 JWT) and its exchange for an access token, against
/// the loopback token endpoint, which verifies the signature with the account's public key.
@Suite struct GoogleCloudAuthTests {
    static func decode(_ segment: Substring) throws -> JSONValue {
        var s = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return try JSONParser.parse(Array(try #require(Data(base64Encoded: s))))
    }

    @Test func assertionIsSignedRS256WithTheRightClaims() throws {
        let account = try GoogleServiceAccount(secret: GoogleCloudFixture.pem, secretName: "GCP_SecretKey",
                                               clientEmail: GoogleCloudFixture.email, tokenURI: "https://oauth2.googleapis.com/token")
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let jwt = try account.assertion(now: now)
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(!jwt.contains("=") && !jwt.contains("+") && !jwt.contains("/"))
        let header = try Self.decode(parts[0]), claims = try Self.decode(parts[1])
        #expect(header["alg"]?.stringValue == "RS256" && header["typ"]?.stringValue == "JWT")
        #expect(claims["iss"]?.stringValue == GoogleCloudFixture.email)
        #expect(claims["scope"]?.stringValue == "https://www.googleapis.com/auth/cloud-platform")
        #expect(claims["aud"]?.stringValue == "https://oauth2.googleapis.com/token")
        #expect(claims["iat"]?.numberValue?.intValue == 1_790_000_000)
        #expect(claims["exp"]?.numberValue?.intValue == 1_790_003_600)
        var sig = String(parts[2]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while sig.count % 4 != 0 { sig += "=" }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(Data(base64Encoded: sig)))
        let input = Array("\(parts[0]).\(parts[1])".utf8)
        #expect(GoogleCloudFixture.key.publicKey.isValidSignature(signature, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5))
        // Another key does not verify it.
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        #expect(!other.publicKey.isValidSignature(signature, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5))
    }

    @Test func jsonKeyFilesAndEscapedNewlinesAreAccepted() throws {
        let escaped = GoogleCloudFixture.pem.replacingOccurrences(of: "\n", with: "\\n")
        let fromEscaped = try GoogleServiceAccount(secret: escaped, secretName: "GCP_SecretKey", clientEmail: "a@b.iam.gserviceaccount.com", tokenURI: nil)
        #expect(fromEscaped.tokenURI == "https://oauth2.googleapis.com/token")
        var file = JSONObject()
        file["type"] = "service_account"
        file["private_key_id"] = "abc123"
        file["private_key"] = .string(GoogleCloudFixture.pem)
        file["client_email"] = "sa@p.iam.gserviceaccount.com"
        file["token_uri"] = "https://oauth2.example/token"
        let account = try GoogleServiceAccount(secret: JSONPrinter.compact(.object(file)), secretName: "GCP_SecretKey", clientEmail: nil, tokenURI: nil)
        #expect(account.clientEmail == "sa@p.iam.gserviceaccount.com" && account.tokenURI == "https://oauth2.example/token")
        let header = try Self.decode(try account.assertion().split(separator: ".")[0])
        #expect(header["kid"]?.stringValue == "abc123")
        // Not a key: a message naming the secret and what to put there, never the value.
        let error = #expect(throws: GoogleServiceAccount.KeyError.self) {
            try GoogleServiceAccount(secret: "not-a-key-SECRETVALUE", secretName: "GCP_SecretKey", clientEmail: "a@b", tokenURI: nil)
        }
        #expect(error?.description.contains("GCP_SecretKey") == true && error?.description.contains("SECRETVALUE") == false)
    }

    @Test func tokenEndpointVerifiesTheSignatureAndTokensAreCached() async throws {
        try await GoogleCloudFixture.withServer { server in
            let platform = try GoogleCloudFixture.platform(server)
            try await platform.checkCredentials()
            try await platform.checkCredentials()
            // One exchange: the second call used the cached token.
            #expect(server.assertions.count == 1)
            let claims = try #require(server.assertions.first?["claims"])
            #expect(claims["aud"]?.stringValue == server.tokenURI)
            // A revoked token (401) is replaced once, without failing the call.
            server.revokeTokens()
            try await platform.checkCredentials()
            #expect(server.assertions.count == 2)

            // A key of another account: the endpoint refuses the signature; the message names the secret.
            let stranger = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let wrong = try GoogleCloudFixture.platform(server, secret: stranger.pkcs8PEMRepresentation)
            let refused = try await #require(throws: PlatformError.self) { try await wrong.checkCredentials() }
            #expect(refused.status == 400)
            #expect(refused.message.contains("GCP_SecretKey") && refused.message.contains("Invalid JWT Signature"))
            #expect(server.problems == [])
        }
    }
}
