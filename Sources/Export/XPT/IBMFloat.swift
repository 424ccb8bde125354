/// The 8-byte IBM System/370 hexadecimal floating point that SAS transport files store numbers in:
/// a sign bit, a 7-bit base-16 exponent biased by 64 and a 56-bit fraction (value = 0.fraction × 16^(exponent − 64)),
/// big-endian. As a `UInt64`, the first byte of the file is the most significant byte.
///
/// Rounding: IEEE → IBM is exact for every double whose magnitude is in IBM's range: a double's 53 significant
/// bits always fit in the 56-bit fraction (at most 3 leading zero bits after hexadecimal normalisation).
/// Magnitudes below 16^-65 (≈ 5.4e-79, the smallest normalised IBM number) become 0; magnitudes of 16^63
/// (≈ 7.2e75) and above, infinities and NaN cannot be written (`IBMFloatOverflow`).
/// IBM → IEEE keeps up to 56 significant bits in 53: the fraction is rounded to nearest, ties to even.
public enum IBMFloat {
    /// SAS's ordinary missing value `.`: 0x2E followed by seven zero bytes.
    public static let missing: UInt64 = 0x2E00_0000_0000_0000

    /// The IBM representation of `value` (see the type's note on range and rounding).
    public static func encode(_ value: Double) throws(IBMFloatOverflow) -> UInt64 {
        let bits = value.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        if biased == 0x7FF { throw IBMFloatOverflow(value: value) }
        // Zero and IEEE subnormals (< 2.3e-308) are far below IBM's smallest number.
        if biased == 0 { return 0 }
        let significand = (bits & 0x000F_FFFF_FFFF_FFFF) | 0x0010_0000_0000_0000
        // |value| is in [2^(p-1), 2^p); the base-16 exponent k puts it in [16^(k-1), 16^k).
        let p = biased - 1022
        let k = (p + 3) >> 2
        if k > 63 { throw IBMFloatOverflow(value: value) }
        if k < -64 { return 0 }
        let shift = p + 3 - 4 * k  // 0...3: the fraction's leading zero bits are 3 - shift
        let sign = bits & 0x8000_0000_0000_0000
        return sign | UInt64(k + 64) << 56 | significand << UInt64(shift)
    }

    /// The double nearest to an IBM number, or nil when it is a SAS missing value
    /// (`.`, `._` or `.A`–`.Z`: that byte followed by seven zero bytes).
    public static func decode(_ bits: UInt64) -> Double? {
        let fraction = bits & 0x00FF_FFFF_FFFF_FFFF
        if fraction == 0 {
            let first = UInt8(truncatingIfNeeded: bits >> 56)
            if first == 0x2E || first == 0x5F || (0x41...0x5A).contains(first) { return nil }
            return 0
        }
        let exponent = Int((bits >> 56) & 0x7F) - 64
        let negative = bits >> 63 == 1
        // Keep 53 significant bits, rounding the dropped ones to nearest, ties to even.
        let width = 64 - fraction.leadingZeroBitCount
        var kept = fraction
        var scale = 4 * exponent - 56
        if width > 53 {
            let dropped = UInt64(width - 53)
            let rest = fraction & ((1 << dropped) - 1)
            let half = UInt64(1) << (dropped - 1)
            kept = fraction >> dropped
            if rest > half || (rest == half && kept & 1 == 1) { kept += 1 }
            scale += Int(dropped)
        }
        let magnitude = Double(sign: .plus, exponent: scale, significand: Double(kept))
        return negative ? -magnitude : magnitude
    }

    /// The eight bytes of `bits` in file order.
    public static func bytes(_ bits: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: bits >> UInt64(56 - 8 * $0)) }
    }

    /// The number stored in up to eight bytes in file order; SAS numerics shorter than 8 bytes are truncated
    /// IBM doubles, so the missing low bytes are zero.
    public static func bits(_ bytes: some Collection<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        var n = 0
        for b in bytes.prefix(8) {
            value = value << 8 | UInt64(b)
            n += 1
        }
        return n == 0 ? 0 : value << UInt64(8 * (8 - n))
    }
}

/// A number that IBM floating point cannot hold: infinite, NaN, or of magnitude 16^63 (≈ 7.2e75) or more.
public struct IBMFloatOverflow: Error, Sendable, CustomStringConvertible {
    public var value: Double

    public var description: String {
        "\(value) cannot be stored as an IBM floating point number (SAS transport): the limit is about ±7.2e75"
    }
}
