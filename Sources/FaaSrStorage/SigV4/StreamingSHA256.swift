import Crypto
import Foundation

/// Incremental SHA-256, for hashing files and streams without holding them in memory.
public struct StreamingSHA256: Sendable {
    private var hasher = SHA256()

    /// Starts an empty hash.
    public init() {}

    /// Adds bytes.
    public mutating func update(_ data: Data) { hasher.update(data: data) }

    /// Adds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    /// The lower-case hex digest.
    public func finalizeHex() -> String { SigV4Signer.hex(Array(hasher.finalize())) }
}
