import CSodium

/// libsodium's sealed box (`crypto_box_seal`): what GitHub requires for repository secrets.
/// An anonymous sender encrypts to the repository's Curve25519 public key; only the holder of
/// the secret key opens it. The crypto is libsodium's own (Debian `libsodium-dev`), never
/// hand-written (docs/decisions.md, "GitHub secrets: libsodium").
public enum SealedBox {
    /// Why sealing failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// The length of a public key (32 bytes).
    public static var publicKeyBytes: Int { Int(crypto_box_publickeybytes()) }
    /// The bytes a sealed box adds to its message (48: ephemeral key + tag).
    public static var overheadBytes: Int { Int(crypto_box_sealbytes()) }

    /// Seals `message` to `publicKey`.
    public static func seal(_ message: [UInt8], to publicKey: [UInt8]) throws -> [UInt8] {
        try ready()
        guard publicKey.count == publicKeyBytes else {
            throw Failure(description: "the public key has \(publicKey.count) bytes, expected \(publicKeyBytes)")
        }
        var out = [UInt8](repeating: 0, count: message.count + overheadBytes)
        let rc = crypto_box_seal(&out, message, UInt64(message.count), publicKey)
        guard rc == 0 else { throw Failure(description: "crypto_box_seal failed (\(rc))") }
        return out
    }

    /// Opens a box sealed to `publicKey`; nil when it was not sealed to that key or was changed.
    public static func open(_ box: [UInt8], publicKey: [UInt8], secretKey: [UInt8]) -> [UInt8]? {
        guard (try? ready()) != nil, box.count >= overheadBytes, publicKey.count == publicKeyBytes,
              secretKey.count == Int(crypto_box_secretkeybytes()) else { return nil }
        var out = [UInt8](repeating: 0, count: box.count - overheadBytes)
        return crypto_box_seal_open(&out, box, UInt64(box.count), publicKey, secretKey) == 0 ? out : nil
    }

    /// A new key pair (for tests and local stand-ins of GitHub).
    public static func keyPair() throws -> (publicKey: [UInt8], secretKey: [UInt8]) {
        try ready()
        var pk = [UInt8](repeating: 0, count: publicKeyBytes)
        var sk = [UInt8](repeating: 0, count: Int(crypto_box_secretkeybytes()))
        guard crypto_box_keypair(&pk, &sk) == 0 else { throw Failure(description: "crypto_box_keypair failed") }
        return (pk, sk)
    }

    /// `sodium_init` is safe to call many times and from many threads; -1 means unusable.
    private static func ready() throws {
        if sodium_init() < 0 { throw Failure(description: "libsodium could not be initialised") }
    }
}
