import FaaSrPlatformAPI
import Foundation

/// A Slurm JWT (`scontrol token`), read without verifying its signature: only its claims, so
/// an expired token or one minted for another user is refused before any request, with a
/// message saying how to mint a new one (slurmrestd itself answers those with a bare 500).
struct SLURMToken: Sendable {
    /// The token text (never printed).
    let text: String
    /// The `exp` claim.
    let expires: Date?
    /// The `sun` claim: the Slurm user the token is for.
    let user: String?

    /// Parses `text`; `secretName` and `serverName` are for messages.
    init(_ text: String, secretName: String, serverName: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        func refuse(_ why: String) -> PlatformError {
            PlatformError(serverName: serverName, request: "read \(secretName)",
                          message: "\(secretName) is not a Slurm JWT (\(why)); mint one on the cluster with `scontrol token username=USER lifespan=SECONDS` and set \(secretName) to the part after SLURM_JWT=")
        }
        guard trimmed.hasPrefix("eyJ"), parts.count == 3 else { throw refuse("a JWT starts with eyJ and has three dot-separated parts") }
        guard let claims = Self.decode(String(parts[1])) else { throw refuse("its claims are not base64url JSON") }
        self.text = trimmed
        self.expires = (claims["exp"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) }
        self.user = claims["sun"] as? String
    }

    /// The claims object of a base64url segment.
    static func decode(_ segment: String) -> [String: Any]? {
        var b64 = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object
    }

    /// Throws when the token has expired or was minted for a user other than `userName`.
    func check(userName: String, secretName: String, serverName: String, now: Date = Date()) throws {
        if let expires, expires <= now {
            throw PlatformError(serverName: serverName, request: "read \(secretName)",
                                message: "the Slurm token in \(secretName) expired at \(Self.format(expires)); mint a new one on the cluster with `scontrol token username=\(user ?? userName) lifespan=SECONDS` and set \(secretName) to it")
        }
        if let user, user != userName {
            throw PlatformError(serverName: serverName, request: "read \(secretName)",
                                message: "the Slurm token in \(secretName) is for user '\(user)' but the server's UserName is '\(userName)'; set UserName to '\(user)' or mint a token with `scontrol token username=\(userName)`")
        }
    }

    static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
