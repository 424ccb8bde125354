/// JSON text (RFC 8259) appended byte by byte to a buffer: the fast path of the Dataset-JSON writer,
/// free of intermediate strings for strings, literals and integers.
enum JSONText {
    /// Appends `text` as a JSON string: quoted, with `"` and `\` escaped, the control characters
    /// U+0000...U+001F escaped (`\b`, `\t`, `\n`, `\f`, `\r` in their short form, the others as `\u00XX`),
    /// and everything else, non-ASCII included, as its UTF-8 bytes.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                appendEscape(b, to: &out)
                start = i + 1
            }
            if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
        out.append(0x22)
    }

    private static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        out.append(0x5C)
        switch b {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x08: out.append(0x62)  // \b
        case 0x09: out.append(0x74)  // \t
        case 0x0A: out.append(0x6E)  // \n
        case 0x0C: out.append(0x66)  // \f
        case 0x0D: out.append(0x72)  // \r
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(0x75)  // u00XX
            out.append(0x30)
            out.append(0x30)
            out.append(hex.utf8Start[Int(b >> 4)])
            out.append(hex.utf8Start[Int(b & 0x0F)])
        }
    }

    /// Appends ASCII text known at compile time (`null`, `,`, keys), as is.
    static func appendRaw(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `value` in decimal digits.
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        appendInteger(Int64(value), to: &out)
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        let start = out.count
        repeat {
            out.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }

    /// Appends a finite number in plain decimal notation: integral values as integers (no decimal point),
    /// others with the fewest digits that read back as the same `Double` (`72.5`, `0.1`), never with an
    /// exponent (`0.00001`, not `1e-05`), so the text is also a valid `decimal`.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        if value == value.rounded(.towardZero), value > -9.2e18, value < 9.2e18 {
            appendInteger(Int64(value), to: &out)
        } else {
            var text = plainDecimal(value)
            text.withUTF8 { out.append(contentsOf: $0) }
        }
    }

    /// The shortest round-trip text of `value` (Swift's `description`), with any exponent written out.
    static func plainDecimal(_ value: Double) -> String {
        let text = value.description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let negative = text.hasPrefix("-")
        let mantissa = text[text.index(text.startIndex, offsetBy: negative ? 1 : 0)..<e]
        guard let exponent = Int(text[text.index(after: e)...]) else { return text }
        let integerDigits = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        var digits = String(mantissa.filter { $0 != "." })
        let point = integerDigits + exponent
        if point >= digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        } else {
            if point <= 0 { digits = String(repeating: "0", count: 1 - point) + digits }
            let at = digits.index(digits.endIndex, offsetBy: -(digits.count - max(point, 1)))
            var fraction = digits[at...]
            while fraction.last == "0" { fraction = fraction.dropLast() }
            digits = fraction.isEmpty ? String(digits[..<at]) : String(digits[..<at]) + "." + fraction
        }
        return negative ? "-" + digits : digits
    }
}
