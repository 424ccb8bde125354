import Foundation

extension Value {
    /// A 32-bit hash that agrees with `==`: equal values hash alike. ASCII text (nearly every value of a dataset) is
    /// hashed from its bytes eight at a time, with none of `Hasher`'s per-call seeding; other text from the bytes of its
    /// canonical composition (NFC), as Strings that are canonically equivalent are equal ("\u{212A}", the Kelvin sign,
    /// equals "K"). For the code tables of columns, not for data from outside that could be chosen to collide.
    var codeHash: UInt32 {
        switch self {
        case .null: return 0
        case .number(let d): return Self.finish(d == 0 ? 1 : d.bitPattern ^ 0x5555_5555_5555_5555)
        case .text(let s):
            var text = s
            if let hash = text.withUTF8({ Self.asciiHash($0) }) { return hash }
            var composed = text.precomposedStringWithCanonicalMapping
            return composed.withUTF8 { Self.bytesHash($0) }
        }
    }

    /// The hash of ASCII bytes; nil when any byte is not ASCII.
    private static func asciiHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var high: UInt64 = 0
        let hash = bytesHash(bytes, orInto: &high)
        return high & 0x8080_8080_8080_8080 == 0 ? hash : nil
    }

    private static func bytesHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var high: UInt64 = 0
        return bytesHash(bytes, orInto: &high)
    }

    /// Mixes the bytes in eight at a time (the last word padded with zeros, the length mixed in), and ORs every word
    /// into `high` so that the caller can tell whether any byte had its top bit set.
    private static func bytesHash(_ bytes: UnsafeBufferPointer<UInt8>, orInto high: inout UInt64) -> UInt32 {
        let raw = UnsafeRawBufferPointer(bytes)
        var h = UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            high |= word
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        if i < raw.count {
            var word: UInt64 = 0
            for (shift, n) in (i..<raw.count).enumerated() { word |= UInt64(raw[n]) << (8 * UInt64(shift)) }
            high |= word
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
        }
        return finish(h)
    }

    /// The last avalanche of a 64-bit hash, folded to 32 bits.
    private static func finish(_ x: UInt64) -> UInt32 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return UInt32(truncatingIfNeeded: h)
    }
}
