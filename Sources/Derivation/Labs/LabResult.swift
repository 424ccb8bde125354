import Ingest

/// An exact decimal as a lab prints it, `significand x 10^exponent`, so that unit conversions and
/// boundary comparisons are done on the decimal the lab wrote and never on a binary approximation
/// (1.5 x ULN of 40 is exactly 60, 0.3 mg/dL x 17.1 is exactly 5.13 umol/L).
public struct LabNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let significand: Int
    public let exponent: Int

    /// The number, kept in lowest terms (no trailing zeros in the significand) so equal values are equal.
    public init(significand: Int, exponent: Int) {
        var s = significand
        var e = exponent
        if s == 0 {
            e = 0
        } else {
            while s % 10 == 0 { s /= 10; e += 1 }
        }
        self.significand = s
        self.exponent = e
    }

    /// Parses `12`, `-3.5`, `+0.25`, `.5`, `5.` (surrounding spaces ignored); nil for anything else,
    /// including decimal commas, thousands separators, exponents and more than 18 digits.
    public init?(_ text: String) {
        let t = text.trimmingSpaces
        var s = 0
        var e = 0
        var digits = 0
        var negative = false
        var seenPoint = false
        var first = true
        for b in t.utf8 {
            defer { first = false }
            switch b {
            case UInt8(ascii: "-") where first: negative = true
            case UInt8(ascii: "+") where first: break
            case UInt8(ascii: ".") where !seenPoint: seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 18 else { return nil }
                s = s * 10 + Int(b - UInt8(ascii: "0"))
                if seenPoint { e -= 1 }
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        self.init(significand: negative ? -s : s, exponent: e)
    }

    /// The nearest binary floating-point value (what --STRESN holds).
    public var double: Double {
        // A significand and a power of ten that are both exact doubles give the correctly rounded value in one
        // operation, as reading the decimal text would (strtod's fast path); other numbers are read from their text.
        if significand.magnitude < 1 << 53, exponent >= -22, exponent <= 22 {
            let s = Double(significand)
            return exponent >= 0 ? s * Self.powersOfTen[exponent] : s / Self.powersOfTen[-exponent]
        }
        return Double(description) ?? .nan
    }

    /// 1e0 through 1e22, every one exact in a Double.
    private static let powersOfTen: [Double] = (0...22).map { Double("1e\($0)")! }

    /// The exact product, or nil when it does not fit in 64 bits.
    public func multiplied(by other: LabNumber) -> LabNumber? {
        let (p, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        guard !overflow else { return nil }
        return LabNumber(significand: p, exponent: exponent + other.exponent)
    }

    /// Plain decimal notation without trailing zeros: `20.52`, `5000`, `0.005`, `-1.5`.
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        if exponent >= 0 { return sign + digits + String(repeating: "0", count: significand == 0 ? 0 : exponent) }
        let k = -exponent
        if digits.count > k {
            let cut = digits.index(digits.endIndex, offsetBy: -k)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        return sign + "0." + String(repeating: "0", count: k - digits.count) + digits
    }

    public static func < (a: LabNumber, b: LabNumber) -> Bool { a.double < b.double }
}

/// How a censored result relates to its number: `<0.2` is `.lessThan 0.2`.
public enum LabComparator: String, Sendable, Hashable, CaseIterable {
    case lessThan = "<", lessOrEqual = "<=", greaterThan = ">", greaterOrEqual = ">="
}

/// A lab result as collected in --ORRES, classified for standardization.
///
/// Only `.number` gives --STRESN; a censored result such as `<0.2` is character in --STRESC
/// (converted: `<3.42` umol/L) with --STRESN null, as SDTMIG asks for results beyond the assay's range.
public enum LabResult: Hashable, Sendable {
    /// Nothing collected.
    case missing
    /// The test was not done (--STAT NOT DONE; the reason goes to --REASND).
    case notDone
    /// A plain number.
    case number(LabNumber)
    /// A number beyond the assay's limits: `<0.2`, `>1000`, `<= 5`.
    case censored(LabComparator, LabNumber)
    /// A character result (`POSITIVE`, `TRACE`, `HEMOLYZED`): kept as collected.
    case text(String)
    /// Looks like a number but is not one: `12,5` (decimal comma or thousands separator?), `1.2.3`.
    /// Kept as character and reported: ask the site what was meant.
    case unreadable(String)

    private static let notDoneSpellings: Set<String> = ["NOT DONE", "NOTDONE", "ND", "N/D", "NOT PERFORMED", "NOT TESTED"]

    /// Classifies a raw result (spaces around it ignored).
    public init(raw: String) {
        let t = raw.trimmingSpaces
        if t.isEmpty { self = .missing; return }
        if let n = LabNumber(t) { self = .number(n); return }
        if Self.notDoneSpellings.contains(t.uppercased()) { self = .notDone; return }
        for c in [LabComparator.lessOrEqual, .greaterOrEqual, .lessThan, .greaterThan] where t.hasPrefix(c.rawValue) {
            if let n = LabNumber(String(t.dropFirst(c.rawValue.count))) { self = .censored(c, n); return }
        }
        let numberLike = t.utf8.contains { $0 >= 48 && $0 <= 57 }
            && t.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || [44, 46, 43, 45, 32, 60, 61, 62].contains($0) }
        self = numberLike ? .unreadable(t) : .text(t)
    }

    /// True when something was measured (a number, a censored number or a character result).
    public var hasResult: Bool {
        switch self {
        case .missing, .notDone: false
        case .number, .censored, .text, .unreadable: true
        }
    }

    /// The number when the result is a plain number.
    public var number: LabNumber? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The problem to report for this result, if any (an unreadable number).
    public func problem(testcd: String) -> LabError? {
        if case .unreadable(let text) = self { return .unreadableResult(testcd: testcd, text: text) }
        return nil
    }
}

/// A result in standard units: --STRESC, --STRESN and --STRESU.
public struct StandardizedResult: Hashable, Sendable {
    public var stresc: String
    public var stresn: Double?
    public var stresu: String?

    public init(stresc: String, stresn: Double?, stresu: String?) {
        self.stresc = stresc
        self.stresn = stresn
        self.stresu = stresu
    }
}
