/// One SDTM cell: SDTM has only character and numeric variables, and null.
public enum Value: Hashable, Sendable {
    case null
    case text(String)
    case number(Double)

    /// Makes `.null` of an empty string, so that "no value" has one representation.
    public static func of(_ text: String) -> Value { text.isEmpty ? .null : .text(text) }

    public var isNull: Bool { self == .null }

    /// The value as it is written in CSV and Dataset-JSON text: numbers without spurious trailing zeros.
    public var text: String {
        switch self {
        case .null: ""
        case .text(let s): s
        case .number(let d): Value.format(d)
        }
    }

    /// Integers print without a decimal point; other numbers with the shortest exact representation.
    public static func format(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
