internal import CLibCrypto

/// SHA-256 (FIPS 180-4), incremental, so that a writer can hash a file as it streams it out. Computed by the system's
/// libcrypto (OpenSSL), which uses the processor's SHA instructions where it has them.
public struct SHA256: Sendable {
    /// The digest state; copied before a write when another `SHA256` value shares it, so that copies are independent.
    private var state: State

    public init() { state = State() }

    public mutating func update(_ bytes: some Collection<UInt8>) {
        if !isKnownUniquelyReferenced(&state) { state = State(copying: state) }
        let handled: Void? = bytes.withContiguousStorageIfAvailable { input in
            guard let base = input.baseAddress, !input.isEmpty else { return }
            precondition(EVP_DigestUpdate(state.context, base, input.count) == 1, "SHA-256 update failed")
        }
        if handled == nil { update(Array(bytes)) }
    }

    /// The digest of everything given to `update`; the value can still be updated and finalized again afterwards.
    public func finalize() -> [UInt8] {
        let copy = State(copying: state)
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(copy.context, &digest, &length) == 1 && length == 32, "SHA-256 final failed")
        return digest
    }

    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    /// An OpenSSL digest context, freed with its owner.
    private final class State: @unchecked Sendable {
        let context: OpaquePointer

        init() {
            context = EVP_MD_CTX_new()
            precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "SHA-256 is not available in libcrypto")
        }

        init(copying other: State) {
            context = EVP_MD_CTX_new()
            precondition(EVP_MD_CTX_copy_ex(context, other.context) == 1, "SHA-256 state could not be copied")
        }

        deinit { EVP_MD_CTX_free(context) }
    }
}

extension [UInt8] {
    /// Lowercase hexadecimal.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for b in self {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
